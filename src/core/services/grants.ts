import { asc, and, eq, isNotNull } from 'drizzle-orm';
import { appGrants, users } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Principal } from '../model';
import type { AccessPolicy } from './access';
import type { EventService } from './events';
import type { PrincipalService } from './principals';

/**
 * Sharing an app beyond its tenant: with a user (Deis perms) or with every member of another tenant
 * (Tsuru's app teams). Anyone who may read the app sees who it is shared with; those who may manage it
 * change that.
 */
export class GrantService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly principals: PrincipalService,
    private readonly events: EventService,
  ) {}

  private get db() { return this.ctx.store.db; }

  /** Usernames the app is shared with, in the order they were granted. */
  listUsers(p: Principal, appName: string): string[] {
    const app = this.access.app(p, appName);
    return this.db.select({ username: users.username }).from(appGrants).innerJoin(users, eq(appGrants.userId, users.id))
      .where(eq(appGrants.appId, app.id)).orderBy(asc(appGrants.createdAt), asc(users.username)).all().map((r) => r.username);
  }

  /** Tenants the app is shared with, in the order they were granted. */
  listTenants(p: Principal, appName: string): string[] {
    const app = this.access.app(p, appName);
    return this.db.select({ tenantId: appGrants.tenantId }).from(appGrants)
      .where(and(eq(appGrants.appId, app.id), isNotNull(appGrants.tenantId))).orderBy(asc(appGrants.id)).all().map((r) => r.tenantId!);
  }

  grantUser(p: Principal, appName: string, username: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'manage');
      const user = this.principals.findByUsername(username);
      this.db.insert(appGrants).values({ appId: app.id, userId: user.id, createdAt: nowIso(this.ctx) }).onConflictDoNothing().run();
      this.events.log(app, 'api', `User ${username} was granted access to ${app.name}`);
    });
  }

  revokeUser(p: Principal, appName: string, username: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'manage');
      const user = this.principals.findByUsername(username);
      const deleted = this.db.delete(appGrants).where(and(eq(appGrants.appId, app.id), eq(appGrants.userId, user.id))).returning().get();
      if (!deleted) throw fail('grant.not_found', { username });
      this.events.log(app, 'api', `User ${username} was revoked access to ${app.name}`);
    });
  }

  /** Shares the app with every member of a tenant the caller belongs to. */
  grantTenant(p: Principal, appName: string, tenantId: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'manage');
      this.access.checkTenant(p, tenantId);
      this.db.insert(appGrants).values({ appId: app.id, tenantId, createdAt: nowIso(this.ctx) }).onConflictDoNothing().run();
      this.events.log(app, 'api', `Team ${tenantId} was granted access to ${app.name}`);
    });
  }

  revokeTenant(p: Principal, appName: string, tenantId: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'manage');
      const deleted = this.db.delete(appGrants).where(and(eq(appGrants.appId, app.id), eq(appGrants.tenantId, tenantId))).returning().get();
      if (!deleted) throw fail('grant.not_found', { tenant: tenantId });
      this.events.log(app, 'api', `Team ${tenantId} was revoked access to ${app.name}`);
    });
  }
}
