import { and, asc, eq, sql } from 'drizzle-orm';
import { domains } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Domain, Principal } from '../model';
import type { AccessPolicy } from './access';
import { appScope, type EventService } from './events';
import { slot } from './placeholders';

const HOSTNAME = /^(\*\.)?([a-z0-9-]+\.)*([a-z0-9-]+)\.([a-z0-9]{2,})$/;

/** Custom domains of an app's primary environment: each hostname belongs to one environment across the platform. */
export class DomainService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly events: EventService,
  ) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    const ofEnvironment = eq(domains.environmentId, p('environmentId'));
    this.primaryIn = db.select().from(domains).where(and(ofEnvironment, eq(domains.isPrimary, true))).prepare();
    this.ofEnvironment = db.select().from(domains).where(ofEnvironment).orderBy(asc(domains.createdAt), asc(domains.name)).prepare();
    this.byName = db.select({ id: domains.id }).from(domains).where(eq(domains.name, p('name'))).prepare();
    this.insertOne = db.insert(domains).values({
      id: slot('id'), environmentId: slot('environmentId'), name: slot('name'), createdBy: slot('createdBy'), createdAt: slot('now'), updatedAt: slot('now'),
    }).returning().prepare();
    this.deleteNamed = db.delete(domains).where(and(ofEnvironment, eq(domains.name, p('name')))).returning().prepare();
  }

  /** The statements of every domain request, prepared once. */
  private readonly primaryIn;
  private readonly ofEnvironment;
  private readonly byName;
  private readonly insertOne;
  private readonly deleteNamed;

  /** The environment's primary domain, if one is marked so. */
  primaryOf(environmentId: string): Domain | undefined {
    return this.primaryIn.get({ environmentId });
  }

  list(principal: Principal, appName: string): Domain[] {
    const app = this.access.app(principal, appName);
    return this.ofEnvironment.all({ environmentId: app.environmentId });
  }

  add(principal: Principal, appName: string, name: string): Domain {
    return this.ctx.store.tx(() => {
      const app = this.access.app(principal, appName, 'write');
      this.checkNew(name);
      const now = nowIso(this.ctx);
      const domain = this.insertOne.get({ id: this.ctx.ids.uuid(), environmentId: app.environmentId, name, createdBy: principal.username, now })!;
      this.events.record(appScope(app), 'domain.add', principal.username, { app: app.name, domain: name });
      return domain;
    });
  }

  /** Refuses a hostname no environment may add: empty, malformed, a wildcard, or anyone's already. */
  checkNew(name: string): void {
    if (!name) throw fail('domain.required', {}, 'domain');
    if (!HOSTNAME.test(name)) throw fail('domain.invalid', { domain: name }, 'domain');
    if (name.startsWith('*.')) throw fail('domain.wildcard', { domain: name }, 'domain');
    if (this.byName.get({ name })) throw fail('domain.taken', { domain: name }, 'domain');
  }

  remove(principal: Principal, appName: string, name: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.app(principal, appName, 'write');
      const deleted = this.deleteNamed.get({ environmentId: app.environmentId, name });
      if (!deleted) throw fail('domain.not_found', { domain: name });
      this.events.record(appScope(app), 'domain.remove', principal.username, { app: app.name, domain: name });
    });
  }
}
