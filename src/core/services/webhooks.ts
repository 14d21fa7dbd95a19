import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { webhookDeliveries, webhooks } from '../../store/schema-infra';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Principal, Webhook, WebhookDelivery } from '../model';
import type { CoreEvent, EventService } from './events';
import type { TenancyService } from './tenancy';
import { slot, slotsOf } from './placeholders';
import { LIMIT } from '../../store/paginate';

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
  ) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    const ofTenant = eq(webhooks.tenantId, p('tenantId'));
    const byId = eq(webhooks.id, p('id'));
    this.ofTenant = db.select().from(webhooks).where(ofTenant).orderBy(asc(webhooks.createdAt), asc(webhooks.id)).prepare();
    this.inTenant = db.select().from(webhooks).where(and(ofTenant, byId)).prepare();
    this.byId = db.select().from(webhooks).where(byId).prepare();
    // A null cluster matches only the webhooks for every cluster (`= NULL` is never true).
    this.forCluster = db.select().from(webhooks)
      .where(and(ofTenant, sql`(${webhooks.clusterId} IS NULL OR ${webhooks.clusterId} = ${p('clusterId')})`)).prepare();
    // `IS` compares as `=` does, and also matches null with null: the same URL for every cluster is a clash too.
    this.sameTarget = db.select().from(webhooks)
      .where(and(ofTenant, eq(webhooks.url, p('url')), sql`${webhooks.clusterId} IS ${p('clusterId')}`)).prepare();
    this.tenantsWithAny = db.selectDistinct({ tenantId: webhooks.tenantId }).from(webhooks).prepare();
    this.insertOne = db.insert(webhooks).values({
      id: slot('id'), tenantId: slot('tenantId'), dialect: slot('dialect'), url: slot('url'), label: slot('label'), clusterId: slot('clusterId'), createdAt: slot('now'),
    }).returning().prepare();
    this.updateOne = db.update(webhooks).set({ url: slot('url'), label: slot('label'), clusterId: slot('clusterId') }).where(byId).returning().prepare();
    this.deleteOne = db.delete(webhooks).where(byId).prepare();
    this.triggered = db.update(webhooks).set({ lastTriggered: slot('now'), failureCount: slot('failureCount') }).where(byId).prepare();
    this.insertDelivery = db.insert(webhookDeliveries).values(slotsOf(webhookDeliveries, ['id'])).returning({ id: webhookDeliveries.id }).prepare();
    this.pruneDeliveries = db.delete(webhookDeliveries).where(lt(webhookDeliveries.id, p('oldestKept'))).prepare();
    this.latestDeliveries = db.select().from(webhookDeliveries).orderBy(desc(webhookDeliveries.id)).limit(LIMIT).prepare();
  }

  /** The statements of every webhook request and delivery, prepared once. */
  private readonly ofTenant;
  private readonly inTenant;
  private readonly byId;
  private readonly forCluster;
  private readonly sameTarget;
  private readonly tenantsWithAny;
  private readonly insertOne;
  private readonly updateOne;
  private readonly deleteOne;
  private readonly triggered;
  private readonly insertDelivery;
  private readonly pruneDeliveries;
  private readonly latestDeliveries;

  list(p: Principal, tenantId: string): Webhook[] {
    this.tenancy.requireTenant(p, tenantId);
    return this.ofTenant.all({ tenantId });
  }

  get(p: Principal, tenantId: string, id: string): Webhook {
    this.tenancy.requireTenant(p, tenantId);
    const hook = this.inTenant.get({ tenantId, id });
    if (!hook) throw fail('webhook.not_found', { id });
    return hook;
  }

  /** A webhook of `dialect`: that dialect's renderer writes the body of each of its deliveries. */
  create(p: Principal, tenantId: string, dialect: string, input: WebhookInput): Webhook {
    return this.ctx.store.tx(() => {
      this.tenancy.requireTenant(p, tenantId, 'write');
      const fields = this.validate(p, tenantId, input, undefined);
      this.forgetWhoHasWebhooks();
      return this.insertOne.get({ id: this.ctx.ids.uuid(), tenantId, dialect, ...fields, now: nowIso(this.ctx) })!;
    });
  }

  update(p: Principal, tenantId: string, id: string, input: WebhookInput): Webhook {
    return this.ctx.store.tx(() => {
      this.tenancy.requireTenant(p, tenantId, 'write');
      const hook = this.get(p, tenantId, id);
      const fields = this.validate(p, tenantId, input, hook);
      return this.updateOne.get({ id, ...fields })!;
    });
  }

  remove(p: Principal, tenantId: string, id: string): void {
    this.ctx.store.tx(() => {
      this.tenancy.requireTenant(p, tenantId, 'write');
      this.get(p, tenantId, id);
      this.forgetWhoHasWebhooks();
      this.deleteOne.run({ id });
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
      return this.byId.all({ id: String(event.data.webhookId) });
    }
    return this.forCluster.all({ tenantId: event.tenantId, clusterId: event.clusterId || null });
  }

  /** Keeps the outcome of a delivery: last_triggered, the failure count, and the delivery log. */
  recordDelivery(webhookId: string, outcome: DeliveryOutcome): void {
    this.ctx.store.tx(() => {
      const hook = this.byId.get({ id: webhookId });
      if (!hook) return;
      const now = nowIso(this.ctx);
      this.triggered.run({ id: webhookId, now, failureCount: outcome.succeeded ? 0 : hook.failureCount + 1 });
      const row = this.insertDelivery.get({ webhookId, ...outcome, deliveredAt: now })!;
      this.pruneDeliveries.run({ oldestKept: row.id - DELIVERY_LOG_SIZE + 1 });
    });
  }

  private tenantsHavingWebhooks(): Set<string> {
    const generation = this.ctx.store.generation;
    if (this.tenantsWithWebhooks?.generation !== generation) {
      const rows = this.tenantsWithAny.all();
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
    return this.latestDeliveries.all({ limit: DELIVERY_LOG_SIZE }).reverse();
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
    const clash = this.sameTarget.get({ tenantId, url, clusterId: clusterId || null });
    if (clash && clash.id !== old?.id) throw fail('webhook.duplicate', { url });
    return { url, label: input.label === undefined ? old?.label ?? null : input.label, clusterId };
  }
}
