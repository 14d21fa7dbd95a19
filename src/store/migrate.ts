import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { fromRoot } from './paths';

/** Applies the committed drizzle-kit migrations (drizzle/) that this database has not seen yet. */
export function migrate(db: BetterSQLite3Database<Record<string, unknown>>): void {
  drizzleMigrate(db, { migrationsFolder: fromRoot('drizzle') });
}
