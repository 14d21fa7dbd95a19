import { createHash } from 'node:crypto';
import { and, asc, eq, getTableName, gt, isNull, or, sql } from 'drizzle-orm';
import { memberships, tenants, tokens, users } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Principal, Role, Token, User } from '../model';
import { checkPassword, hashPassword } from '../passwords';
import { slot } from './placeholders';

export interface NewUser {
  username: string;
  password: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  isSuperuser?: boolean;
  /** The tenants the user joins, the first being home; default: the default tenant, as a `user`. */
  memberships?: { tenantId: string; role: Role }[];
}

/** What a credential resolved to, and until when (a token's expiry; null for none). */
interface Resolution {
  principal: Principal | undefined;
  expiresAt: string | null;
}

/** The sequence that triggers move on every change of users, tokens and memberships (migration 0009). */

/** How a login hands out its token: Deis keeps one per user (DRF's get_or_create), Tsuru makes one per login. */
export type LoginTokens = 'reuse' | 'new';

const USERNAME = /^[\w.@+-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Users, their memberships, credentials and tokens. */
export class PrincipalService {
  /** Every authenticated request resolves a token and the caller's roles: prepared once. */
  private readonly byToken;
  private readonly rolesOf;
  private readonly byUsername;
  /**
   * Resolved credentials, valid while no user, token or membership has changed (the store counts every
   * change of those tables, resets and restores included): a request then costs no query at all for
   * its token, password or roles, whatever else it writes. Expiry is checked on every hit.
   */
  private readonly resolved = new Map<string, Resolution>();
  private resolvedAt = -1;
  private readonly credentialChanges: { readonly count: number };

  constructor(private readonly ctx: CoreContext) {
    const db = ctx.store.db;
    this.credentialChanges = ctx.store.changesTo([getTableName(users), getTableName(tokens), getTableName(memberships)]);
    this.byToken = db.select({ token: tokens, user: users }).from(tokens).leftJoin(users, eq(tokens.userId, users.id))
      .where(and(eq(tokens.token, sql.placeholder('token')), or(isNull(tokens.expiresAt), gt(tokens.expiresAt, sql.placeholder('now'))))).prepare();
    this.rolesOf = db.select({ tenantId: memberships.tenantId, role: memberships.role, isHome: memberships.isHome }).from(memberships)
      .where(eq(memberships.userId, sql.placeholder('userId'))).orderBy(asc(memberships.createdAt), asc(memberships.tenantId)).prepare();
    this.byUsername = db.select().from(users).where(eq(users.username, sql.placeholder('username'))).prepare();
    this.writes = this.prepareWrites();
  }

  /** The writes of logins, tokens and memberships (team creation, team tokens), prepared once. */
  private readonly writes;

  private prepareWrites() {
    const db = this.ctx.store.db;
    const p = sql.placeholder;
    return {
      tenantExists: db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, p('tenantId'))).prepare(),
      join: db.insert(memberships).values({ userId: slot('userId'), tenantId: slot('tenantId'), role: slot('role'), isHome: slot('isHome'), createdAt: slot('now') })
        .onConflictDoUpdate({ target: [memberships.userId, memberships.tenantId], set: { role: slot('role') } }).prepare(),
      touchLogin: db.update(users).set({ lastLogin: slot('now') }).where(eq(users.id, p('userId'))).prepare(),
      loginToken: db.select().from(tokens).where(and(eq(tokens.userId, p('userId')), eq(tokens.kind, 'login'))).prepare(),
      revoke: db.delete(tokens).where(eq(tokens.token, p('token'))).prepare(),
      issue: db.insert(tokens).values({
        token: slot('token'), kind: slot('kind'), userId: slot('userId'), tenantId: slot('tenantId'), name: slot('name'), expiresAt: slot('expiresAt'), createdAt: slot('now'),
      }).prepare(),
    };
  }

  private get db() { return this.ctx.store.db; }

  /** Whether no user exists yet (Deis makes its first registered user a superuser). */
  isEmpty(): boolean {
    return !this.db.select({ id: users.id }).from(users).limit(1).get();
  }

  register(input: NewUser): User {
    return this.ctx.store.tx(() => {
      validateNewUser(input);
      if (this.byUsername.get({ username: input.username })) throw fail('user.username_taken', { username: input.username }, 'username');
      const email = input.email || null;
      if (email && this.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
        throw fail('user.email_taken', { email }, 'email');
      }
      const now = nowIso(this.ctx);
      const user = this.db.insert(users).values({
        username: input.username, email, passwordHash: hashPassword(input.password),
        firstName: input.firstName ?? '', lastName: input.lastName ?? '', isSuperuser: input.isSuperuser ?? false, dateJoined: now,
      }).returning().get();
      const joins = input.memberships ?? [{ tenantId: this.defaultTenantId(), role: 'user' as const }];
      joins.forEach(({ tenantId, role }, i) => this.join(user.id, tenantId, role, i === 0));
      return user;
    });
  }

  /** Adds the user to a tenant (or changes their role there). */
  join(userId: number, tenantId: string, role: Role, isHome = false): void {
    if (!this.writes.tenantExists.get({ tenantId })) throw fail('tenant.not_found', { id: tenantId });
    this.writes.join.run({ userId, tenantId, role, isHome, now: nowIso(this.ctx) });
  }

  /**
   * Checks credentials and hands out a token: the user's one login token where the dialect reuses it,
   * else a new session token. Never a token of another kind (a fixture's API token stays the user's own).
   */
  login(username: string, password: string, mode: LoginTokens): string {
    return this.ctx.store.tx(() => {
      const user = this.byUsername.get({ username });
      if (!user || !checkPassword(password, user.passwordHash)) throw fail('auth.bad_credentials');
      if (!user.isActive) throw fail('auth.inactive');
      this.writes.touchLogin.run({ userId: user.id, now: nowIso(this.ctx) });
      if (mode === 'reuse') {
        const existing = this.writes.loginToken.get({ userId: user.id });
        if (existing) return existing.token;
      }
      return this.issueToken({ userId: user.id, kind: mode === 'reuse' ? 'login' : 'session' });
    });
  }

  /** Revokes exactly the token the caller came with. */
  logout(principal: Principal): void {
    if (principal.token) this.ctx.store.tx(() => this.writes.revoke.run({ token: principal.token }));
  }

  issueToken(input: { userId?: number; tenantId?: string; kind: Token['kind']; token?: string; name?: string; expiresAt?: string }): string {
    const token = input.token ?? this.ctx.ids.token();
    this.writes.issue.run({
      token, kind: input.kind, userId: input.userId ?? null, tenantId: input.tenantId ?? null,
      name: input.name ?? '', expiresAt: input.expiresAt ?? null, now: nowIso(this.ctx),
    });
    return token;
  }

  /** The principal a token belongs to, or undefined for an unknown or expired token or an inactive user. */
  resolveToken(token: string): Principal | undefined {
    return this.remembered(`token\0${token}`, (now) => {
      const row = this.byToken.get({ token, now });
      return row && { principal: this.principalOfToken(row, token), expiresAt: row.token.expiresAt };
    });
  }

  private principalOfToken(row: { token: typeof tokens.$inferSelect; user: User | null }, token: string): Principal | undefined {
    if (row.user) return row.user.isActive ? { ...this.principalOf(row.user), token } : undefined;
    const tenantId = row.token.tenantId!;
    return { userId: null, username: row.token.name || tenantId, isSuperuser: false, roles: new Map([[tenantId, 'member']]), homeTenantId: tenantId, token };
  }

  /** The principal of a username/secret pair where the secret is the password or one of the user's own tokens. */
  resolveBasic(username: string, secret: string): Principal | undefined {
    // Keyed by a digest: the cache holds no password.
    const key = `basic\0${createHash('sha256').update(username).update('\0').update(secret).digest('base64')}`;
    return this.remembered(key, (now) => {
      const user = this.byUsername.get({ username });
      if (!user || !user.isActive) return { principal: undefined, expiresAt: null };
      const row = this.byToken.get({ token: secret, now });
      if (row?.user?.id === user.id) return { principal: this.principalOfToken(row, secret), expiresAt: row.token.expiresAt };
      return { principal: checkPassword(secret, user.passwordHash) ? this.principalOf(user) : undefined, expiresAt: null };
    });
  }

  /** What `resolve` answers for `key`, remembered while the credentials stand still (see `resolved`). */
  private remembered(key: string, resolve: (now: string) => Resolution | undefined): Principal | undefined {
    const generation = this.credentialChanges.count;
    if (generation !== this.resolvedAt) {
      this.resolved.clear();
      this.resolvedAt = generation;
    }
    const cached = this.resolved.get(key);
    // The clock is read only for what can expire: most credentials never do.
    if (cached && cached.expiresAt === null) return cached.principal;
    const now = nowIso(this.ctx);
    if (cached && cached.expiresAt! > now) return cached.principal;
    const fresh = resolve(now);
    if (fresh) this.resolved.set(key, fresh);
    return fresh?.principal;
  }

  /** A user as the caller of core operations: a superuser is admin in each of its own tenants. */
  principalOf(user: User): Principal {
    const rows = this.rolesOf.all({ userId: user.id });
    const roles = new Map(rows.map((m) => [m.tenantId, user.isSuperuser ? 'admin' as const : m.role]));
    const home = rows.find((m) => m.isHome) ?? rows[0];
    return { userId: user.id, username: user.username, isSuperuser: user.isSuperuser, roles, homeTenantId: home?.tenantId ?? '' };
  }

  /** The user of that name, if there is one (an event's owner may have left). */
  findUser(username: string): User | undefined {
    return this.byUsername.get({ username });
  }

  findByUsername(username: string): User {
    const user = this.byUsername.get({ username });
    if (!user) throw fail('user.not_found', { username }, 'username');
    return user;
  }

  /** The superusers who share a tenant with the caller, itself a superuser. */
  listSuperusers(principal: Principal): User[] {
    requireSuperuser(principal);
    return this.db.selectDistinct({ user: users }).from(users).innerJoin(memberships, eq(memberships.userId, users.id))
      .where(and(eq(users.isSuperuser, true), sql`${memberships.tenantId} IN (SELECT value FROM json_each(${JSON.stringify([...principal.roles.keys()])}))`))
      .orderBy(asc(users.id)).all().map((r) => r.user);
  }

  /** Makes a user of one of the caller's tenants a superuser, or no longer one. */
  setSuperuser(principal: Principal, username: string, isSuperuser: boolean): void {
    requireSuperuser(principal);
    this.ctx.store.tx(() => {
      const user = this.findByUsername(username);
      const shared = this.rolesOf.all({ userId: user.id }).some((m) => principal.roles.has(m.tenantId));
      if (!shared) throw fail('user.not_found', { username }, 'username');
      this.db.update(users).set({ isSuperuser }).where(eq(users.id, user.id)).run();
    });
  }

  /** The tenant users join where nothing else is said: the one marked default, else the oldest. */
  defaultTenantId(): string {
    const tenant = this.db.select().from(tenants).orderBy(sql`${tenants.isDefault} DESC`, asc(tenants.createdAt)).get();
    if (!tenant) throw fail('tenant.none');
    return tenant.id;
  }
}

export function requireSuperuser(principal: Principal): void {
  if (!principal.isSuperuser) throw fail('access.superuser_required');
}

/** The caller's user id, for operations on one's own account (a team token has none). */
export function requireUser(principal: Principal): number {
  if (principal.userId === null) throw fail('access.denied');
  return principal.userId;
}

function validateNewUser(input: NewUser): void {
  if (!input.username) throw fail('user.username_required', {}, 'username');
  if (input.username.length > 30) throw fail('user.username_too_long', { max: 30 }, 'username');
  if (!USERNAME.test(input.username)) throw fail('user.username_invalid', {}, 'username');
  if (!input.password) throw fail('user.password_required', {}, 'password');
  if (input.email && !EMAIL.test(input.email)) throw fail('user.email_invalid', {}, 'email');
}
