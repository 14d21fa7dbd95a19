import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';

type StoreModule = typeof import('../src/store/store');
type FixturesModule = typeof import('../src/store/fixtures');
type CoreModule = typeof import('../src/core/core');
type SchemaModule = typeof import('../src/store/schema');
type NodesModule = typeof import('../src/core/services/nodes');
type ClockModule = typeof import('../src/core/clock');
type IdsModule = typeof import('../src/core/ids');

/**
 * Writes a database file the way polypaas would after `count` apps were created through Deis: the
 * default fixtures, then per app its row, its primary environment and release v1 without variables. Rows go
 * in through the store's prepared inserts, in one transaction, so 100 000 apps take seconds, not the
 * minutes that 100 000 HTTP requests would. `root` is the polypaas build whose store writes the file
 * (the bench measures other builds than its own, e.g. the one before a change).
 */
export function seedDatabase(root: string, file: string, count: number): void {
  const load = <T>(module: string) => require(path.join(root, 'dist', 'src', module)) as T;
  const { Store } = load<StoreModule>('store/store');
  const { loadFixtures, readFixtures, DEFAULT_FIXTURES } = load<FixturesModule>('store/fixtures');
  const { Core } = load<CoreModule>('core/core');
  const { apps, environments, releases } = load<SchemaModule>('store/schema');
  const { DEFAULT_NODE_DURATIONS } = load<NodesModule>('core/services/nodes');
  const { systemClock } = load<ClockModule>('core/clock');
  const { randomIds } = load<IdsModule>('core/ids');

  const store = new Store(file);
  try {
    const core = new Core({
      store, clock: systemClock, ids: randomIds,
      settings: { appDomain: 'deisapp.local', logLines: 100, nodeDurations: DEFAULT_NODE_DURATIONS, eventRetention: 10_000 },
    });
    store.tx(() => loadFixtures(core, readFixtures(DEFAULT_FIXTURES)));
    const admin = core.principals.principalOf(core.principals.findByUsername('admin'));
    const tenantId = admin.homeTenantId;
    const cluster = core.tenancy.listClusters(admin, tenantId)[0];
    const start = Date.parse('2020-01-01T00:00:00Z');
    // One prepared statement a table, run once a row: compiling a 1 000-row insert cost more than running it.
    const p = (name: string) => sql.placeholder(name);
    const insertApp = store.db.insert(apps).values({
      id: p('app'), name: p('name'), serviceName: p('name'), tenantId, clusterId: cluster.id, ownerId: admin.userId, createdById: admin.userId,
      createdAt: p('at'), updatedAt: p('at'),
    }).prepare();
    const insertEnvironment = store.db.insert(environments).values({
      id: p('environment'), appId: p('app'), name: 'default', isPrimary: true, position: 0, structure: {}, createdAt: p('at'), updatedAt: p('at'),
    }).prepare();
    const insertRelease = store.db.insert(releases).values({
      id: p('release'), environmentId: p('environment'), version: 1, createdBy: admin.username, buildId: null,
      configId: p('config'), configCreatedAt: p('at'), configCreatedBy: admin.username, variables: [],
      summary: `${admin.username} created initial release`, createdAt: p('at'), updatedAt: p('at'),
    }).prepare();
    store.tx(() => {
      for (let n = 0; n < count; n++) {
        const row = {
          name: `seeded-${String(n).padStart(6, '0')}`, at: new Date(start + n * 1000).toISOString(),
          app: randomUUID(), environment: randomUUID(), config: randomUUID(), release: randomUUID(),
        };
        insertApp.run(row);
        insertEnvironment.run(row);
        insertRelease.run(row);
      }
    });
  } finally {
    store.close();
  }
}
