import type Database from 'better-sqlite3';
import type { Db } from '../../store/store';

/**
 * Both statements of id_sequences, prepared once per connection, and raw: a sequence is read on every
 * request ('credentials') and taken on every event, and drizzle's placeholder filling and row mapping
 * cost several times such a one-column read.
 */
function statements(db: Db): { next: Database.Statement; last: Database.Statement } {
  let found = statementsFor.get(db.$client);
  if (!found) {
    statementsFor.set(db.$client, found = {
      next: db.$client.prepare('INSERT INTO id_sequences (name, last) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET last = last + 1 RETURNING last').pluck(),
      last: db.$client.prepare('SELECT last FROM id_sequences WHERE name = ?').pluck(),
    });
  }
  return found;
}

const statementsFor = new WeakMap<Database.Database, ReturnType<typeof statements>>();

/**
 * The next number of sequence `name`, inside the caller's transaction. The sequence lives outside the
 * state that reset and restore replace, so a number is never handed out twice in a database's life.
 */
export function nextInSequence(db: Db, name: string): number {
  return statements(db).next.get(name) as number;
}

/**
 * The last number of sequence `name`, taking none: 0 before its first. A sequence that triggers move
 * ('credentials') tells a cache whether what it holds still stands.
 */
export function lastInSequence(db: Db, name: string): number {
  return (statements(db).last.get(name) as number | undefined) ?? 0;
}
