import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type Database from 'better-sqlite3';
import { fromRoot } from './paths';

/**
 * Applies the committed drizzle-kit migrations (drizzle/) that this database has not seen yet. SQLite
 * rebuilds a table to change it; with foreign keys on, dropping the old table would cascade to its
 * children, so they are off while migrating (a pragma a transaction cannot change) and checked after.
 */
export function migrate(sqlite: Database.Database, db: BetterSQLite3Database<Record<string, unknown>>): void {
  sqlite.pragma('foreign_keys = OFF');
  try {
    drizzleMigrate(db, { migrationsFolder: fromRoot('drizzle') });
    const broken = sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length) throw new Error(`polypaas: migration left ${broken.length} broken references: ${JSON.stringify(broken.slice(0, 5))}`);
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}
