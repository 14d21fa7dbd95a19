import { eq, sql } from 'drizzle-orm';
import { idSequences } from '../../store/schema-timeline';
import type { Db } from '../../store/store';

/**
 * The next number of sequence `name`, inside the caller's transaction. The sequence lives outside the
 * state that reset and restore replace, so a number is never handed out twice in a database's life.
 */
export function nextInSequence(db: Db, name: string): number {
  let next = preparedFor.get(db);
  if (!next) preparedFor.set(db, next = prepare(db));
  return next.get({ name })!.last;
}

/** Every event takes a number: the statement is prepared once per database. */
const prepare = (db: Db) => db.insert(idSequences).values({ name: sql.placeholder('name'), last: 1 })
  .onConflictDoUpdate({ target: idSequences.name, set: { last: sql`${idSequences.last} + 1` } })
  .returning({ last: idSequences.last }).prepare();

const preparedFor = new WeakMap<Db, ReturnType<typeof prepare>>();

/**
 * The last number of sequence `name`, taking none: 0 before its first. A sequence that triggers move
 * ('credentials') tells a cache whether what it holds still stands; prepared once per database.
 */
export function lastInSequence(db: Db, name: string): number {
  let read = lastFor.get(db);
  if (!read) lastFor.set(db, read = prepareLast(db));
  return read.get({ name })?.last ?? 0;
}

const prepareLast = (db: Db) => db.select({ last: idSequences.last }).from(idSequences).where(eq(idSequences.name, sql.placeholder('name'))).prepare();

const lastFor = new WeakMap<Db, ReturnType<typeof prepareLast>>();
