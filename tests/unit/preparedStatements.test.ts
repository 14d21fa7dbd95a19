import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../src/core/core';
import type { ManualClock } from '../../src/core/clock';
import type { Principal } from '../../src/core/model';
import type { Store } from '../../src/store/store';
import { startTestCore } from '../helpers/core';
import { observeQueries } from '../helpers/queryCount';

let store: Store;
let core: Core;
let clock: ManualClock;
let admin: Principal;
let tenantId: string;

beforeEach(() => {
  ({ core, store, clock, admin } = startTestCore({ logLines: 3 }));
  tenantId = admin.homeTenantId;
});
afterEach(() => store.close());

/**
 * Runs `work` twice (the first call may meet statements nothing prepared yet) and returns the SQL the
 * second call compiled: a path prepared once compiles none, so a failure names each statement left.
 */
function compiledOnSecondCall(work: (i: number) => unknown): string[] {
  work(0);
  const second = observeQueries(store.sqlite, () => work(1));
  expect(second.executed).toBeGreaterThan(0);
  return second.compiled;
}

const refreshed = () => core.principals.principalOf(core.principals.findByUsername('admin'));
/** 24 bytes of key material: base64 without padding, as the key check wants whole quads. */
const publicKey = (i: number) => `ssh-ed25519 ${Buffer.from(`key material number ${String(i).padStart(4, '0')}`).toString('base64')} user@host`;
const certificate = (name: string) => readFileSync(join(__dirname, '../fixtures/certs', name), 'utf8');

function tsuruApp(name: string) {
  core.catalogueApps.create(admin, { name, platform: 'python' });
  core.releases.createBuild(admin, name, { image: `registry.example.com/${name}:1`, procfile: { web: 'run web', worker: 'run worker' } });
  return core.access.load(name)!;
}

test('Tsuru app, key and account requests compile nothing on their second call', () => {
  expect(compiledOnSecondCall((i) => core.catalogueApps.create(admin, { name: `made-${i}`, platform: 'python' }))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.keys.add(admin, `key-${i}`, publicKey(i)))).toEqual([]);
  expect(compiledOnSecondCall(() => core.keys.list(admin))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.keys.get(admin, `key-${i}`))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.emailAccounts.addKey(admin, `key-${i}`, publicKey(i + 10), true))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.keys.remove(admin, `key-${i}`))).toEqual([]);
  expect(compiledOnSecondCall(() => core.emailAccounts.findByEmail('admin@polypaas.local'))).toEqual([]);
  expect(compiledOnSecondCall(() => core.emailAccounts.list(admin))).toEqual([]);
  expect(compiledOnSecondCall(() => core.emailAccounts.list(admin, 'admin@polypaas.local'))).toEqual([]);
  expect(compiledOnSecondCall(() => core.emailAccounts.apiKey(admin, true))).toEqual([]);
  expect(compiledOnSecondCall(() => core.emailAccounts.resetPassword(admin, 'admin@polypaas.local'))).toEqual([]);
  expect(compiledOnSecondCall(() => core.accounts.listUsers(admin))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.accounts.changePassword(admin, { next: `secret-${i}` }))).toEqual([]);
  expect(compiledOnSecondCall(() => core.accounts.regenerateToken(admin))).toEqual([]);
  for (const user of ['first', 'second']) core.principals.register({ username: user, email: `${user}@example.com`, password: 'pw', memberships: [{ tenantId, role: 'member' }] });
  expect(compiledOnSecondCall((i) => core.accounts.cancel(admin, ['first', 'second'][i]))).toEqual([]);
});

test('Tsuru sharing, add-on, process, unit and release requests compile nothing on their second call', () => {
  const apps = [tsuruApp('web-0'), tsuruApp('web-1')];
  core.teams.create(admin, 'partners');
  const member = refreshed();
  core.principals.register({ username: 'guest', email: 'guest@example.com', password: 'pw', memberships: [{ tenantId, role: 'user' }] });
  expect(compiledOnSecondCall((i) => core.grants.grantTenant(member, apps[i].name, 'partners'))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.grants.listTenants(member, apps[i].name))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.grants.revokeTenant(member, apps[i].name, 'partners'))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.grants.grantUser(member, apps[i].name, 'guest'))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.grants.listUsers(member, apps[i].name))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.grants.revokeUser(member, apps[i].name, 'guest'))).toEqual([]);

  const service = { team: tenantId, endpoint: 'https://addons.example.com', username: 'u', password: 'p' };
  expect(compiledOnSecondCall((i) => core.addons.createService(member, { ...service, name: `db-${i}` }))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.addons.updateService(member, `db-${i}`, { doc: 'docs', plans: [{ name: 'small', description: 'Small' }] }))).toEqual([]);
  const instance = { plan: 'small', team: tenantId, description: '', tags: [], parameters: { size: '1' } };
  expect(compiledOnSecondCall((i) => core.addons.createInstance(member, `db-${i}`, { ...instance, name: 'main' }))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.addons.updateInstance(member, `db-${i}`, 'main', { description: 'Main', tags: ['t'] }))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.addons.shareWith(member, `db-${i}`, 'main', 'partners', true))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.addons.bind(member, `db-${i}`, 'main', apps[i].name))).toEqual([]);
  expect(compiledOnSecondCall(() => core.addons.instances(member))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.addons.unbind(member, `db-${i}`, 'main', apps[i].name))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.addons.removeInstance(member, `db-${i}`, 'main', true))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.addons.removeService(member, `db-${i}`))).toEqual([]);

  expect(compiledOnSecondCall((i) => core.processes.scale(member, apps[i].name, { web: 2, worker: 1 }))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.processes.list(member, apps[i].name))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.processes.list(member, apps[i].name, 'web'))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.processes.restart(member, apps[i].name, { type: 'web' }))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.processes.run(member, apps[i].name, 'echo hi'))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.units.change(member, apps[i].name, 'worker', 1))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.units.act(member, apps[i].name, 'web', 'stop'))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.units.act(member, apps[i].name, undefined, 'restart'))).toEqual([]);

  expect(compiledOnSecondCall((i) => core.releases.list(member, apps[i].name))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.releases.listBuilds(member, apps[i].name))).toEqual([]);
  const builds = apps.map((app) => core.releases.listBuilds(member, app.name)[0].id);
  expect(compiledOnSecondCall((i) => core.releases.getBuild(member, apps[i].name, builds[i]))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.releases.rollback(member, apps[i].name))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.domains.add(member, apps[i].name, `www.web-${i}.example.com`))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.domains.remove(member, apps[i].name, `www.web-${i}.example.com`))).toEqual([]);
  expect(compiledOnSecondCall(() => core.deploys.list(member, {}))).toEqual([]);
});

test('role, certificate and event reads compile nothing on their second call', () => {
  expect(compiledOnSecondCall(() => core.roleCatalogue.roles(admin))).toEqual([]);
  expect(compiledOnSecondCall(() => core.roleCatalogue.permissionTree(admin))).toEqual([]);
  expect(compiledOnSecondCall(() => core.roleCatalogue.teamRolesFor('admin'))).toEqual([]);
  expect(compiledOnSecondCall(() => core.roleCatalogue.teamPermissions(admin, tenantId))).toEqual([]);

  const added = [{ certificate: certificate('www.example.com.crt'), key: certificate('www.example.com.key') },
    { certificate: certificate('no-cn.crt'), key: certificate('no-cn.key'), commonName: 'other.example.com' }];
  expect(compiledOnSecondCall((i) => core.certificates.add(admin, added[i]))).toEqual([]);
  expect(compiledOnSecondCall(() => core.certificates.list(admin))).toEqual([]);
  const names = ['www.example.com', 'other.example.com'];
  expect(compiledOnSecondCall((i) => core.certificates.get(admin, names[i]))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.certificates.remove(admin, names[i]))).toEqual([]);

  const app = tsuruApp('logged');
  const filters = (i: number) => ({ tenantIds: [tenantId], readableBy: admin, kinds: ['app.create', `x.${i}`], kindPrefix: 'app', since: '2000-01-01T00:00:00.000Z' });
  expect(compiledOnSecondCall((i) => core.events.list({ ...filters(i), limit: 10 + i, skip: i }))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.events.list({ appId: app.id, order: 'oldest', target: { type: 'app', value: `logged${'x'.repeat(i)}` } }))).toEqual([]);
  expect(compiledOnSecondCall((i) => {
    const source = core.events.source({ appsReadableBy: admin, ownerType: 'user', running: i === 1 });
    return [source.count(), source.page({ limit: 5, offset: i }), source.all()];
  })).toEqual([]);
  // Divio's activities: readable, unarchived apps. (Tsuru's app info: tests/unit/tsuruAppInfoStatements.test.ts.)
  expect(compiledOnSecondCall((i) => {
    const source = core.events.source({ liveAppsReadableBy: admin, appId: i ? app.id : 'none', kinds: ['app.create'] });
    return [source.count(), source.page({ limit: 10, offset: 0 })];
  })).toEqual([]);
});

test('MedStack cluster, file, node, webhook and workload requests compile nothing on their second call', () => {
  expect(compiledOnSecondCall(() => core.tenancy.listClusters(admin, tenantId))).toEqual([]);
  const clusterId = core.tenancy.listClusters(admin, tenantId)[0].id;
  expect(compiledOnSecondCall((i) => core.clusterFiles.createSecret(admin, tenantId, clusterId, `secret-${i}`, 'x'))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.clusterFiles.createConfig(admin, tenantId, clusterId, `config-${i}`, 'x'))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.clusterFiles.createVolume(admin, tenantId, clusterId, `volume-${i}`))).toEqual([]);
  expect(compiledOnSecondCall(() => core.clusterFiles.listSecrets(admin, tenantId, clusterId))).toEqual([]);
  const configs = core.clusterFiles.listConfigs(admin, tenantId, clusterId).map((c) => c.id);
  expect(compiledOnSecondCall((i) => core.clusterFiles.getConfig(admin, tenantId, clusterId, configs[i]))).toEqual([]);

  const volumes = core.clusterFiles.listVolumes(admin, tenantId, clusterId).map((v) => v.id);
  const workload = (i: number) => ({
    image: `nginx:${i}`, env: [{ key: 'N', value: String(i) }], secrets: [{ name: `secret-${i}` }], configs: [{ name: `config-${i}` }],
    mounts: [{ source: volumes[i], target: '/data' }],
  });
  expect(compiledOnSecondCall((i) => core.workloads.create(admin, tenantId, clusterId, `svc-${i}`, workload(i)))).toEqual([]);
  const services = core.workloads.list(admin, tenantId, clusterId).map((w) => w.app.id);
  expect(compiledOnSecondCall((i) => core.workloads.update(admin, tenantId, clusterId, services[i], workload(1 - i), 'replace'))).toEqual([]);
  expect(compiledOnSecondCall(() => core.workloads.tasks(admin, tenantId, clusterId))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.clusterFiles.volumeMounts(volumes[i]))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.workloads.remove(admin, tenantId, clusterId, services[i]))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.clusterFiles.deleteVolume(admin, tenantId, clusterId, volumes[i]))).toEqual([]);

  expect(compiledOnSecondCall(() => core.nodes.sizes(admin, tenantId, clusterId))).toEqual([]);
  expect(compiledOnSecondCall(() => core.nodes.create(admin, tenantId, clusterId, 'node_size_small'))).toEqual([]);
  clock.advance(60_000);
  expect(compiledOnSecondCall(() => core.timedWork.settleDue())).toEqual([]);
  const nodes = core.nodes.list(admin, tenantId, clusterId).map((n) => n.id);
  expect(compiledOnSecondCall((i) => core.nodes.reboot(admin, tenantId, clusterId, nodes[i]))).toEqual([]);

  const hook = (i: number) => ({ url: `https://hooks.example.com/${i}`, label: `hook ${i}` });
  expect(compiledOnSecondCall((i) => core.webhooks.create(admin, tenantId, 'medstack', hook(i)))).toEqual([]);
  const hooks = core.webhooks.list(admin, tenantId).map((h) => h.id);
  expect(compiledOnSecondCall((i) => core.webhooks.update(admin, tenantId, hooks[i], { clusterId }))).toEqual([]);
  expect(compiledOnSecondCall((i) => core.webhooks.test(admin, tenantId, hooks[i]))).toEqual([]);
  const delivery = { eventType: 'test', payload: {}, attempts: 1, statusCode: 500, responseBody: '', error: 'failed', succeeded: false };
  expect(compiledOnSecondCall((i) => core.webhooks.recordDelivery(hooks[i], delivery))).toEqual([]);
  expect(compiledOnSecondCall(() => core.webhooks.deliveries())).toEqual([]);
  expect(compiledOnSecondCall((i) => core.webhooks.remove(admin, tenantId, hooks[i]))).toEqual([]);
});

test('what the converted statements answer is what they answered: email filter, unit restart, webhook clusters, event shapes', () => {
  expect(core.emailAccounts.list(admin).map((u) => u.username)).toEqual(['admin']);
  expect(core.emailAccounts.list(admin, 'nobody@example.com')).toEqual([]);
  const app = tsuruApp('units');
  core.processes.scale(admin, app.name, { web: 1, worker: 1 });
  const before = core.processes.list(admin, app.name);
  core.catalogueApps.setEnv(admin, app.name, [{ kind: 'env', name: 'A', value: '1' }], false);
  expect(core.units.act(admin, app.name, 'web', 'stop')).toBe(1);
  const stopped = core.processes.list(admin, app.name);
  expect(stopped.map((p) => [p.type, p.state, p.releaseId])).toEqual(before.map((p) => [p.type, p.type === 'web' ? 'stopped' : 'up', p.releaseId]));
  expect(core.units.act(admin, app.name, undefined, 'restart')).toBe(before.length);
  const latest = core.releases.list(admin, app.name)[0].id;
  expect(core.processes.list(admin, app.name).map((p) => [p.state, p.releaseId])).toEqual(before.map(() => ['up', latest]));

  const clusterId = core.tenancy.listClusters(admin, tenantId)[0].id;
  const everywhere = core.webhooks.create(admin, tenantId, 'medstack', { url: 'https://hooks.example.com/all' });
  const one = core.webhooks.create(admin, tenantId, 'medstack', { url: 'https://hooks.example.com/all', clusterId });
  expect(() => core.webhooks.create(admin, tenantId, 'medstack', { url: 'https://hooks.example.com/all' })).toThrow();
  const event = (cluster: string | null) => ({ tenantId, clusterId: cluster, kind: 'x' }) as never;
  expect(core.webhooks.subscribersOf(event(null)).map((h) => h.id)).toEqual([everywhere.id]);
  expect(core.webhooks.subscribersOf(event(clusterId)).map((h) => h.id).sort()).toEqual([everywhere.id, one.id].sort());

  const all = core.events.list({ appId: app.id });
  expect(core.events.list({ appId: app.id, order: 'oldest' })).toEqual([...all].reverse());
  expect(core.events.list({ appId: app.id, limit: 2, skip: 1 })).toEqual(all.slice(1, 3));
  expect(core.events.list({ appId: app.id, kindPrefix: 'app.update' }).every((e) => e.kind.startsWith('app.update'))).toBe(true);
  expect(core.events.source({ appId: app.id }).count()).toBe(all.length);
});
