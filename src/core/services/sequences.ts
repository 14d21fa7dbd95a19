import type Database from 'better-sqlite3';
import type { Db } from '../../store/store';

/**
 * The statement that takes a number, prepared once per connection, and raw: a sequence is taken on
 * every event, and drizzle's placeholder filling and row mapping cost several times such a one-column write.
 */
function nextStatement(db: Db): Database.Statement {
  let found = statementsFor.get(db.$client);
  if (!found) {
    found = db.$client.prepare('INSERT INTO id_sequences (name, last) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET last = last + 1 RETURNING last').pluck();
    statementsFor.set(db.$client, found);
  }
  return found;
}

const statementsFor = new WeakMap<Database.Database, Database.Statement>();

/**
 * The next number of sequence `name`, inside the caller's transaction. The sequence lives outside the
 * state that reset and restore replace, so a number is never handed out twice in a database's life.
 */
export function nextInSequence(db: Db, name: string): number {
  return nextStatement(db).get(name) as number;
}
