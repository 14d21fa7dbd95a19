import { asc, and, eq, isNotNull, sql } from 'drizzle-orm';
import { appGrants, users } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { App, Principal } from '../model';
import type { AccessPolicy } from './access';
import type { EventService } from './events';
import type { PrincipalService } from './principals';
import { slot } from './placeholders';

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
  ) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    const ofApp = eq(appGrants.appId, p('appId'));
    this.usersOf = db.select({ username: users.username }).from(appGrants).innerJoin(users, eq(appGrants.userId, users.id))
      .where(ofApp).orderBy(asc(appGrants.createdAt), asc(users.username)).prepare();
    this.tenantsOf = db.select({ tenantId: appGrants.tenantId }).from(appGrants)
      .where(and(ofApp, isNotNull(appGrants.tenantId))).orderBy(asc(appGrants.id)).prepare();
    this.insertUser = db.insert(appGrants).values({ appId: slot('appId'), userId: slot('userId'), createdAt: slot('now') }).onConflictDoNothing().prepare();
    this.insertTenant = db.insert(appGrants).values({ appId: slot('appId'), tenantId: slot('tenantId'), createdAt: slot('now') }).onConflictDoNothing().prepare();
    this.deleteUser = db.delete(appGrants).where(and(ofApp, eq(appGrants.userId, p('userId')))).returning().prepare();
    this.deleteTenant = db.delete(appGrants).where(and(ofApp, eq(appGrants.tenantId, p('tenantId')))).returning().prepare();
  }

  /** The statements of every grant request, prepared once. */
  private readonly usersOf;
  private readonly tenantsOf;
  private readonly insertUser;
  private readonly insertTenant;
  private readonly deleteUser;
  private readonly deleteTenant;

  /** Usernames the app is shared with, in the order they were granted. */
  listUsers(p: Principal, appName: string): string[] {
    const app = this.access.app(p, appName);
    return this.usersOf.all({ appId: app.id }).map((r) => r.username);
  }

  /** Tenants the app is shared with, in the order they were granted. */
  listTenants(p: Principal, appName: string): string[] {
    return this.tenantsSharing(this.access.app(p, appName));
  }

  /** The tenants an app is shared with, for an app the caller has read already. */
  tenantsSharing(app: App): string[] {
    return this.tenantsOf.all({ appId: app.id }).map((r) => r.tenantId!);
  }

  grantUser(p: Principal, appName: string, username: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'manage');
      const user = this.principals.findByUsername(username);
      this.insertUser.run({ appId: app.id, userId: user.id, now: nowIso(this.ctx) });
      this.events.log(app, 'api', `User ${username} was granted access to ${app.name}`);
    });
  }

  revokeUser(p: Principal, appName: string, username: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'manage');
      const user = this.principals.findByUsername(username);
      const deleted = this.deleteUser.get({ appId: app.id, userId: user.id });
      if (!deleted) throw fail('grant.not_found', { username });
      this.events.log(app, 'api', `User ${username} was revoked access to ${app.name}`);
    });
  }

  /** Shares the app with every member of a tenant the caller belongs to. */
  grantTenant(p: Principal, appName: string, tenantId: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'manage');
      this.access.checkTenant(p, tenantId);
      this.insertTenant.run({ appId: app.id, tenantId, now: nowIso(this.ctx) });
      this.events.log(app, 'api', `Team ${tenantId} was granted access to ${app.name}`);
    });
  }

  revokeTenant(p: Principal, appName: string, tenantId: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'manage');
      const deleted = this.deleteTenant.get({ appId: app.id, tenantId });
      if (!deleted) throw fail('grant.not_found', { tenant: tenantId });
      this.events.log(app, 'api', `Team ${tenantId} was revoked access to ${app.name}`);
    });
  }
}
