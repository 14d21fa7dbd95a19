import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { domains, domains as domainRows } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Domain, Principal } from '../model';
import type { DomainService } from './domains';
import type { EnvironmentService, Staged } from './environments';
import { appScope, type CoreEvent, type EventService } from './events';
import { groupBy, jsonList } from './rowGroups';

/** The actions a domain answers besides its own operations (Divio's additional_actions). */
export const DOMAIN_ACTIONS = ['verify'] as const;

export type StagedDomain = Domain & Staged;

/**
 * Domains one by one with their own ids (Divio): added to any environment, one of an environment's
 * domains primary and the others optionally redirecting to it, moved between environments, and verified
 * (each check is an event; the latest tells the domain's state).
 */
export class EnvironmentDomainService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly environments: EnvironmentService,
    private readonly domains: DomainService,
    private readonly events: EventService,
  ) {
    // `domains` here is the service; the table is read through `domainRows`.
    const db = ctx.store.db;
    this.byId = db.select().from(domainRows).where(eq(domainRows.id, sql.placeholder('id'))).prepare();
    this.ofEnvironments = db.select().from(domainRows)
      .where(sql`${domainRows.environmentId} IN (SELECT value FROM json_each(${sql.placeholder('environmentIds')}))`)
      .orderBy(asc(domainRows.createdAt), asc(sql`rowid`)).prepare();
  }

  /** The reads of every domain request, prepared once. */
  private readonly byId;
  private readonly ofEnvironments;

  private get db() { return this.ctx.store.db; }

  list(p: Principal, filter: { appIds?: string[]; environmentIds?: string[]; name?: string }): StagedDomain[] {
    const staged = this.environments.list(p, filter.appIds)
      .filter(({ environment }) => !filter.environmentIds || filter.environmentIds.includes(environment.id));
    const byEnvironment = groupBy(this.ofEnvironments.all({ environmentIds: jsonList(staged.map((s) => s.environment.id)) }), (d) => d.environmentId);
    return staged.flatMap((s) => (byEnvironment.get(s.environment.id) ?? []).map((d) => ({ ...d, ...s })))
      .filter((d) => filter.name === undefined || d.name === filter.name);
  }

  get(p: Principal, id: string, action: 'read' | 'write' = 'read'): StagedDomain {
    const domain = this.byId.get({ id });
    if (!domain) throw fail('domain.not_found', { id });
    try {
      return { ...domain, ...this.environments.get(p, domain.environmentId, action) };
    } catch (error) {
      throw (error as { code?: string }).code === 'environment.not_found' ? fail('domain.not_found', { id }) : error;
    }
  }

  /** The first domain of an environment becomes its primary one. */
  create(p: Principal, environmentId: string, name: string): StagedDomain {
    const staged = this.environments.get(p, environmentId, 'write');
    this.domains.checkNew(name);
    const now = nowIso(this.ctx);
    const domain = this.db.insert(domains).values({
      id: this.ctx.ids.uuid(), environmentId, name, createdBy: p.username, isPrimary: !this.domains.primaryOf(environmentId),
      createdAt: now, updatedAt: now,
    }).returning().get();
    this.record(p, staged, 'domain.add', name);
    return { ...domain, ...staged };
  }

  update(p: Principal, id: string, changes: { redirectToPrimary?: boolean; config?: Record<string, unknown> }): StagedDomain {
    const current = this.get(p, id, 'write');
    const updated = this.db.update(domains).set({
      redirectToPrimary: changes.redirectToPrimary ?? current.redirectToPrimary, config: changes.config ?? current.config, updatedAt: nowIso(this.ctx),
    }).where(eq(domains.id, id)).returning().get();
    this.record(p, current, 'domain.update', current.name);
    return { ...updated, app: current.app, environment: current.environment };
  }

  /** Removes the domain; when it was primary, the oldest remaining one takes its place. */
  destroy(p: Principal, id: string): void {
    const current = this.get(p, id, 'write');
    this.db.delete(domains).where(eq(domains.id, id)).run();
    if (current.isPrimary) this.promoteOldest(current.environmentId);
    this.record(p, current, 'domain.remove', current.name);
  }

  makePrimary(p: Principal, id: string): void {
    const current = this.get(p, id, 'write');
    this.db.update(domains).set({ isPrimary: false }).where(and(eq(domains.environmentId, current.environmentId), ne(domains.id, id))).run();
    this.db.update(domains).set({ isPrimary: true, redirectToPrimary: false, updatedAt: nowIso(this.ctx) }).where(eq(domains.id, id)).run();
    this.record(p, current, 'domain.update', current.name);
  }

  toggleRedirect(p: Principal, id: string): StagedDomain {
    const current = this.get(p, id, 'write');
    return this.update(p, id, { redirectToPrimary: !current.redirectToPrimary });
  }

  /** Moves the domain to another environment the caller may change; it is not primary there. */
  transfer(p: Principal, id: string, environmentId: string): StagedDomain {
    const current = this.get(p, id, 'write');
    const target = this.environments.get(p, environmentId, 'write');
    const moved = this.db.update(domains).set({ environmentId, isPrimary: false, redirectToPrimary: false, updatedAt: nowIso(this.ctx) })
      .where(eq(domains.id, id)).returning().get();
    if (current.isPrimary) this.promoteOldest(current.environmentId);
    this.record(p, target, 'domain.transfer', current.name);
    return { ...moved, ...target };
  }

  /** Runs an additional action; `verify` checks the domain's DNS (it always points at the platform here). */
  action(p: Principal, id: string, action: string): CoreEvent {
    const current = this.get(p, id, 'write');
    if (!(DOMAIN_ACTIONS as readonly string[]).includes(action)) throw fail('domain.action_unknown', { action });
    const event = this.events.record(appScope(current.app), 'domain.verify', p.username, {
      app: current.app.name, environment: current.environment.name, domain: current.name, domainId: id, ok: true,
    });
    return event;
  }

  /** The latest check of the domain, if it was ever checked. */
  lastCheck(domain: StagedDomain): CoreEvent | undefined {
    return this.events.list({ appId: domain.app.id, kinds: ['domain.verify'] }).find((e) => e.data.domainId === domain.id);
  }

  private promoteOldest(environmentId: string): void {
    const next = this.db.select().from(domains).where(eq(domains.environmentId, environmentId)).orderBy(asc(domains.createdAt), asc(sql`rowid`)).get();
    if (next) this.db.update(domains).set({ isPrimary: true, redirectToPrimary: false }).where(eq(domains.id, next.id)).run();
  }

  private record(p: Principal, { app, environment }: Staged, kind: string, name: string): void {
    this.events.record(appScope(app), kind, p.username, { app: app.name, environment: environment.name, domain: name });
  }
}
