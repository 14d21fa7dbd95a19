import { and, eq, sql } from 'drizzle-orm';
import { appGrants, apps, environments, users } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { forbidden, notFound } from '../errors';
import { DEFAULT_ENVIRONMENT, type App, type Principal } from '../model';

/**
 * Finding an app and deciding whether the caller may touch it. Every service that works on an app's
 * resources goes through here, so the rule is written once: superusers and the owner always may,
 * users the app was shared with may use it but not destroy or share it.
 */
export class AppAccess {
  /** Nearly every request loads an app and checks a grant: both statements are prepared once. */
  private readonly byName;
  private readonly grant;

  constructor(private readonly ctx: CoreContext) {
    this.byName = this.selectApps().where(eq(apps.name, sql.placeholder('name'))).prepare();
    this.grant = ctx.store.db.select({ appId: appGrants.appId }).from(appGrants)
      .where(and(eq(appGrants.appId, sql.placeholder('appId')), eq(appGrants.userId, sql.placeholder('userId')))).prepare();
  }

  private get db() { return this.ctx.store.db; }

  selectApps() {
    return this.db.select({
      id: apps.id, name: apps.name, tenantId: apps.tenantId, clusterId: apps.clusterId,
      ownerId: apps.ownerId, ownerName: users.username, environmentId: environments.id,
      structure: environments.structure, createdAt: apps.createdAt, updatedAt: apps.updatedAt,
    }).from(apps)
      .innerJoin(users, eq(apps.ownerId, users.id))
      .innerJoin(environments, and(eq(environments.appId, apps.id), eq(environments.name, DEFAULT_ENVIRONMENT)));
  }

  load(name: string): App | undefined {
    return this.byName.get({ name });
  }

  /** The app, if the caller may use it: not_found when it does not exist, forbidden when it is someone else's. */
  get(principal: Principal, name: string): App {
    const app = this.load(name);
    if (!app) throw notFound('app');
    if (!this.canUse(principal, app)) throw forbidden();
    return app;
  }

  /** Like `get`, but only the owner or a superuser passes. */
  getAsOwner(principal: Principal, name: string): App {
    const app = this.get(principal, name);
    if (!principal.isSuperuser && app.ownerId !== principal.id) throw forbidden();
    return app;
  }

  canUse(principal: Principal, app: App): boolean {
    if (principal.isSuperuser || app.ownerId === principal.id) return true;
    return !!this.grant.get({ appId: app.id, userId: principal.id });
  }

  /** Marks the app as changed now: its `updated` moves with every release and scale. */
  touch(app: App): void {
    this.db.update(apps).set({ updatedAt: nowIso(this.ctx) }).where(eq(apps.id, app.id)).run();
  }
}
