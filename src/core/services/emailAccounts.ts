import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { memberships, tokens, users } from '../../store/schema';
import type { CoreContext } from '../context';
import { fail } from '../errors';
import type { Principal, User } from '../model';
import { hashPassword } from '../passwords';
import type { AccountService } from './accounts';
import type { EventService } from './events';
import type { KeyService } from './keys';
import type { PrincipalService } from './principals';
import { slot } from './placeholders';

const RESET_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Accounts named by email, as Tsuru names them: logins that hand out a new session token each
 * time, registration with the email as the username, the user's one API key, password changes and
 * resets, SSH keys; each change an event about the user. The rules of an account (passwords, who may
 * change whose) are AccountService's, shared with Deis.
 */
export class EmailAccountService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly principals: PrincipalService,
    private readonly accounts: AccountService,
    private readonly keys: KeyService,
    private readonly events: EventService,
  ) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    const userApiTokens = and(eq(tokens.userId, p('userId')), eq(tokens.kind, 'api'));
    this.byEmail = db.select().from(users).where(eq(users.email, p('email'))).prepare();
    this.latestApiToken = db.select().from(tokens).where(userApiTokens).orderBy(desc(tokens.createdAt)).prepare();
    this.deleteApiTokens = db.delete(tokens).where(userApiTokens).prepare();
    this.setPassword = db.update(users).set({ passwordHash: slot('passwordHash') }).where(eq(users.id, p('userId'))).prepare();
    // One statement for both lists (everyone, or one email): a null email matches every user.
    this.sharingTenants = db.select().from(users)
      .where(and(
        sql`(${p('email')} IS NULL OR ${users.email} = ${p('email')})`,
        sql`EXISTS (SELECT 1 FROM ${memberships} WHERE ${memberships.userId} = ${users.id}
          AND ${memberships.tenantId} IN (SELECT value FROM json_each(${p('tenantIds')})))`,
      )).orderBy(asc(users.email), asc(users.username)).prepare();
  }

  /** The statements of every account request, prepared once. */
  private readonly byEmail;
  private readonly latestApiToken;
  private readonly deleteApiTokens;
  private readonly setPassword;
  private readonly sharingTenants;

  findByEmail(email: string): User {
    const user = this.byEmail.get({ email });
    if (!user) throw fail('user.not_found', { email }, 'email');
    return user;
  }

  /** A new session token; an unknown email is not_found, a wrong password bad credentials. */
  login(email: string, password: string): { token: string; user: User } {
    if (!email) throw fail('user.username_required', {}, 'email');
    if (!password) throw fail('user.password_required', {}, 'password');
    const user = this.findByEmail(email);
    return { token: this.principals.login(user.username, password, 'new'), user };
  }

  register(p: Principal, email: string, password: string): User {
    return this.ctx.store.tx(() => {
      if (!email) throw fail('user.username_required', {}, 'email');
      const user = this.principals.register({ username: email, email, password });
      this.record(p, user, 'user.create');
      return user;
    });
  }

  /** The user's API key (`user`: another user's, for a superuser of a shared tenant), made on first use. */
  apiKey(p: Principal, regenerate: boolean, email?: string): string {
    return this.ctx.store.tx(() => {
      const user = this.subject(p, email);
      const existing = this.latestApiToken.get({ userId: user.id });
      if (existing && !regenerate) return existing.token;
      if (regenerate) {
        this.deleteApiTokens.run({ userId: user.id });
        this.record(p, user, 'user.update.token');
      }
      return this.principals.issueToken({ userId: user.id, kind: 'api' });
    });
  }

  changePassword(p: Principal, current: string, next: string, confirm: string): void {
    this.ctx.store.tx(() => {
      if (!current || !next) throw fail('user.new_password_required', {}, 'new');
      if (next !== confirm) throw fail('user.password_mismatch', {}, 'confirm');
      this.accounts.changePassword(p, { current, next });
      this.record(p, this.accounts.own(p), 'user.update.password');
    });
  }

  /** Adds an SSH key; with `force`, one of the same name is replaced. */
  addKey(p: Principal, name: string, publicKey: string, force: boolean): void {
    this.ctx.store.tx(() => {
      if (force && this.keys.list(p).some((k) => k.name === name)) this.keys.remove(p, name);
      this.keys.add(p, name, publicKey);
      this.record(p, this.accounts.own(p), 'user.update.key.add', { key: name });
    });
  }

  removeKey(p: Principal, name: string): void {
    this.ctx.store.tx(() => {
      this.keys.remove(p, name);
      this.record(p, this.accounts.own(p), 'user.update.key.remove', { key: name });
    });
  }

  /**
   * Password reset, in two steps as tsuru does it: a request makes a reset token, and a second request
   * carrying it sets a new random password. polypaas sends no mail: the token and the new password are
   * the data of the `user.password.reset-request` and `user.password.reset` events (the emulator's
   * mailbox, read through the admin API). A token works once, for a day.
   */
  resetPassword(p: Principal, email: string, token?: string): void {
    this.ctx.store.tx(() => {
      const user = this.list(p, email)[0];
      if (!user) throw fail('user.not_found', { email }, 'email');
      const scope = { tenantId: this.principals.principalOf(user).homeTenantId };
      const target = { type: 'user', value: email };
      if (!token) {
        this.events.record(scope, 'user.password.reset-request', p.username, { email, token: this.ctx.ids.token() }, target);
        return;
      }
      const since = new Date(this.ctx.clock.now().getTime() - RESET_TOKEN_LIFETIME_MS).toISOString();
      const requested = this.events.list({ target, kinds: ['user.password.reset-request'], since }).some((e) => e.data.token === token);
      const used = this.events.list({ target, kinds: ['user.password.reset'] }).some((e) => e.data.token === token);
      if (!requested || used) throw fail('user.reset_token_invalid', {}, 'token');
      const password = this.ctx.ids.token().slice(0, 12);
      this.setPassword.run({ userId: user.id, passwordHash: hashPassword(password) });
      this.events.record(scope, 'user.password.reset', p.username, { email, token, password }, target);
    });
  }

  /** The users who share a tenant with the caller, optionally one email only: one statement, whatever the number of users. */
  list(p: Principal, email?: string): User[] {
    return this.sharingTenants.all({ email: email || null, tenantIds: JSON.stringify([...p.roles.keys()]) });
  }

  /** An event about a user, in its home tenant, aimed at it by email as tsuru's user events are. */
  private record(p: Principal, user: User, kind: string, data: Record<string, unknown> = {}): void {
    const email = user.email ?? user.username;
    this.events.record({ tenantId: this.principals.principalOf(user).homeTenantId }, kind, p.username, { user: email, ...data }, { type: 'user', value: email });
  }

  private subject(p: Principal, email?: string): User {
    const own = this.accounts.own(p);
    if (!email || email === own.email) return own;
    const other = this.list(p, email)[0];
    if (!other) throw fail('user.not_found', { email }, 'user');
    if (!p.isSuperuser) throw fail('access.denied');
    return other;
  }
}
