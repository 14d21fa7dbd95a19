import { getTableColumns, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * A named placeholder where drizzle's types want a column's value (`update().set()`, `values()`): drizzle
 * wraps it like any value, with the column's encoder (JSON, booleans), and the prepared statement fills it
 * per call. Write paths are prepared once with these: building and compiling a drizzle query costs
 * 50–100 µs per statement, running a prepared one 2–9 µs.
 */
export const slot = (name: string): never => sql.placeholder(name) as never;

/**
 * A placeholder for every column of `table` (each named as the column's key), less `except`: a row
 * written whole (an upsert of a profile) is prepared once and filled from the row object.
 */
export function slotsOf<Table extends SQLiteTable>(table: Table, except: string[] = []): Record<keyof Table['$inferInsert'], never> {
  const names = Object.keys(getTableColumns(table)).filter((name) => !except.includes(name));
  return Object.fromEntries(names.map((name) => [name, slot(name)])) as Record<keyof Table['$inferInsert'], never>;
}

/**
 * A value as a JSON column reads it back: a row built from what was inserted, instead of an INSERT's
 * RETURNING (which doubled the cost of an insert, then decoded every column again), holds this.
 */
export const asStoredJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
