import type { Core } from '../../src/core/core';
import type { Principal } from '../../src/core/model';
import { clusters } from '../../src/store/schema';
import type { Store } from '../../src/store/store';
import { startTestCore } from '../helpers/core';
import { observeQueries } from '../helpers/queryCount';

let store: Store;
let core: Core;
let admin: Principal;
let tenantId: string;

beforeEach(() => {
  ({ core, store, admin } = startTestCore());
  tenantId = admin.homeTenantId;
});
afterEach(() => store.close());

const service = (name: string, clusterId = 'default') => core.workloads.create(admin, tenantId, clusterId, name, { image: 'nginx:1', env: [{ key: 'A', value: '1' }] });

test('a service GET is one statement: the app, its view and its cluster\'s tenant together', () => {
  const { app } = service('web');
  core.workloads.get(admin, tenantId, 'default', app.id);
  const second = observeQueries(store.sqlite, () => core.workloads.get(admin, tenantId, 'default', app.id));
  expect(second).toMatchObject({ prepared: 0, executed: 1, compiled: [] });
});

test('a PATCH reads the service once before and once after its writes (7 statements in all, 18 before), and answers with what it wrote', () => {
  const { app } = service('web');
  const patch = (i: number) => core.workloads.update(admin, tenantId, 'default', app.id, { command: `serve ${i}`, replicas: 1 }, 'patch');
  patch(0);
  let updated;
  const counted = observeQueries(store.sqlite, () => { updated = patch(1); });
  expect(counted.executed).toBe(7);
  expect(updated).toMatchObject({ spec: { command: 'serve 1' }, env: [{ key: 'A', value: '1' }], image: 'nginx:1' });
  expect(counted.compiled).toEqual([]);
});

test('a service is found only through its own cluster, and a missing cluster is told apart from a missing service', () => {
  store.db.insert(clusters).values({ id: 'second', uuid: 'c2', tenantId, name: 'second', createdAt: '2026-01-01T00:00:00.000Z' }).run();
  const { app } = service('web', 'second');
  expect(core.workloads.get(admin, tenantId, 'second', app.id).app.id).toBe(app.id);
  expect(() => core.workloads.get(admin, tenantId, 'default', app.id)).toThrow(/^app.not_found$/);
  expect(() => core.workloads.get(admin, tenantId, 'nope', app.id)).toThrow(/^cluster.not_found$/);
  expect(() => core.workloads.get(admin, tenantId, 'default', 'no-such-service')).toThrow(/^app.not_found$/);
  expect(() => core.workloads.get(admin, 'someone-else', 'second', app.id)).toThrow(/^tenant.not_found$/);
});

test('as in Docker Swarm, a PATCH to the replicas a service already runs scales nothing; another count does', () => {
  const { app } = service('web');
  const units = () => core.processes.list(admin, app.name).map((unit) => unit.id);
  const before = { units: units(), log: core.events.tail(app).length };
  core.workloads.update(admin, tenantId, 'default', app.id, { replicas: 1 }, 'patch');
  expect({ units: units(), log: core.events.tail(app).length }).toEqual(before);
  core.workloads.update(admin, tenantId, 'default', app.id, { replicas: 2 }, 'patch');
  expect(units()).toHaveLength(2);
  expect(core.events.tail(app).at(-1)?.message).toBe('admin scaled containers cmd=2');
});
