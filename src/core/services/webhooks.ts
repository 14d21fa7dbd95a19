import { and, asc, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { webhookDeliveries, webhooks } from '../../store/schema-infra';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Principal, Webhook, WebhookDelivery } from '../model';
import type { CoreEvent, EventService } from './events';
import type { TenancyService } from './tenancy';

export interface WebhookInput { url?: string; label?: string | null; clusterId?: string | null }

export interface DeliveryOutcome {
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
  statusCode: number | null;
  responseBody: string;
  error: string | null;
  succeeded: boolean;
}

/** How many delivery records the store keeps in all; older ones are pruned as new ones come. */
const DELIVERY_LOG_SIZE = 1000;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Outgoing webhooks of a tenant, each for one cluster or for all of them, and the record of what
 * was delivered to them. The HTTP side of delivery lives outside the core (src/webhooks).
 */
export class WebhookService {
  /** The tenants that have at least one webhook, so an event of any other tenant costs no query. */
  private tenantsWithWebhooks?: { generation: number; ids: Set<string> };

  constructor(
    private readonly ctx: CoreContext,
    private readonly tenancy: TenancyService,
    private readonly events: EventService,
  ) {}

  private get db() { return this.ctx.store.db; }

  list(p: Principal, tenantId: string): Webhook[] {
    this.tenancy.requireTenant(p, tenantId);
    return this.db.select().from(webhooks).where(eq(webhooks.tenantId, tenantId)).orderBy(asc(webhooks.createdAt), asc(webhooks.id)).all();
  }

  get(p: Principal, tenantId: string, id: string): Webhook {
    this.tenancy.requireTenant(p, tenantId);
    const hook = this.db.select().from(webhooks).where(and(eq(webhooks.tenantId, tenantId), eq(webhooks.id, id))).get();
    if (!hook) throw fail('webhook.not_found', { id });
    return hook;
  }

  /** A webhook of `dialect`: that dialect's renderer writes the body of each of its deliveries. */
  create(p: Principal, tenantId: string, dialect: string, input: WebhookInput): Webhook {
    return this.ctx.store.tx(() => {
      this.tenancy.requireTenant(p, tenantId, 'write');
      const fields = this.validate(p, tenantId, input, undefined);
      this.forgetWhoHasWebhooks();
      return this.db.insert(webhooks).values({
        id: this.ctx.ids.uuid(), tenantId, dialect, url: fields.url, label: fields.label, clusterId: fields.clusterId, createdAt: nowIso(this.ctx),
      }).returning().get();
    });
  }

  update(p: Principal, tenantId: string, id: string, input: WebhookInput): Webhook {
    return this.ctx.store.tx(() => {
      this.tenancy.requireTenant(p, tenantId, 'write');
      const hook = this.get(p, tenantId, id);
      const fields = this.validate(p, tenantId, input, hook);
      return this.db.update(webhooks).set(fields).where(eq(webhooks.id, id)).returning().get();
    });
  }

  remove(p: Principal, tenantId: string, id: string): void {
    this.ctx.store.tx(() => {
      this.tenancy.requireTenant(p, tenantId, 'write');
      this.get(p, tenantId, id);
      this.forgetWhoHasWebhooks();
      this.db.delete(webhooks).where(eq(webhooks.id, id)).run();
    });
  }

  /** Asks for a test delivery: an event only this webhook receives. */
  test(p: Principal, tenantId: string, id: string): void {
    this.ctx.store.tx(() => {
      const hook = this.get(p, tenantId, id);
      this.events.record({ tenantId, clusterId: hook.clusterId }, 'webhook.test', p.username, { webhookId: hook.id });
    });
  }

  /**
   * The webhooks an event goes to: its tenant's, for its cluster or for every cluster. Asked after
   * every committed write, so a tenant without webhooks (the common case) is answered from memory.
   */
  subscribersOf(event: CoreEvent): Webhook[] {
    if (!this.tenantsHavingWebhooks().has(event.tenantId)) return [];
    if (event.kind === 'webhook.test') {
      return this.db.select().from(webhooks).where(eq(webhooks.id, String(event.data.webhookId))).all();
    }
    const cluster = event.clusterId ? or(isNull(webhooks.clusterId), eq(webhooks.clusterId, event.clusterId)) : isNull(webhooks.clusterId);
    return this.db.select().from(webhooks).where(and(eq(webhooks.tenantId, event.tenantId), cluster)).all();
  }

  /** Keeps the outcome of a delivery: last_triggered, the failure count, and the delivery log. */
  recordDelivery(webhookId: string, outcome: DeliveryOutcome): void {
    this.ctx.store.tx(() => {
      const hook = this.db.select().from(webhooks).where(eq(webhooks.id, webhookId)).get();
      if (!hook) return;
      const now = nowIso(this.ctx);
      this.db.update(webhooks).set({ lastTriggered: now, failureCount: outcome.succeeded ? 0 : hook.failureCount + 1 })
        .where(eq(webhooks.id, webhookId)).run();
      const row = this.db.insert(webhookDeliveries).values({ webhookId, ...outcome, deliveredAt: now }).returning().get();
      this.db.delete(webhookDeliveries).where(lt(webhookDeliveries.id, row.id - DELIVERY_LOG_SIZE + 1)).run();
    });
  }

  private tenantsHavingWebhooks(): Set<string> {
    const generation = this.ctx.store.generation;
    if (this.tenantsWithWebhooks?.generation !== generation) {
      const rows = this.db.selectDistinct({ tenantId: webhooks.tenantId }).from(webhooks).all();
      this.tenantsWithWebhooks = { generation, ids: new Set(rows.map((r) => r.tenantId)) };
    }
    return this.tenantsWithWebhooks.ids;
  }

  /**
   * Dropped on every create and delete (and refilled on the next event, outside any transaction), so
   * a change that rolls back cannot leave a wrong answer behind. Reset and restore move the store's
   * generation, which drops it too.
   */
  private forgetWhoHasWebhooks(): void {
    this.tenantsWithWebhooks = undefined;
  }

  deliveries(): WebhookDelivery[] {
    return this.db.select().from(webhookDeliveries).orderBy(desc(webhookDeliveries.id)).limit(DELIVERY_LOG_SIZE).all().reverse();
  }

  private validate(p: Principal, tenantId: string, input: WebhookInput, old: Webhook | undefined) {
    const url = input.url ?? old?.url;
    if (!url) throw fail('webhook.url_required', {}, 'url');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw fail('webhook.url_invalid', { url }, 'webhook_url');
    }
    // Loopback receivers may use plain http, so tests can listen without a certificate.
    const plainLoopback = parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname);
    if (parsed.protocol !== 'https:' && !plainLoopback) throw fail('webhook.url_insecure', { url }, 'webhook_url');
    if (this.ctx.settings.isAdminUrl?.(parsed)) throw fail('webhook.url_admin', { url }, 'webhook_url');
    const clusterId = input.clusterId === undefined ? old?.clusterId ?? null : input.clusterId;
    if (clusterId) {
      try {
        this.tenancy.requireCluster(p, tenantId, clusterId);
      } catch {
        throw fail('webhook.cluster_unknown', { cluster: clusterId }, 'cluster_id');
      }
    }
    const clash = this.db.select().from(webhooks).where(and(
      eq(webhooks.tenantId, tenantId), eq(webhooks.url, url), clusterId ? eq(webhooks.clusterId, clusterId) : isNull(webhooks.clusterId),
    )).get();
    if (clash && clash.id !== old?.id) throw fail('webhook.duplicate', { url });
    return { url, label: input.label === undefined ? old?.label ?? null : input.label, clusterId };
  }
}
