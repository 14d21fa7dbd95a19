import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable, getTableConfig } from 'drizzle-orm/sqlite-core';
import * as core from './schema';
import * as infra from './schema-infra';
import * as timeline from './schema-timeline';
import * as appsExtra from './schema-apps';
import * as catalogue from './schema-catalogue';
import * as addons from './schema-addons';

/** Tables that wipe, dump and restore leave alone: triggers keep the app counts in step with the apps they move. */
export const NOT_MOVED: readonly SQLiteTable[] = [timeline.appCounts];

/** Every table the schema modules declare, in declaration order, but those left alone. */
const declaredTables = ([...Object.values(core), ...Object.values(infra), ...Object.values(timeline), ...Object.values(appsExtra),
  ...Object.values(catalogue), ...Object.values(addons)] as unknown[])
  .filter((value): value is SQLiteTable => is(value, SQLiteTable) && !NOT_MOVED.includes(value));

/**
 * Orders tables so that every table comes after the tables its foreign keys point at (declaration
 * order among equals), so rows may be inserted in this order and deleted in the reverse one.
 * A table that points at itself is fine; a cycle between tables is a schema error.
 */
export function inDependencyOrder(tables: SQLiteTable[]): SQLiteTable[] {
  const parentsOf = new Map(tables.map((table) => [table, new Set(
    getTableConfig(table).foreignKeys.map((fk) => fk.reference().foreignTable).filter((parent) => parent !== table),
  )]));
  const ordered: SQLiteTable[] = [];
  const placed = new Set<SQLiteTable>();
  while (ordered.length < tables.length) {
    const next = tables.find((table) => !placed.has(table) && [...parentsOf.get(table)!].every((parent) => placed.has(parent)));
    if (!next) {
      const left = tables.filter((table) => !placed.has(table)).map(getTableName);
      throw new Error(`foreign keys form a cycle between ${left.join(', ')}`);
    }
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

/**
 * Every table of the schema in the order rows may be deleted and re-inserted without breaking a
 * foreign key: what wipe, dump and restore walk. Derived, so a new table can never be left out.
 */
export const tablesInDependencyOrder: readonly SQLiteTable[] = inDependencyOrder(declaredTables);
