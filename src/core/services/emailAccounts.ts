import { and, asc, desc, eq } from 'drizzle-orm';
import { tokens, users } from '../../store/schema';
import type { CoreContext } from '../context';
import { fail } from '../errors';
import type { Principal, User } from '../model';
import { hashPassword } from '../passwords';
import type { AccountService } from './accounts';
import type { EventService } from './events';
import type { KeyService } from './keys';
import { requireUser, type PrincipalService } from './principals';

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
  ) {}

  private get db() { return this.ctx.store.db; }

  findByEmail(email: string): User {
    const user = this.db.select().from(users).where(eq(users.email, email)).get();
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
      const existing = this.db.select().from(tokens).where(and(eq(tokens.userId, user.id), eq(tokens.kind, 'api')))
        .orderBy(desc(tokens.createdAt)).get();
      if (existing && !regenerate) return existing.token;
      if (regenerate) {
        this.db.delete(tokens).where(and(eq(tokens.userId, user.id), eq(tokens.kind, 'api'))).run();
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
      this.record(p, this.principals.getUser(requireUser(p)), 'user.update.password');
    });
  }

  /** Adds an SSH key; with `force`, one of the same name is replaced. */
  addKey(p: Principal, name: string, publicKey: string, force: boolean): void {
    this.ctx.store.tx(() => {
      if (force && this.keys.list(p).some((k) => k.name === name)) this.keys.remove(p, name);
      this.keys.add(p, name, publicKey);
      this.record(p, this.principals.getUser(requireUser(p)), 'user.update.key.add', { key: name });
    });
  }

  removeKey(p: Principal, name: string): void {
    this.ctx.store.tx(() => {
      this.keys.remove(p, name);
      this.record(p, this.principals.getUser(requireUser(p)), 'user.update.key.remove', { key: name });
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
      this.db.update(users).set({ passwordHash: hashPassword(password) }).where(eq(users.id, user.id)).run();
      this.events.record(scope, 'user.password.reset', p.username, { email, token, password }, target);
    });
  }

  /** The users who share a tenant with the caller, optionally one email only. */
  list(p: Principal, email?: string): User[] {
    const all = this.db.select().from(users).orderBy(asc(users.email), asc(users.username)).all();
    return all.filter((u) => (!email || u.email === email)
      && [...this.principals.principalOf(u).roles.keys()].some((tenantId) => p.roles.has(tenantId)));
  }

  /** An event about a user, in its home tenant, aimed at it by email as tsuru's user events are. */
  private record(p: Principal, user: User, kind: string, data: Record<string, unknown> = {}): void {
    const email = user.email ?? user.username;
    this.events.record({ tenantId: this.principals.principalOf(user).homeTenantId }, kind, p.username, { user: email, ...data }, { type: 'user', value: email });
  }

  private subject(p: Principal, email?: string): User {
    const own = this.principals.getUser(requireUser(p));
    if (!email || email === own.email) return own;
    const other = this.list(p, email)[0];
    if (!other) throw fail('user.not_found', { email }, 'user');
    if (!p.isSuperuser) throw fail('access.denied');
    return other;
  }
}
