import { desc, eq } from 'drizzle-orm';
import { builds, configs, releases } from '../../store/schema';
import type { Db } from '../../store/store';
import type { Build, Config, Release } from '../model';

/** Plain reads of release records, shared by the services that write them and those that deploy them. */
export function findLatestRelease(db: Db, environmentId: string): Release | undefined {
  return db.select().from(releases).where(eq(releases.environmentId, environmentId))
    .orderBy(desc(releases.version)).limit(1).get();
}

/** The latest release of an environment that has one: every app's has, from its creation on. */
export function latestRelease(db: Db, environmentId: string): Release {
  return findLatestRelease(db, environmentId)!;
}

export function buildById(db: Db, id: string | null): Build | null {
  return id ? db.select().from(builds).where(eq(builds.id, id)).get() ?? null : null;
}

export function configById(db: Db, id: string): Config {
  return db.select().from(configs).where(eq(configs.id, id)).get()!;
}
