import { desc, eq, sql } from 'drizzle-orm';
import { builds, releases } from '../../store/schema';
import type { Db } from '../../store/store';
import type { Build, Release } from '../model';

/**
 * Plain reads of release records, shared by the services that write them and those that deploy them.
 * Nearly every write reads the latest release and its build: prepared once per database. `get` reads
 * the first row only, so the latest needs no LIMIT: a bound LIMIT would make SQLite prepare the
 * statement again on every call (it plans with the bound value), a cost several times the read's.
 */
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return {
    latest: db.select().from(releases).where(eq(releases.environmentId, sql.placeholder('environmentId')))
      .orderBy(desc(releases.version)).prepare(),
    build: db.select().from(builds).where(eq(builds.id, sql.placeholder('id'))).prepare(),
  };
}

const statements = (db: Db) => {
  let found = prepared.get(db);
  if (!found) prepared.set(db, (found = prepare(db)));
  return found;
};

export function findLatestRelease(db: Db, environmentId: string): Release | undefined {
  return statements(db).latest.get({ environmentId });
}

/** The latest release of an environment that has one: every environment's has, from its creation on. */
export function latestRelease(db: Db, environmentId: string): Release {
  return findLatestRelease(db, environmentId)!;
}

export function buildById(db: Db, id: string | null): Build | null {
  return id ? statements(db).build.get({ id }) ?? null : null;
}
