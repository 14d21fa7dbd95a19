import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { memberships, tokens, users } from '../../store/schema';
import type { CoreContext } from '../context';
import { fail } from '../errors';
import type { Principal, User } from '../model';
import { checkPassword, hashPassword } from '../passwords';
import { requireSuperuser, requireUser, type PrincipalService } from './principals';

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
  constructor(private readonly ctx: CoreContext, private readonly principals: PrincipalService) {}

  private get db() { return this.ctx.store.db; }

  /** Deletes the account with its keys and tokens; the apps it owned stay with their tenants. */
  cancel(p: Principal, username?: string): void {
    this.ctx.store.tx(() => {
      const target = this.target(p, username);
      this.db.delete(users).where(eq(users.id, target.id)).run();
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
      this.db.update(users).set({ passwordHash: hashPassword(change.next) }).where(eq(users.id, target.id)).run();
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
    return this.db.selectDistinct({ user: users }).from(users).innerJoin(memberships, eq(memberships.userId, users.id))
      .where(sql`${memberships.tenantId} IN (SELECT value FROM json_each(${JSON.stringify([...p.roles.keys()])}))`)
      .orderBy(asc(users.id)).all().map((r) => r.user);
  }

  private replaceTokens(userId: number): string {
    this.db.delete(tokens).where(and(eq(tokens.userId, userId), inArray(tokens.kind, [...USER_TOKEN_KINDS]))).run();
    return this.principals.issueToken({ userId, kind: 'login' });
  }

  /** The caller's own account, or another one only a superuser may reach. */
  private target(p: Principal, username?: string): User {
    const self = this.principals.getUser(requireUser(p));
    if (username === undefined || username === self.username) return self;
    requireSuperuser(p);
    const other = this.listUsers(p).find((u) => u.username === username);
    if (!other) throw fail('user.not_found', { username }, 'username');
    return other;
  }
}
