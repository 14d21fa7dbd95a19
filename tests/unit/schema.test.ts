import { getTableName } from 'drizzle-orm';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { NOT_MOVED, inDependencyOrder, tablesInDependencyOrder } from '../../src/store/tables';
import { Store } from '../../src/store/store';

/** The migrated schema as SQLite itself reports it, not as the drizzle files describe it. */
let store: Store;
beforeAll(() => { store = new Store(undefined); });
afterAll(() => store.close());

const pragma = <Row>(statement: string) => store.sqlite.prepare(statement).all() as Row[];

function migratedTables(): string[] {
  return pragma<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name")
    .map((row) => row.name);
}

interface ForeignKey { id: number; seq: number; table: string; from: string }

test('wipe, dump and restore walk every table of the migrated schema but the trigger-kept app counts', () => {
  const left = NOT_MOVED.map(getTableName);
  expect(left).toEqual(['app_counts']);
  expect(tablesInDependencyOrder.map(getTableName).sort()).toEqual(migratedTables().filter((name) => !left.includes(name)));
});

test('every table comes after the tables its foreign keys point at', () => {
  const position = new Map(tablesInDependencyOrder.map((table, i) => [getTableName(table), i]));
  for (const [name, at] of position) {
    for (const fk of pragma<ForeignKey>(`PRAGMA foreign_key_list("${name}")`)) {
      if (fk.table !== name) expect({ table: name, after: fk.table, ok: position.get(fk.table)! < at }).toEqual({ table: name, after: fk.table, ok: true });
    }
  }
});

test('the dependency order refuses a cycle instead of looping', () => {
  const a = sqliteTable('a', { id: text('id').primaryKey(), b: text('b').references((): ReturnType<typeof text> => b.id) });
  const b = sqliteTable('b', { id: text('id').primaryKey(), a: text('a').references(() => a.id) });
  expect(() => inDependencyOrder([a, b])).toThrow(/cycle between a, b/);
});

/**
 * Every foreign-key child column needs an index that starts with it: without one, each delete of a
 * parent row scans the child table, and each list that filters by the parent does too.
 */
test('every foreign-key child column leads an index', () => {
  const unindexed: string[] = [];
  for (const table of migratedTables()) {
    const leading = new Set(pragma<{ name: string }>(`PRAGMA index_list("${table}")`)
      .map((index) => pragma<{ seqno: number; name: string }>(`PRAGMA index_info("${index.name}")`).find((c) => c.seqno === 0)?.name));
    const rowid = pragma<{ name: string; pk: number; type: string }>(`PRAGMA table_info("${table}")`)
      .filter((column) => column.pk === 1 && column.type.toUpperCase() === 'INTEGER').map((column) => column.name);
    for (const fk of pragma<ForeignKey>(`PRAGMA foreign_key_list("${table}")`)) {
      if (fk.seq === 0 && !leading.has(fk.from) && !rowid.includes(fk.from)) unindexed.push(`${table}.${fk.from}`);
    }
  }
  expect(unindexed).toEqual([]);
});

/** The lists the dialects page through sort by these columns; each needs an index in that order. */
test.each([
  ['apps', ['created_at', 'name']],
  ['apps', ['cluster_id', 'created_at', 'name']],
])('%s has an index on %j', (table, columns) => {
  const indexes = pragma<{ name: string }>(`PRAGMA index_list("${table}")`)
    .map((index) => pragma<{ seqno: number; name: string }>(`PRAGMA index_info("${index.name}")`).sort((x, y) => x.seqno - y.seqno).map((c) => c.name));
  expect(indexes).toContainEqual(columns);
});
