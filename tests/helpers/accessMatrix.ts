import type { DialectName } from '../../dialects/types';
import { DEFAULT_FIXTURES, readFixtures, type Fixtures } from '../../src/store/fixtures';

/** Who asks: a superuser of another tenant, and a user of the app's own tenant it was never shared with. */
export type Intruder = 'outsider' | 'stranger';

/** The app every operation of the matrix aims at, owned by alice of the default tenant. */
export interface Target { name: string; id: string; buildId: string }

export interface AppOperation {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: (target: Target) => string;
  body?: unknown;
}

/**
 * A dialect's part of the access matrix: how each intruder authenticates, what a refusal looks like,
 * and every operation of its spec that works on one app. A new dialect joins by adding one of these.
 */
export interface DialectMatrix {
  dialect: DialectName;
  authorization: (who: Asker) => string;
  /** The status each intruder gets: the dialect's choice of how a refusal looks. */
  refusal: Record<Intruder, number>;
  /** Spec paths whose operations are app-scoped (the test checks every one of them is listed). */
  appPath: RegExp;
  /**
   * Requests sent before each test, after the shared setup (e.g. sharing the app, to revoke it): as the
   * app's owner, or with the given Authorization header.
   */
  setup?: { method: 'post' | 'put'; path: string; body?: unknown; authorization?: string }[];
  operations: AppOperation[];
}

/** Everyone the matrix sends: the intruders, and the app's owner (who must pass, so that no refusal is an accident). */
export type Asker = Intruder | 'owner';

export const TOKENS: Record<Asker, string> = { owner: 'alice-token', outsider: 'mallory-token', stranger: 'bob-token' };
export const USERNAMES: Record<Asker, string> = { owner: 'alice', outsider: 'mallory', stranger: 'bob' };

/** The default fixtures plus a second tenant with its own superuser, and two plain users of the default one. */
export function matrixFixtures(): Fixtures {
  const base = readFixtures(DEFAULT_FIXTURES);
  return {
    ...base,
    tenants: [...base.tenants!, { id: 'acme', name: 'Acme' }],
    clusters: [...base.clusters!, { id: 'acme-cluster', tenant: 'acme', name: 'acme-cluster', default: true }],
    users: [
      ...base.users!,
      { username: 'alice', password: 'pw', tenant: 'polypaas', role: 'user', tokens: ['alice-token'] },
      { username: 'bob', password: 'pw', tenant: 'polypaas', role: 'user', tokens: ['bob-token'] },
      { username: 'carol', password: 'pw', tenant: 'polypaas', role: 'user' },
      { username: 'mallory', password: 'pw', tenant: 'acme', superuser: true, tokens: ['mallory-token'] },
    ],
    apps: [{ name: 'target', owner: 'alice' }],
  };
}

