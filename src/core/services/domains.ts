import { and, asc, eq } from 'drizzle-orm';
import { domains } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Domain, Principal } from '../model';
import type { AccessPolicy } from './access';
import { appScope, type EventService } from './events';

const HOSTNAME = /^(\*\.)?([a-z0-9-]+\.)*([a-z0-9-]+)\.([a-z0-9]{2,})$/;

/** Custom domains of an app's primary environment: each hostname belongs to one environment across the platform. */
export class DomainService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly events: EventService,
  ) {}

  private get db() { return this.ctx.store.db; }

  /** The environment's primary domain, if one is marked so. */
  primaryOf(environmentId: string): Domain | undefined {
    return this.db.select().from(domains).where(and(eq(domains.environmentId, environmentId), eq(domains.isPrimary, true))).get();
  }

  list(principal: Principal, appName: string): Domain[] {
    const app = this.access.app(principal, appName);
    return this.db.select().from(domains).where(eq(domains.environmentId, app.environmentId)).orderBy(asc(domains.createdAt), asc(domains.name)).all();
  }

  add(principal: Principal, appName: string, name: string): Domain {
    return this.ctx.store.tx(() => {
      const app = this.access.app(principal, appName, 'write');
      this.checkNew(name);
      const now = nowIso(this.ctx);
      const domain = this.db.insert(domains).values({
        id: this.ctx.ids.uuid(), environmentId: app.environmentId, name, createdBy: principal.username, createdAt: now, updatedAt: now,
      }).returning().get();
      this.events.record(appScope(app), 'domain.add', principal.username, { app: app.name, domain: name });
      return domain;
    });
  }

  /** Refuses a hostname no environment may add: empty, malformed, a wildcard, or anyone's already. */
  checkNew(name: string): void {
    if (!name) throw fail('domain.required', {}, 'domain');
    if (!HOSTNAME.test(name)) throw fail('domain.invalid', { domain: name }, 'domain');
    if (name.startsWith('*.')) throw fail('domain.wildcard', { domain: name }, 'domain');
    if (this.db.select().from(domains).where(eq(domains.name, name)).get()) throw fail('domain.taken', { domain: name }, 'domain');
  }

  remove(principal: Principal, appName: string, name: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.app(principal, appName, 'write');
      const deleted = this.db.delete(domains).where(and(eq(domains.environmentId, app.environmentId), eq(domains.name, name))).returning().get();
      if (!deleted) throw fail('domain.not_found', { domain: name });
      this.events.record(appScope(app), 'domain.remove', principal.username, { app: app.name, domain: name });
    });
  }
}
