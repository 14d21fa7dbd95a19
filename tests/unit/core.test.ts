import type { Core } from '../../src/core/core';
import { CoreError } from '../../src/core/errors';
import type { Principal, VariableChange } from '../../src/core/model';
import type { Store } from '../../src/store/store';
import { startTestCore } from '../helpers/core';

let core: Core;
let admin: Principal;
let store: Store;

beforeEach(() => {
  ({ core, store, admin } = startTestCore({ logLines: 3 }));
});
afterEach(() => store.close());

/** Changes to environment variables, written as Deis' values map. */
const env = (values: Record<string, string | null>): VariableChange[] => Object.entries(values).map(([name, value]) => ({ kind: 'env', name, value }));

const kindOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof CoreError ? `${error.kind}:${error.field ?? ''}` : 'other';
  }
  return 'none';
};

test('a failed operation leaves no partial rows behind', () => {
  core.apps.create(admin, { name: 'app' });
  const before = store.dump();
  expect(kindOf(() => core.releases.setVariables(admin, 'app', env({ GOOD: '1', 'bad key': '2' })))).toBe('invalid:variables');
  expect(store.dump()).toEqual(before);
});

test('release numbers count up per app, one per config change, build and rollback', () => {
  core.apps.create(admin, { name: 'a' });
  core.apps.create(admin, { name: 'b' });
  expect(core.releases.setVariables(admin, 'a', env({ X: '1' })).release.version).toBe(2);
  expect(core.releases.createBuild(admin, 'a', { image: 'i' }).release.version).toBe(3);
  expect(core.releases.rollback(admin, 'a').version).toBe(4);
  expect(core.releases.setVariables(admin, 'b', env({ X: '1' })).release.version).toBe(2);
});

test('a change that changes nothing still makes a release, saying so', () => {
  core.apps.create(admin, { name: 'a' });
  const { release } = core.releases.setVariables(admin, 'a', env({}));
  expect(release.summary).toBe('admin changed nothing');
});

test('the default process type follows the build', () => {
  const structureAfter = (name: string, build: Parameters<typeof core.releases.createBuild>[2]) => {
    core.apps.create(admin, { name });
    core.releases.createBuild(admin, name, build);
    return core.apps.get(admin, name).structure;
  };
  expect(structureAfter('image', { image: 'x' })).toEqual({ cmd: 1 });
  expect(structureAfter('dockerfile', { image: 'x', sha: 'abc', dockerfile: 'FROM x' })).toEqual({ cmd: 1 });
  expect(structureAfter('procfile', { image: 'x', sha: 'abc', procfile: { web: 'w' } })).toEqual({ web: 1 });
  expect(structureAfter('noweb', { image: 'x', sha: 'abc', procfile: { worker: 'w' } })).toEqual({ cmd: 1 });
  expect(structureAfter('heroku', { image: 'x', sha: 'abc' })).toEqual({ web: 1 });
});

test('a second build keeps the structure instead of resetting it', () => {
  core.apps.create(admin, { name: 'a' });
  core.releases.createBuild(admin, 'a', { image: 'x' });
  core.processes.scale(admin, 'a', { cmd: 4 });
  core.releases.createBuild(admin, 'a', { image: 'y' });
  expect(core.apps.get(admin, 'a').structure).toEqual({ cmd: 4 });
  expect(core.processes.list(admin, 'a')).toHaveLength(4);
});

test('logs keep the latest lines, oldest first', () => {
  core.apps.create(admin, { name: 'a' });
  for (const v of ['1', '2', '3']) core.releases.setVariables(admin, 'a', env({ V: v }));
  const app = core.apps.get(admin, 'a');
  expect(core.events.tail(app).map((l) => l.message)).toEqual(['admin added V', 'admin changed V', 'admin changed V']);
});

test('a user without a tenant cluster cannot create apps', () => {
  store.tx(() => store.sqlite.prepare('DELETE FROM clusters').run());
  expect(kindOf(() => core.apps.create(admin, { name: 'a' }))).toBe('conflict:');
});

test("cancelling an account removes the user's keys and tokens, but its apps stay with their tenant", () => {
  const user = core.principals.register({ username: 'u', password: 'p' });
  const principal = core.principals.principalOf(user);
  core.apps.create(principal, { name: 'owned' });
  core.keys.add(principal, 'k', 'ssh-rsa AAAA u@h');
  core.principals.login('u', 'p', 'new');
  core.accounts.cancel(principal);
  expect(core.access.load('owned')).toMatchObject({ ownerId: null, ownerName: '', tenantId: 'polypaas' });
  expect(core.apps.get(admin, 'owned').name).toBe('owned');
  expect(store.dump().ssh_keys).toEqual([]);
  expect(store.dump().tokens).toEqual([expect.objectContaining({ token: 'polypaas-admin-token' })]);
});
