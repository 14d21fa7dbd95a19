import { testCore, codeOf } from './helpers';

/**
 * Tenancy and the one access policy: tenants are walls, roles decide within them, and a superuser is
 * one only inside its own tenants.
 */
const world = () => testCore({
  tenants: [{ id: 'acme', name: 'Acme' }, { id: 'shared', name: 'Shared' }],
  clusters: [{ id: 'acme-c', tenant: 'acme', name: 'main', default: true }, { id: 'shared-c', tenant: 'shared', name: 'main', default: true }],
  users: [
    { username: 'root', password: 'p', tenant: 'acme', superuser: true },
    { username: 'ann', password: 'p', tenant: 'acme', role: 'member', tenants: [{ tenant: 'shared', role: 'member' }] },
    { username: 'uma', password: 'p', tenant: 'acme', role: 'user' },
    { username: 'sam', password: 'p', tenant: 'shared', role: 'member' },
  ],
});

test('a superuser of another tenant neither sees nor touches the default tenant\'s apps', () => {
  const { core, as } = world();
  core.apps.create(as('admin'), { name: 'home-app' });
  expect(codeOf(() => core.apps.get(as('root'), 'home-app'))).toBe('app.not_found');
  expect(codeOf(() => core.apps.destroy(as('root'), 'home-app'))).toBe('app.not_found');
  expect(core.apps.list(as('root')).all().map((a) => a.name)).toEqual([]);
  expect(core.apps.list(as('admin')).all().map((a) => a.name)).toEqual(['home-app']);
});

test('members use every app of their tenants; a user only what it owns or was granted', () => {
  const { core, as } = world();
  core.apps.create(as('root'), { name: 'acme-app' });
  core.apps.create(as('sam'), { name: 'shared-app' });
  core.apps.create(as('uma'), { name: 'uma-app' });
  expect(core.apps.list(as('ann')).all().map((a) => a.name)).toEqual(['acme-app', 'shared-app', 'uma-app']);
  expect(core.apps.list(as('uma')).all().map((a) => a.name)).toEqual(['uma-app']);
  expect(codeOf(() => core.apps.get(as('uma'), 'acme-app'))).toBe('access.denied');
  expect(codeOf(() => core.apps.get(as('uma'), 'shared-app'))).toBe('app.not_found');

  core.grants.grantUser(as('root'), 'acme-app', 'uma');
  expect(core.apps.list(as('uma')).all().map((a) => a.name)).toEqual(['acme-app', 'uma-app']);
  expect(codeOf(() => core.releases.setVariables(as('uma'), 'acme-app', [{ kind: 'env', name: 'A', value: '1' }]))).toBe('none');
  expect(codeOf(() => core.apps.destroy(as('uma'), 'acme-app'))).toBe('access.denied');
  expect(codeOf(() => core.apps.destroy(as('uma'), 'uma-app'))).toBe('none');
});

test('an app shared with a tenant is open to that tenant\'s members, and closed again on revoke', () => {
  const { core, as } = world();
  core.apps.create(as('admin'), { name: 'lent' });
  expect(codeOf(() => core.apps.get(as('sam'), 'lent'))).toBe('app.not_found');
  core.apps.create(as('ann'), { name: 'anns' });
  core.grants.grantTenant(as('ann'), 'anns', 'shared');
  expect(core.grants.listTenants(as('ann'), 'anns')).toEqual(['shared']);
  expect(core.apps.list(as('sam')).all().map((a) => a.name)).toEqual(['anns']);
  expect(codeOf(() => core.apps.destroy(as('sam'), 'anns'))).toBe('access.denied');
  core.grants.revokeTenant(as('ann'), 'anns', 'shared');
  expect(codeOf(() => core.apps.get(as('sam'), 'anns'))).toBe('app.not_found');
  expect(codeOf(() => core.grants.grantTenant(as('ann'), 'anns', 'polypaas'))).toBe('tenant.not_found');
});

test('apps go to the creator\'s home tenant unless another of its tenants is named', () => {
  const { core, as } = world();
  expect(core.apps.create(as('ann'), { name: 'a1' })).toMatchObject({ tenantId: 'acme', clusterId: 'acme-c', ownerName: 'ann' });
  expect(core.apps.create(as('ann'), { name: 'a2', tenantId: 'shared' })).toMatchObject({ tenantId: 'shared', clusterId: 'shared-c' });
  expect(codeOf(() => core.apps.create(as('ann'), { name: 'a3', tenantId: 'polypaas' }))).toBe('tenant.not_found');
});

test('tenant-wide things: any member reads them, a user may not change them, outsiders do not see them', () => {
  const { core, as } = world();
  expect(core.tenancy.listClusters(as('uma'), 'acme').map((c) => c.id)).toEqual(['acme-c']);
  expect(codeOf(() => core.clusterFiles.createVolume(as('uma'), 'acme', 'acme-c', 'v'))).toBe('access.denied');
  expect(codeOf(() => core.clusterFiles.createVolume(as('ann'), 'acme', 'acme-c', 'v'))).toBe('none');
  expect(codeOf(() => core.tenancy.listClusters(as('sam'), 'acme'))).toBe('tenant.not_found');
  expect(core.tenancy.current(as('sam')).uuid).toMatch(/^[0-9a-f-]{36}$/);
});

test('superuser powers stay inside the superuser\'s tenants', () => {
  const { core, as } = world();
  expect(core.principals.listSuperusers(as('root')).map((u) => u.username)).toEqual(['root']);
  expect(codeOf(() => core.principals.setSuperuser(as('root'), 'sam', true))).toBe('user.not_found');
  expect(codeOf(() => core.principals.setSuperuser(as('root'), 'uma', true))).toBe('none');
  expect(core.apps.list(as('uma')).count()).toBe(0);
  core.apps.create(as('ann'), { name: 'anns' });
  expect(core.apps.list(as('uma')).all().map((a) => a.name)).toEqual(['anns']);
});

test('emails are unique where given; blank ones are not emails', () => {
  const { core } = world();
  core.principals.register({ username: 'e1', password: 'p', email: 'same@example.com' });
  expect(codeOf(() => core.principals.register({ username: 'e2', password: 'p', email: 'same@example.com' }))).toBe('user.email_taken');
  expect(codeOf(() => core.principals.register({ username: 'e3', password: 'p', email: '' }))).toBe('none');
  expect(codeOf(() => core.principals.register({ username: 'e4', password: 'p' }))).toBe('none');
});

test('a list counts exactly the apps it shows, for every kind of caller', () => {
  const { core, as } = world();
  core.apps.create(as('admin'), { name: 'home-app' });
  core.apps.create(as('root'), { name: 'acme-app' });
  core.apps.create(as('root'), { name: 'acme-granted' });
  core.apps.create(as('sam'), { name: 'shared-app' });
  core.apps.create(as('sam'), { name: 'shared-to-acme' });
  core.apps.create(as('uma'), { name: 'uma-app' });
  core.grants.grantUser(as('root'), 'acme-granted', 'uma');
  core.grants.grantUser(as('sam'), 'shared-app', 'uma');
  core.grants.grantTenant(as('ann'), 'shared-to-acme', 'acme');
  for (const name of ['admin', 'root', 'ann', 'uma', 'sam']) {
    const list = core.apps.list(as(name));
    expect({ name, count: list.count() }).toEqual({ name, count: list.all().length });
  }
  expect(core.apps.list(as('uma')).all().map((a) => a.name)).toEqual(['acme-granted', 'shared-app', 'uma-app']);
  expect(core.apps.list(as('root')).all().map((a) => a.name)).toEqual(['acme-app', 'acme-granted', 'shared-to-acme', 'uma-app']);
});
