import { appJson } from '../../dialects/tsuru/mappers';
import { AppGet } from '../../dialects/tsuru/handlers/apps';
import type { DialectRequest } from '../../dialects/types';
import type { Core } from '../../src/core/core';
import type { Principal } from '../../src/core/model';
import type { Store } from '../../src/store/store';
import { startTestCore } from '../helpers/core';
import { observeQueries } from '../helpers/queryCount';

let store: Store;
let core: Core;
let admin: Principal;
let tenantId: string;

beforeEach(() => {
  ({ core, store, admin } = startTestCore({ logLines: 3 }));
  tenantId = admin.homeTenantId;
});
afterEach(() => store.close());

/** App info as the pipeline runs it: the handler in one transaction, so BEGIN and COMMIT are counted too. */
function appInfo(caller: Principal, app: string) {
  const req = { operationId: 'AppGet', method: 'GET', params: { app }, query: {}, headers: {}, body: undefined, files: [], principal: caller,
    url: new URL(`http://127.0.0.1/1.0/apps/${app}`) } as DialectRequest;
  return store.tx(() => AppGet(req, core));
}

/** A MedStack service (an app without Tsuru choices) with a volume mount, two units, a cname, a bound instance, shared with `partners`. */
function everythingApp(name: string) {
  const clusterId = core.tenancy.listClusters(admin, tenantId)[0].id;
  const volume = core.clusterFiles.createVolume(admin, tenantId, clusterId, `${name}-data`);
  core.workloads.create(admin, tenantId, clusterId, name, { image: 'nginx:1', mounts: [{ source: volume.id, target: '/data' }] });
  core.releases.createBuild(admin, name, { image: `registry.example.com/${name}:1`, procfile: { web: 'run web', worker: 'run worker' } });
  core.processes.scale(admin, name, { web: 1, worker: 1 });
  core.domains.add(admin, name, `www.${name}.example.com`);
  core.grants.grantTenant(admin, name, 'partners');
  core.addons.bind(admin, 'db', 'main', name);
}

beforeEach(() => {
  core.teams.create(admin, 'partners');
  admin = core.principals.principalOf(core.principals.findByUsername('admin'));
  core.addons.createService(admin, { name: 'db', team: tenantId, endpoint: 'https://addons.example.com', username: 'u', password: 'p' });
  core.addons.updateService(admin, 'db', { doc: '', plans: [{ name: 'small', description: 'Small' }] });
  core.addons.createInstance(admin, 'db', { name: 'main', plan: 'small', team: tenantId, description: '', tags: [], parameters: {} });
  everythingApp('first');
  everythingApp('second');
});

test('app info for a tenant-wide caller runs BEGIN, one read and COMMIT, and compiles nothing on its second call', () => {
  appInfo(admin, 'first');
  const second = observeQueries(store.sqlite, () => appInfo(admin, 'second'));
  expect(second.compiled).toEqual([]);
  expect(second.executed).toBe(3);
});

test('the one read holds every list of the info, decoded as the rows are', () => {
  const info = core.catalogueApps.info(admin, 'first');
  expect(info.units.map((u) => [u.type, u.num, u.state, u.releaseVersion])).toEqual([['cmd', 1, 'up', 4], ['web', 1, 'up', 4], ['worker', 1, 'up', 4]]);
  expect(info).toMatchObject({
    choices: null, cnames: ['www.first.example.com'], deploys: 0, sharedWith: ['partners'],
    boundInstances: [{ serviceName: 'db', name: 'main', plan: 'small' }], volumeMounts: [{ app: 'first', volume: 'first-data', target: '/data', readonly: false }],
  });
  expect(info.app).toEqual(core.access.load('first'));
  const [listed] = core.catalogueApps.search(admin, { name: 'first' });
  expect({ app: info.app, choices: info.choices, pool: info.pool, units: info.units, cnames: info.cnames }).toEqual(listed);
});

test('its owner reads it in the same statements; a member of a team it is shared with once more (the grant); anyone else is refused', () => {
  const register = (username: string, memberships: { tenantId: string; role: 'member' | 'user' }[]) =>
    core.principals.principalOf(core.principals.register({ username, email: `${username}@example.com`, password: 'pw', memberships }));
  const owner = register('owner', [{ tenantId, role: 'user' }]);
  for (const app of ['first', 'second']) core.apps.transfer(admin, app, 'owner');
  const partner = register('partner', [{ tenantId: 'partners', role: 'member' }]);
  const stranger = register('stranger', [{ tenantId, role: 'user' }]);

  const shown = appJson(core.catalogueApps.info(admin, 'first'), core);
  expect(appInfo(owner, 'first')).toEqual({ status: 200, body: shown });
  expect(observeQueries(store.sqlite, () => appInfo(owner, 'second')).executed).toBe(3);
  expect(appInfo(partner, 'first')).toEqual({ status: 200, body: shown });
  expect(observeQueries(store.sqlite, () => appInfo(partner, 'second')).executed).toBe(4);
  expect(() => appInfo(stranger, 'first')).toThrow(expect.objectContaining({ code: 'access.denied' }));
  expect(() => appInfo(register('outsider', [{ tenantId: 'partners', role: 'user' }]), 'first')).toThrow(expect.objectContaining({ code: 'app.not_found' }));
  expect(() => appInfo(admin, 'ghost')).toThrow(expect.objectContaining({ code: 'app.not_found' }));
});
