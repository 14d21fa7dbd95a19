import { testCore, codeOf } from './helpers';

/**
 * An app's two names: its core name is unique among all apps (Deis and Tsuru address apps by it),
 * its service name only within its cluster (a MedStack service's name). A name taken elsewhere never
 * refuses anything and never shows whose it is; the derived names are readable and repeatable.
 */
const world = () => testCore({
  tenants: [{ id: 'acme', name: 'Acme' }, { id: 'shared', name: 'Shared' }],
  clusters: [
    { id: 'acme-c', tenant: 'acme', name: 'main', default: true }, { id: 'Acme_EU.2', tenant: 'acme', name: 'eu' },
    { id: 'shared-c', tenant: 'shared', name: 'main', default: true },
  ],
  users: [
    { username: 'root', password: 'p', tenant: 'acme', superuser: true },
    { username: 'ann', password: 'p', tenant: 'acme', role: 'member', tenants: [{ tenant: 'shared', role: 'member' }] },
    { username: 'sam', password: 'p', tenant: 'shared', role: 'member' },
  ],
});

const IMAGE = { image: 'nginx' };
const names = (app: { name: string; serviceName: string }) => [app.name, app.serviceName];

test('a service takes its own name as core name when no app has it, else <name>-<cluster>, numbered when that is taken too', () => {
  const { core, as } = world();
  expect(names(core.workloads.create(as('sam'), 'shared', 'shared-c', 'web', IMAGE).app)).toEqual(['web', 'web']);
  core.apps.create(as('admin'), { name: 'web-acme-c' });
  expect(names(core.workloads.create(as('root'), 'acme', 'acme-c', 'web', IMAGE).app)).toEqual(['web-acme-c-2', 'web']);
  expect(names(core.workloads.create(as('root'), 'acme', 'Acme_EU.2', 'web', IMAGE).app)).toEqual(['web-acme-eu-2', 'web']);
});

test('the same service name twice in one cluster is app.name_taken; a malformed one is refused before anything is written', () => {
  const { core, as, store } = world();
  core.workloads.create(as('root'), 'acme', 'acme-c', 'api', IMAGE);
  expect(codeOf(() => core.workloads.create(as('root'), 'acme', 'acme-c', 'api', IMAGE))).toBe('app.name_taken');
  expect(codeOf(() => core.workloads.create(as('root'), 'acme', 'acme-c', 'Bad_Name', IMAGE))).toBe('app.name_invalid');
  expect(store.dump().apps).toHaveLength(1);
});

test('a derived core name stays within 64 characters, shortening the service name, never the cluster part', () => {
  const { core, as } = world();
  const long = 'a'.repeat(64);
  core.workloads.create(as('sam'), 'shared', 'shared-c', long, IMAGE);
  const app = core.workloads.create(as('root'), 'acme', 'acme-c', long, IMAGE).app;
  expect(app.serviceName).toBe(long);
  expect(app.name).toBe(`${'a'.repeat(57)}-acme-c`);
});

test('an app named by its core name takes a numbered service name where its cluster already has that one', () => {
  const { core, as } = world();
  core.apps.create(as('sam'), { name: 'shop' });
  core.workloads.create(as('root'), 'acme', 'acme-c', 'shop', IMAGE);
  core.apps.destroy(as('sam'), 'shop');
  expect(names(core.apps.create(as('root'), { name: 'shop' }))).toEqual(['shop', 'shop-2']);
});

test('moving an app to a cluster that has its service name numbers it there; moving where it is free keeps it', () => {
  const { core, as } = world();
  core.workloads.create(as('sam'), 'shared', 'shared-c', 'web', IMAGE);
  const acmeWeb = core.workloads.create(as('root'), 'acme', 'acme-c', 'web', IMAGE).app;
  const moved = core.profiles.transfer(as('ann'), acmeWeb.id, 'shared');
  expect([moved.clusterId, ...names(moved)]).toEqual(['shared-c', 'web-acme-c', 'web-2']);
  const back = core.profiles.transfer(as('ann'), acmeWeb.id, 'acme');
  expect([back.clusterId, ...names(back)]).toEqual(['acme-c', 'web-acme-c', 'web-2']);
});

test('a Tsuru app moved to a shared pool whose cluster has its service name is numbered there, never refused', () => {
  const { core, as } = world();
  core.workloads.create(as('admin'), 'polypaas', 'default', 'api', IMAGE);
  const acmeApi = core.workloads.create(as('root'), 'acme', 'acme-c', 'api', IMAGE).app;
  core.catalogueApps.update(as('root'), acmeApi.name, { pool: 'default' });
  const moved = core.access.loadById(acmeApi.id)!;
  expect([moved.clusterId, moved.tenantId, ...names(moved)]).toEqual(['default', 'acme', 'api-acme-c', 'api-2']);
});
