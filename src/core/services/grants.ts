import { asc, and, eq } from 'drizzle-orm';
import { appGrants, users } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { notFound } from '../errors';
import type { Principal } from '../model';
import type { AppAccess } from './access';
import type { EventService } from './events';
import type { PrincipalService } from './principals';

/** Sharing an app with other users. Anyone who may use the app sees who it is shared with; only its owner or a superuser changes that. */
export class GrantService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AppAccess,
    private readonly principals: PrincipalService,
    private readonly events: EventService,
  ) {}

  private get db() { return this.ctx.store.db; }

  /** Usernames the app is shared with, in the order they were granted. */
  list(principal: Principal, appName: string): string[] {
    const app = this.access.get(principal, appName);
    return this.db.select({ username: users.username }).from(appGrants).innerJoin(users, eq(appGrants.userId, users.id))
      .where(eq(appGrants.appId, app.id)).orderBy(asc(appGrants.createdAt), asc(users.username)).all().map((r) => r.username);
  }

  grant(principal: Principal, appName: string, username: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.getAsOwner(principal, appName);
      const user = this.principals.findByUsername(username);
      this.db.insert(appGrants).values({ appId: app.id, userId: user.id, createdAt: nowIso(this.ctx) }).onConflictDoNothing().run();
      this.events.log(app, 'api', `User ${username} was granted access to ${app.name}`);
    });
  }

  revoke(principal: Principal, appName: string, username: string): void {
    this.ctx.store.tx(() => {
      const app = this.access.getAsOwner(principal, appName);
      const user = this.principals.findByUsername(username);
      const deleted = this.db.delete(appGrants).where(and(eq(appGrants.appId, app.id), eq(appGrants.userId, user.id))).returning().get();
      if (!deleted) throw notFound('permission');
      this.events.log(app, 'api', `User ${username} was revoked access to ${app.name}`);
    });
  }
}
