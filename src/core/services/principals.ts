import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { tenants, tokens, users } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { CoreError, alreadyExists, forbidden, invalid, notFound } from '../errors';
import type { Principal, User } from '../model';
import { checkPassword, hashPassword } from '../passwords';

export interface NewUser {
  username: string;
  password: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** Set by fixtures; a registration never chooses it (the first user becomes superuser instead). */
  isSuperuser?: boolean;
  tenantId?: string;
}

const USERNAME = /^[\w.@+-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const toPrincipal = (u: User): Principal =>
  ({ id: u.id, username: u.username, tenantId: u.tenantId, isSuperuser: u.isSuperuser });

/** Users, their credentials and tokens, and the superuser flag. */
export class PrincipalService {
  /** Every authenticated request resolves a token: one statement, prepared once. */
  private readonly byToken;

  constructor(private readonly ctx: CoreContext) {
    this.byToken = ctx.store.db.select({ user: users }).from(tokens).innerJoin(users, eq(tokens.userId, users.id))
      .where(eq(tokens.token, sql.placeholder('token'))).prepare();
  }

  private get db() { return this.ctx.store.db; }

  /** Creates a user. The first user of an empty store becomes a superuser, as in Deis. */
  register(input: NewUser): User {
    return this.ctx.store.tx(() => {
      validateNewUser(input);
      if (this.db.select().from(users).where(eq(users.username, input.username)).get()) {
        throw alreadyExists('User with this Username already exists.', 'username');
      }
      const isFirst = this.db.select({ n: count() }).from(users).get()!.n === 0;
      const now = nowIso(this.ctx);
      return this.db.insert(users).values({
        tenantId: input.tenantId ?? this.defaultTenantId(),
        username: input.username,
        email: input.email ?? '',
        passwordHash: hashPassword(input.password),
        firstName: input.firstName ?? '',
        lastName: input.lastName ?? '',
        isSuperuser: input.isSuperuser ?? isFirst,
        dateJoined: now,
      }).returning().get();
    });
  }

  /** Checks credentials and returns the user's token, creating one the first time (get-or-create). */
  login(username: string, password: string): string {
    return this.ctx.store.tx(() => {
      const user = this.db.select().from(users).where(eq(users.username, username)).get();
      if (!user || !checkPassword(password, user.passwordHash)) {
        throw invalid('Unable to log in with provided credentials.');
      }
      if (!user.isActive) throw invalid('User account is disabled.');
      this.db.update(users).set({ lastLogin: nowIso(this.ctx) }).where(eq(users.id, user.id)).run();
      const existing = this.db.select().from(tokens).where(eq(tokens.userId, user.id))
        .orderBy(asc(tokens.createdAt)).limit(1).get();
      return existing?.token ?? this.issueToken(user.id);
    });
  }

  issueToken(userId: number, token = this.ctx.ids.token()): string {
    this.db.insert(tokens).values({ token, userId, createdAt: nowIso(this.ctx) }).run();
    return token;
  }

  /** The principal a token belongs to, or undefined for an unknown token or an inactive user. */
  resolveToken(token: string): Principal | undefined {
    const row = this.byToken.get({ token });
    return row && row.user.isActive ? toPrincipal(row.user) : undefined;
  }

  /** The principal of a username/secret pair where the secret is the password or one of the user's tokens. */
  resolveBasic(username: string, secret: string): Principal | undefined {
    const user = this.db.select().from(users).where(eq(users.username, username)).get();
    if (!user || !user.isActive) return undefined;
    const byToken = this.db.select().from(tokens)
      .where(and(eq(tokens.userId, user.id), eq(tokens.token, secret))).get();
    return byToken || checkPassword(secret, user.passwordHash) ? toPrincipal(user) : undefined;
  }

  getUser(id: number): User {
    const user = this.db.select().from(users).where(eq(users.id, id)).get();
    if (!user) throw notFound('user');
    return user;
  }

  findByUsername(username: string): User {
    const user = this.db.select().from(users).where(eq(users.username, username)).get();
    if (!user) throw notFound('user', 'username');
    return user;
  }

  changePassword(principal: Principal, current: string, next: string): void {
    this.ctx.store.tx(() => {
      const user = this.getUser(principal.id);
      if (!checkPassword(current, user.passwordHash)) throw invalid('Current password does not match');
      if (!next) throw invalid('This field is required.', 'new_password');
      this.db.update(users).set({ passwordHash: hashPassword(next) }).where(eq(users.id, user.id)).run();
    });
  }

  /** Deletes the caller's account, and with it (by cascade) their apps, keys and tokens. */
  cancel(principal: Principal): void {
    this.ctx.store.tx(() => {
      this.db.delete(users).where(eq(users.id, principal.id)).run();
    });
  }

  listSuperusers(principal: Principal): User[] {
    requireSuperuser(principal);
    return this.db.select().from(users).where(eq(users.isSuperuser, true)).orderBy(asc(users.id)).all();
  }

  setSuperuser(principal: Principal, username: string, isSuperuser: boolean): void {
    requireSuperuser(principal);
    this.ctx.store.tx(() => {
      const user = this.findByUsername(username);
      this.db.update(users).set({ isSuperuser }).where(eq(users.id, user.id)).run();
    });
  }

  private defaultTenantId(): string {
    const tenant = this.db.select().from(tenants).orderBy(desc(tenants.isDefault), asc(tenants.createdAt)).get();
    if (!tenant) throw new CoreError('conflict', 'no tenant exists to register users in');
    return tenant.id;
  }
}

export function requireSuperuser(principal: Principal): void {
  if (!principal.isSuperuser) throw forbidden();
}

function validateNewUser(input: NewUser): void {
  if (!input.username) throw invalid('This field is required.', 'username');
  if (input.username.length > 30) throw invalid('Ensure this value has at most 30 characters.', 'username');
  if (!USERNAME.test(input.username)) throw invalid('Enter a valid username.', 'username');
  if (!input.password) throw invalid('This field is required.', 'password');
  if (input.email && !EMAIL.test(input.email)) throw invalid('Enter a valid email address.', 'email');
}
