import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { memberships, tokens, users } from '../../store/schema';
import type { CoreContext } from '../context';
import { fail } from '../errors';
import type { Principal, User } from '../model';
import { checkPassword, hashPassword } from '../passwords';
import { requireSuperuser, requireUser, type PrincipalService } from './principals';
import { slot } from './placeholders';

/** The token kinds that stand for "the user's API token" (Deis' one token): what a regeneration replaces. */
const USER_TOKEN_KINDS = ['login', 'api'] as const;

export interface PasswordChange {
  /** Another user's account, for a superuser; default: the caller's own. */
  username?: string;
  /** The target's current password: a superuser may leave it out. */
  current?: string;
  next: string;
}

/**
 * Managing accounts as the later Deis controller does: each operation acts on the caller's own
 * account, or, for a superuser, on another user's (never the caller's when another name is given).
 * Users of tenants the caller does not share do not exist for it.
 */
export class AccountService {
  constructor(private readonly ctx: CoreContext, private readonly principals: PrincipalService) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    const byId = eq(users.id, p('userId'));
    this.userById = db.select().from(users).where(byId).prepare();
    this.deleteUser = db.delete(users).where(byId).prepare();
    this.setPassword = db.update(users).set({ passwordHash: slot('passwordHash') }).where(byId).prepare();
    this.sharingTenants = db.selectDistinct({ user: users }).from(users).innerJoin(memberships, eq(memberships.userId, users.id))
      .where(sql`${memberships.tenantId} IN (SELECT value FROM json_each(${p('tenantIds')}))`).orderBy(asc(users.id)).prepare();
    this.deleteUserTokens = db.delete(tokens).where(and(eq(tokens.userId, p('userId')), inArray(tokens.kind, [...USER_TOKEN_KINDS]))).prepare();
  }

  /** The statements of every account request, prepared once. */
  private readonly userById;
  private readonly deleteUser;
  private readonly setPassword;
  private readonly sharingTenants;
  private readonly deleteUserTokens;

  /** Deletes the account with its keys and tokens; the apps it owned stay with their tenants. */
  cancel(p: Principal, username?: string): void {
    this.ctx.store.tx(() => {
      const target = this.target(p, username);
      this.deleteUser.run({ userId: target.id });
    });
  }

  /** Sets a new password; the current one must match unless a superuser leaves it out. */
  changePassword(p: Principal, change: PasswordChange): void {
    this.ctx.store.tx(() => {
      const target = this.target(p, change.username);
      if (change.current !== undefined || !p.isSuperuser) {
        if (!checkPassword(change.current ?? '', target.passwordHash)) throw fail('auth.wrong_password');
      }
      if (!change.next) throw fail('user.new_password_required', {}, 'new_password');
      this.setPassword.run({ userId: target.id, passwordHash: hashPassword(change.next) });
    });
  }

  /**
   * Replaces a user's API tokens with a new login token and returns it; the old ones stop working at
   * once. Naming a user, even oneself, takes a superuser, as the controller's CanRegenerateToken has it.
   */
  regenerateToken(p: Principal, username?: string): string {
    return this.ctx.store.tx(() => {
      if (username !== undefined) requireSuperuser(p);
      const target = this.target(p, username);
      return this.replaceTokens(target.id);
    });
  }

  /** A superuser's `--all`: every user it shares a tenant with (itself too) gets a new token. */
  regenerateAllTokens(p: Principal): void {
    this.ctx.store.tx(() => {
      for (const user of this.listUsers(p)) this.replaceTokens(user.id);
    });
  }

  /** Every user sharing a tenant with the caller, itself a superuser; oldest first. */
  listUsers(p: Principal): User[] {
    requireSuperuser(p);
    return this.sharingTenants.all({ tenantIds: JSON.stringify([...p.roles.keys()]) }).map((r) => r.user);
  }

  private replaceTokens(userId: number): string {
    this.deleteUserTokens.run({ userId });
    return this.principals.issueToken({ userId, kind: 'login' });
  }

  /** The caller's own account. */
  own(p: Principal): User {
    const user = this.userById.get({ userId: requireUser(p) });
    if (!user) throw fail('user.not_found');
    return user;
  }

  /** The caller's own account, or another one only a superuser may reach. */
  private target(p: Principal, username?: string): User {
    const self = this.own(p);
    if (username === undefined || username === self.username) return self;
    requireSuperuser(p);
    const other = this.listUsers(p).find((u) => u.username === username);
    if (!other) throw fail('user.not_found', { username }, 'username');
    return other;
  }
}
