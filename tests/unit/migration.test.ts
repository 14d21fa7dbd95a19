import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fromRoot } from '../../src/store/paths';
import { Store } from '../../src/store/store';

/**
 * A --db file written by polypaas 0.1 (config maps in one row, grants to users only, one token per
 * user) opens with every row carried into the new shape: variable rows, release snapshots, domains
 * on the environment, memberships and typed tokens.
 */
let dir: string;
beforeAll(() => { dir = mkdtempSync(path.join(tmpdir(), 'polypaas-migration-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database at the schema of the first `count` migrations. */
function databaseAt(count: number, file: string): Database.Database {
  const folder = path.join(dir, `migrations-${count}`);
  mkdirSync(path.join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(fromRoot('drizzle', 'meta', '_journal.json'), 'utf8'));
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const entry of journal.entries) copyFileSync(fromRoot('drizzle', `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  return sqlite;
}

test('a 0.1 database keeps every app, variable, release, domain, grant and token', () => {
  const file = path.join(dir, 'old.db');
  const old = databaseAt(2, file);
  const t = '2014-01-01T00:00:00.000Z';
  old.exec(`
    INSERT INTO tenants (id, name, is_default, details, created_at) VALUES ('polypaas', 'polypaas', 1, '{}', '${t}');
    INSERT INTO users VALUES (1, 'polypaas', 'admin', 'a@x.io', 'h', '', '', 1, 1, '${t}', NULL);
    INSERT INTO users VALUES (2, 'polypaas', 'bob', '', 'h', '', '', 0, 1, '${t}', NULL);
    INSERT INTO users VALUES (3, 'polypaas', 'dup', 'a@x.io', 'h', '', '', 0, 1, '${t}', NULL);
    INSERT INTO tokens VALUES ('tok', 1, '${t}');
    INSERT INTO clusters (id, tenant_id, name, is_default, provider, region, created_at) VALUES ('default', 'polypaas', 'default', 1, 'local', 'l', '${t}');
    INSERT INTO apps VALUES ('app-1', 'legacy', 'polypaas', 'default', 1, '${t}', '${t}');
    INSERT INTO environments VALUES ('env-1', 'app-1', 'default', '{"cmd":1}', '${t}', '${t}');
    INSERT INTO configs VALUES ('cfg-1', 'env-1', 'admin', '{}', '{}', '{}', '{}', '${t}', '${t}');
    INSERT INTO configs VALUES ('cfg-2', 'env-1', 'admin', '{"A":"1","B":"two"}', '{"web":"512M"}', '{"web":"256"}', '{"env":"prod"}', '${t}', '${t}');
    INSERT INTO releases VALUES ('rel-1', 'env-1', 1, 'admin', NULL, 'cfg-1', 'created', '${t}', '${t}');
    INSERT INTO releases VALUES ('rel-2', 'env-1', 2, 'admin', NULL, 'cfg-2', 'added', '${t}', '${t}');
    INSERT INTO domains VALUES ('dom-1', 'app-1', 'legacy.example.com', 'admin', '${t}', '${t}');
    INSERT INTO app_grants VALUES ('app-1', 2, '${t}');
  `);
  old.close();

  const store = new Store(file);
  try {
    const state = store.dump() as Record<string, Record<string, unknown>[]>;
    expect(state.variables.map((v) => [v.kind, v.name, v.value, v.position])).toEqual([
      ['env', 'A', '1', 1], ['env', 'B', 'two', 2], ['memory', 'web', '512M', 3], ['cpu', 'web', '256', 4], ['tag', 'env', 'prod', 5],
    ]);
    expect(state.releases.map((r) => [r.version, r.configId, (r.variables as unknown[]).length])).toEqual([[1, 'cfg-1', 0], [2, 'cfg-2', 5]]);
    expect(state.releases[1].variables).toContainEqual({ kind: 'tag', name: 'env', value: 'prod', isSensitive: false, source: 'user' });
    expect(state.environments[0]).toMatchObject({ id: 'env-1', isPrimary: true });
    expect(state.domains[0]).toMatchObject({ name: 'legacy.example.com', environmentId: 'env-1' });
    expect(state.app_grants[0]).toMatchObject({ appId: 'app-1', userId: 2, tenantId: null });
    expect(state.apps[0]).toMatchObject({ ownerId: 1, createdById: 1 });
    expect(state.memberships.map((m) => [m.userId, m.tenantId, m.role])).toEqual([[1, 'polypaas', 'admin'], [2, 'polypaas', 'user'], [3, 'polypaas', 'user']]);
    expect(state.users.map((u) => u.email)).toEqual(['a@x.io', null, null]);
    expect(state.tokens).toEqual([expect.objectContaining({ token: 'tok', kind: 'api', userId: 1 })]);
    expect(state.tenants[0].uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  } finally {
    store.close();
  }
});

/** How many migrations come before the one whose tag ends with `suffix` (the lead renumbers them at merges). */
function migrationsBefore(suffix: string): number {
  const journal = JSON.parse(readFileSync(fromRoot('drizzle', 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((e) => e.tag.endsWith(suffix));
  if (index < 0) throw new Error(`no migration ${suffix}`);
  return index;
}

test('the service-names migration gives every existing app its name as its service name, unique per cluster from then on', () => {
  const file = path.join(dir, 'before-service-names.db');
  const old = databaseAt(migrationsBefore('_medstack_service_names'), file);
  const t = '2026-01-01T00:00:00.000Z';
  old.exec(`
    INSERT INTO tenants (id, uuid, name, created_at) VALUES ('polypaas', '00000000-0000-4000-8000-000000000001', 'polypaas', '${t}');
    INSERT INTO clusters (id, uuid, tenant_id, name, created_at) VALUES ('default', '00000000-0000-4000-8000-000000000002', 'polypaas', 'default', '${t}');
    INSERT INTO apps (id, name, tenant_id, cluster_id, created_at, updated_at) VALUES ('app-1', 'web', 'polypaas', 'default', '${t}', '${t}');
    INSERT INTO apps (id, name, tenant_id, cluster_id, created_at, updated_at) VALUES ('app-2', 'api', 'polypaas', 'default', '${t}', '${t}');
  `);
  old.close();

  const store = new Store(file);
  try {
    const state = store.dump() as Record<string, Record<string, unknown>[]>;
    expect(state.apps.map((a) => [a.id, a.name, a.serviceName])).toEqual([['app-1', 'web', 'web'], ['app-2', 'api', 'api']]);
    expect(() => store.sqlite.prepare(`UPDATE apps SET service_name = 'web' WHERE id = 'app-2'`).run()).toThrow(/UNIQUE/);
  } finally {
    store.close();
  }
});

test('the event-ids migration keeps every event and hands out no id the old sequence already gave', () => {
  const file = path.join(dir, 'sequence.db');
  const old = databaseAt(migrationsBefore('_core_event_ids_autoincrement'), file);
  const t = '2014-01-01T00:00:00.000Z';
  old.exec(`
    INSERT INTO tenants (id, uuid, name, is_default, details, created_at) VALUES ('polypaas', 'u', 'polypaas', 1, '{}', '${t}');
    INSERT INTO events (id, tenant_id, kind, target_type, target_value, owner, owner_type, started_at, running)
      VALUES (7, 'polypaas', 'app.create', 'app', 'web', 'admin', 'user', '${t}', 0);
    INSERT INTO id_sequences (name, last) VALUES ('events', 40) ON CONFLICT (name) DO UPDATE SET last = 40;
  `);
  old.close();

  const store = new Store(file);
  try {
    const insert = store.sqlite.prepare(`INSERT INTO events (tenant_id, kind, target_type, target_value, owner, owner_type, started_at, running)
      VALUES ('polypaas', 'app.update', 'app', 'web', 'admin', 'user', '${t}', 0)`);
    expect(Number(insert.run().lastInsertRowid)).toBe(41);
    expect(store.sqlite.prepare('SELECT id, kind FROM events ORDER BY id').all()).toEqual([{ id: 7, kind: 'app.create' }, { id: 41, kind: 'app.update' }]);
    expect(store.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'id_sequences'").all()).toEqual([]);
  } finally {
    store.close();
  }
});
