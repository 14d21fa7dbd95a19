import { and, asc, eq } from 'drizzle-orm';
import { domains } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { alreadyExists, invalid, notFound } from '../errors';
import type { Domain, Principal } from '../model';
import type { AppAccess } from './access';
import { appScope, type EventService } from './events';

const HOSTNAME = /^(\*\.)?([a-z0-9-]+\.)*([a-z0-9-]+)\.([a-z0-9]{2,})$/;

/** Custom domains: each hostname belongs to at most one app across the whole platform. */
export class DomainService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AppAccess,
    private readonly events: EventService,
  ) {}

  private get db() { return this.ctx.store.db; }

  list(principal: Principal, appName: string): Domain[] {
    const app = this.access.get(principal, appName);
    return this.db.select().from(domains).where(eq(domains.appId, app.id)).orderBy(asc(domains.createdAt), asc(domains.name)).all();
  }

  add(principal: Principal, appName: string, name: string): Domain {
    return this.ctx.store.tx(() => {
      const app = this.access.get(principal, appName);
      if (!name) throw invalid('This field is required.', 'domain');
      if (!HOSTNAME.test(name)) {
        throw invalid('Hostname does not look like a valid hostname. Only lowercase characters are allowed.', 'domain');
      }
      if (name.startsWith('*.')) throw invalid('Adding a wildcard subdomain is currently not supported', 'domain');
      if (this.db.select().from(domains).where(eq(domains.name, name)).get()) {
        throw alreadyExists(`The domain ${name} is already in use by another app`, 'domain');
      }
      const now = nowIso(this.ctx);
      const domain = this.db.insert(domains).values({
        id: this.ctx.ids.uuid(), appId: app.id, name, createdBy: principal.username, createdAt: now, updatedAt: now,
      }).returning().get();
      this.events.record(appScope(app), 'domain.add', principal.username, { app: app.name, domain: name });
      return domain;
    });
  }

  remove(principal: Principal, appName: string, name: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.get(principal, appName);
      const deleted = this.db.delete(domains).where(and(eq(domains.appId, app.id), eq(domains.name, name))).returning().get();
      if (!deleted) throw notFound('domain');
      this.events.record(appScope(app), 'domain.remove', principal.username, { app: app.name, domain: name });
    });
  }
}
