import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Core } from '../../src/core/core';
import type { Principal } from '../../src/core/model';
import { DEFAULT_FIXTURES, loadFixtures, readFixtures } from '../../src/store/fixtures';
import { startTestCore } from '../helpers/core';
import type { Store } from '../../src/store/store';
import { countQueries as countStatements } from '../helpers/queryCount';

let store: Store;
let core: Core;
let admin: Principal;
let tenantId: string;
let clusterId: string;

beforeEach(() => {
  ({ core, store, admin } = startTestCore({ logLines: 3 }));
  tenantId = admin.homeTenantId;
  clusterId = core.tenancy.listClusters(admin, tenantId)[0].id;
  core.clusterFiles.createSecret(admin, tenantId, clusterId, 'db-password', 'x');
  core.clusterFiles.createVolume(admin, tenantId, clusterId, 'data');
});
afterEach(() => store.close());

const countQueries = (work: () => void) => countStatements(store.sqlite, work);

function addServices(from: number, to: number) {
  for (let i = from; i < to; i++) {
    core.workloads.create(admin, tenantId, clusterId, `svc-${i}`, {
      image: 'nginx', env: [{ key: 'N', value: String(i) }],
      secrets: [{ name: 'db-password' }], mounts: [{ source: 'data', target: '/data' }],
    });
  }
}

test('the MedStack service list costs the same statements for 2 services as for 20', () => {
  addServices(0, 2);
  core.workloads.list(admin, tenantId, clusterId);
  const few = countQueries(() => core.workloads.list(admin, tenantId, clusterId));
  addServices(2, 20);
  let listed = 0;
  const many = countQueries(() => { listed = core.workloads.list(admin, tenantId, clusterId).length; });
  expect(listed).toBe(20);
  expect(many.executed).toBe(few.executed);
  expect(many.executed).toBeLessThanOrEqual(8);
  expect(many.prepared).toBe(few.prepared);
});

test('a service seen in the list is the same as the service read alone', () => {
  addServices(0, 3);
  const listed = core.workloads.list(admin, tenantId, clusterId);
  for (const workload of listed) expect(workload).toEqual(core.workloads.get(admin, tenantId, clusterId, workload.app.id));
  expect(listed[1]).toMatchObject({ image: 'nginx', env: [{ key: 'N', value: '1' }], secrets: [{ name: 'db-password' }], mounts: [{ source: 'data' }] });
});

test('a page of the app list costs two statements whatever the number of apps, none compiled per request', () => {
  for (let i = 0; i < 30; i++) core.apps.create(admin, { name: `app-${i}` });
  const apps = core.apps.list(admin);
  let names: string[] = [];
  const page = countQueries(() => {
    apps.count();
    names = apps.page({ limit: 10, offset: 10 }).map((app) => app.name);
  });
  expect(names).toHaveLength(10);
  expect(page).toEqual({ prepared: 0, executed: 2 });
});

test('the visible-app count, kept by triggers, follows every way an app is made, moved, handed on or removed', async () => {
  const principal = (username: string) => core.principals.principalOf(core.principals.findByUsername(username));
  const agree = (...usernames: string[]) => {
    for (const username of usernames) {
      const visible = core.apps.list(principal(username));
      expect({ username, count: visible.count() }).toEqual({ username, count: visible.all().length });
    }
  };
  for (let i = 0; i < 5; i++) core.apps.create(admin, { name: `app-${i}` });
  core.principals.register({ username: 'bob', password: 'secret-123', memberships: [{ tenantId, role: 'user' }] });
  core.apps.create(principal('bob'), { name: 'bobs' });
  core.teams.create(principal('bob'), 'side');
  agree('admin', 'bob');
  expect(core.apps.list(principal('bob')).count()).toBe(1);

  core.grants.grantUser(admin, 'app-1', 'bob');
  core.apps.transfer(admin, 'app-2', 'bob');
  // Moving an app to another tenant (Tsuru's team-owner change, Divio's organisation move) moves its count.
  store.sqlite.prepare("UPDATE apps SET tenant_id = 'side' WHERE name IN ('app-3', 'bobs')").run();
  agree('admin', 'bob');
  // bob: side's two apps, app-1 granted, app-2 his; admin: four at home and app-3, still his, in side.
  expect(core.apps.list(principal('bob')).count()).toBe(4);
  expect(core.apps.list(admin).count()).toBe(5);

  const dir = mkdtempSync(path.join(tmpdir(), 'polypaas-counts-'));
  try {
    await store.backupTo(path.join(dir, 'snap.db'));
    core.apps.destroy(admin, 'app-4');
    core.accounts.cancel(admin, 'bob');
    agree('admin');
    store.restoreFrom(path.join(dir, 'snap.db'));
    agree('admin', 'bob');
    store.tx(() => {
      store.wipe();
      loadFixtures(core, readFixtures(DEFAULT_FIXTURES));
    });
    expect(core.apps.list(principal('admin')).count()).toBe(0);
    expect(store.sqlite.prepare('SELECT coalesce(sum(n), 0) AS n FROM app_counts').get()).toEqual({ n: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
