import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { domains as domainRows } from '../../store/schema';
import { events as eventRows } from '../../store/schema-timeline';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail, hiddenAs } from '../errors';
import type { Domain, Principal } from '../model';
import type { DomainService } from './domains';
import type { EnvironmentService, Staged } from './environments';
import { appScope, type CoreEvent, type EventService } from './events';
import { jsonList } from './rowGroups';
import { slot } from './placeholders';
import { DomainList, type DomainFilter } from './domainList';
import type { ListSource } from '../../store/paginate';

/** The actions a domain answers besides its own operations (Divio's additional_actions). */
export const DOMAIN_ACTIONS = ['verify'] as const;
/** The event a domain check records. */
const VERIFY = 'domain.verify';

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
    this.listing = new DomainList(db);
    const p = sql.placeholder;
    const byId = eq(domainRows.id, p('id'));
    this.insertOne = db.insert(domainRows).values({
      id: slot('id'), environmentId: slot('environmentId'), name: slot('name'), createdBy: slot('createdBy'), isPrimary: slot('isPrimary'),
      createdAt: slot('now'), updatedAt: slot('now'),
    }).returning().prepare();
    this.updateOne = db.update(domainRows).set({ redirectToPrimary: slot('redirectToPrimary'), config: slot('config'), updatedAt: slot('updatedAt') })
      .where(byId).returning().prepare();
    this.deleteOne = db.delete(domainRows).where(byId).prepare();
    this.demoteOthers = db.update(domainRows).set({ isPrimary: false })
      .where(and(eq(domainRows.environmentId, p('environmentId')), ne(domainRows.id, p('id')))).prepare();
    this.promote = db.update(domainRows).set({ isPrimary: true, redirectToPrimary: false, updatedAt: slot('updatedAt') }).where(byId).prepare();
    this.moveOne = db.update(domainRows).set({ environmentId: slot('environmentId'), isPrimary: false, redirectToPrimary: false, updatedAt: slot('updatedAt') })
      .where(byId).returning().prepare();
    this.oldestIn = db.select().from(domainRows).where(eq(domainRows.environmentId, p('environmentId')))
      .orderBy(asc(domainRows.createdAt), asc(sql`rowid`)).prepare();
    this.promoteKeepingDate = db.update(domainRows).set({ isPrimary: true, redirectToPrimary: false }).where(byId).prepare();
    // Through the events' app index, newest first: the first check met per domain is its last.
    this.checksOf = db.select().from(eventRows).where(and(
      sql`${eventRows.appId} IN (SELECT value FROM json_each(${p('appIds')}))`, eq(eventRows.kind, VERIFY),
      sql`json_extract(${eventRows.data}, '$.domainId') IN (SELECT value FROM json_each(${p('domainIds')}))`,
    )).orderBy(desc(eventRows.id)).prepare();
  }

  /** The statements of every domain request, reads and writes, prepared once. */
  private readonly byId;
  private readonly listing: DomainList;
  private readonly insertOne;
  private readonly updateOne;
  private readonly deleteOne;
  private readonly demoteOthers;
  private readonly promote;
  private readonly moveOne;
  private readonly oldestIn;
  private readonly promoteKeepingDate;
  private readonly checksOf;

  /** The domains of the environments the caller may read, in their order, filtered, counted and paged in SQL. */
  list(p: Principal, filter: DomainFilter): ListSource<StagedDomain> {
    return this.listing.list(p, filter);
  }

  get(p: Principal, id: string, action: 'read' | 'write' = 'read'): StagedDomain {
    const domain = this.byId.get({ id });
    if (!domain) throw fail('domain.not_found', { id });
    return hiddenAs('environment.not_found', fail('domain.not_found', { id }), () => ({ ...domain, ...this.environments.get(p, domain.environmentId, action) }));
  }

  /** The first domain of an environment becomes its primary one. */
  create(p: Principal, environmentId: string, name: string): StagedDomain {
    const staged = this.environments.get(p, environmentId, 'write');
    this.domains.checkNew(name);
    const now = nowIso(this.ctx);
    const domain = this.insertOne.get({
      id: this.ctx.ids.uuid(), environmentId, name, createdBy: p.username, isPrimary: !this.domains.primaryOf(environmentId), now,
    })!;
    this.record(p, staged, 'domain.add', name);
    return { ...domain, ...staged };
  }

  update(p: Principal, id: string, changes: { redirectToPrimary?: boolean; config?: Record<string, unknown> }): StagedDomain {
    const current = this.get(p, id, 'write');
    const updated = this.updateOne.get({
      id, redirectToPrimary: changes.redirectToPrimary ?? current.redirectToPrimary, config: changes.config ?? current.config, updatedAt: nowIso(this.ctx),
    })!;
    this.record(p, current, 'domain.update', current.name);
    return { ...updated, app: current.app, environment: current.environment };
  }

  /** Removes the domain; when it was primary, the oldest remaining one takes its place. */
  destroy(p: Principal, id: string): void {
    const current = this.get(p, id, 'write');
    this.deleteOne.run({ id });
    if (current.isPrimary) this.promoteOldest(current.environmentId);
    this.record(p, current, 'domain.remove', current.name);
  }

  makePrimary(p: Principal, id: string): void {
    const current = this.get(p, id, 'write');
    this.demoteOthers.run({ environmentId: current.environmentId, id });
    this.promote.run({ id, updatedAt: nowIso(this.ctx) });
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
    const moved = this.moveOne.get({ id, environmentId, updatedAt: nowIso(this.ctx) })!;
    if (current.isPrimary) this.promoteOldest(current.environmentId);
    this.record(p, target, 'domain.transfer', current.name);
    return { ...moved, ...target };
  }

  /** Runs an additional action; `verify` checks the domain's DNS (it always points at the platform here). */
  action(p: Principal, id: string, action: string): CoreEvent {
    const current = this.get(p, id, 'write');
    if (!(DOMAIN_ACTIONS as readonly string[]).includes(action)) throw fail('domain.action_unknown', { action });
    const event = this.events.record(appScope(current.app), VERIFY, p.username, {
      app: current.app.name, environment: current.environment.name, domain: current.name, domainId: id, ok: true,
    });
    return event;
  }

  /** The latest check of each domain that was ever checked, by domain id: one statement for a whole list. */
  lastChecks(domains: StagedDomain[]): Map<string, CoreEvent> {
    const checks = new Map<string, CoreEvent>();
    if (!domains.length) return checks;
    const rows = this.checksOf.all({ appIds: jsonList(new Set(domains.map((d) => d.app.id))), domainIds: jsonList(domains.map((d) => d.id)) });
    for (const check of rows) if (!checks.has(String(check.data.domainId))) checks.set(String(check.data.domainId), check);
    return checks;
  }

  private promoteOldest(environmentId: string): void {
    const next = this.oldestIn.get({ environmentId });
    if (next) this.promoteKeepingDate.run({ id: next.id });
  }

  private record(p: Principal, { app, environment }: Staged, kind: string, name: string): void {
    this.events.record(appScope(app), kind, p.username, { app: app.name, environment: environment.name, domain: name });
  }
}
