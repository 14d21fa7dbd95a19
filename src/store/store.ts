import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { getTableName } from 'drizzle-orm';
import * as schema from './schema';
import * as infra from './schema-infra';
import * as timeline from './schema-timeline';
import * as appsExtra from './schema-apps';
import { tablesInDependencyOrder } from './tables';
import { migrate } from './migrate';

/** drizzle over the store's connection, which raw statements of hot paths reach as `$client`. */
export type Db = BetterSQLite3Database<typeof schema & typeof infra & typeof timeline & typeof appsExtra> & { $client: Database.Database };

/**
 * The AUTOINCREMENT sequences that outlive a reset and a restore, as a SQL list: an event id, once
 * handed out, never names another event. The others start again with the state they number.
 */
const LASTING = "'events'";

/** A database file that another process (or another emulator in this one) already holds. */
export class DatabaseInUseError extends Error {
  constructor(readonly file: string) {
    super(`${file} is in use by another polypaas process: one emulator at a time owns a --db file. `
      + 'Stop the other one, or give this one its own --db (or none, for an in-memory state).');
  }
}

/**
 * The one store behind every dialect: better-sqlite3 with drizzle on top. In memory unless a file is
 * given (then WAL, so readers never block the writer). `tx` makes a core operation one transaction,
 * and a service that calls another joins the transaction it is in; `savepoint` is for the caller that
 * catches a failure and carries on.
 *
 * A file is held with an exclusive lock for as long as the store is open: a second emulator on the
 * same file fails at once with DatabaseInUseError, instead of starting and then failing writes with
 * "database is locked". The OS drops the lock when the process dies, even by SIGKILL.
 */
export class Store {
  readonly sqlite: Database.Database;
  readonly db: Db;

  constructor(readonly file: string | undefined) {
    // No busy wait: the only other holder of the file can be another emulator, and it never lets go.
    this.sqlite = new Database(file ?? ':memory:', { timeout: 0 });
    this.sqlite.pragma('foreign_keys = ON');
    // Statement journals (a savepoint's, a multi-row statement's) in memory: in a temporary file, they
    // doubled the writes to disk of every write request on a --db file.
    this.sqlite.pragma('temp_store = MEMORY');
    this.transactional = this.sqlite.transaction((work: () => unknown) => work());
    if (file) this.lockFile(file);
    this.db = drizzle(this.sqlite, { schema: { ...schema, ...infra, ...timeline, ...appsExtra } });
    migrate(this.sqlite, this.db);
  }

  /**
   * Counts wholesale replacements of the state (reset, restore): caches of what the tables hold
   * remember the generation they were filled at and refill when it moves.
   */
  generation = 0;

  /**
   * Exclusive locking mode keeps every lock it takes until the connection closes; the empty
   * exclusive transaction takes the write lock now rather than at the first write.
   */
  private lockFile(file: string): void {
    try {
      this.sqlite.pragma('locking_mode = EXCLUSIVE');
      this.sqlite.pragma('journal_mode = WAL');
      this.sqlite.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (error) {
      this.sqlite.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DatabaseInUseError(file);
      throw error;
    }
    this.sqlite.pragma('synchronous = NORMAL');
    // A checkpoint copies every page the WAL holds back into the file and syncs it. At SQLite's default
    // of every 1,000 pages, a write request (about 14 pages) paid for a checkpoint every 70 writes, and
    // the same hot pages were copied again each time: at 10,000 (a WAL of at most about 40 MiB, reused)
    // a Deis config set on a file took about 360 µs in-process where it took 520.
    this.sqlite.pragma('wal_autocheckpoint = 10000');
  }

  private depth = 0;
  private committed: (() => void)[] = [];
  /**
   * better-sqlite3's transaction wrapper, built once: building one per call (five closures and their
   * properties) cost more than the BEGIN and COMMIT it runs.
   */
  private readonly transactional: (work: () => unknown) => unknown;

  /**
   * Runs `work` as one transaction: the outermost call begins and commits it, and a call inside one joins
   * it: a failure inside a joined call fails the whole transaction once it reaches the outermost call.
   * Joining costs nothing, where a savepoint per nested call cost a SAVEPOINT, a RELEASE and a copy into
   * the statement journal of every page it wrote, and almost no nested call ever failed alone.
   */
  tx<T>(work: () => T): T {
    return this.depth > 0 ? work() : this.savepoint(work);
  }

  /**
   * Runs `work` so that a failure undoes just its own writes and after-commit callbacks, inside a
   * transaction or as one: for a caller that catches a failure and carries on (one deploy of many
   * refused, one piece of timed work that failed), which must not keep half of what failed.
   */
  savepoint<T>(work: () => T): T {
    const mark = this.committed.length;
    this.depth++;
    let result: T;
    try {
      result = this.transactional(work) as T;
    } catch (error) {
      this.committed.length = mark;
      throw error;
    } finally {
      this.depth--;
    }
    if (this.depth === 0) {
      const callbacks = this.committed;
      this.committed = [];
      for (const callback of callbacks) callback();
    }
    return result;
  }

  /**
   * A count of the changes to `tables` made through this connection (any statement: a service's, a
   * reset's, a restore's, a cascade's), for caches of what those tables hold: read it, compare it with
   * the count the cache was filled at. Temporary triggers keep it, so reading it costs no query and the
   * database file holds nothing of it. A rolled-back change still counts, which only refills a cache.
   */
  changesTo(tables: readonly string[]): { readonly count: number } {
    const counter = { count: 0 };
    const name = `polypaas_changed_${this.counters++}`;
    this.sqlite.function(name, { varargs: false, deterministic: false }, () => {
      counter.count++;
      return null;
    });
    for (const table of tables) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        this.sqlite.exec(`CREATE TEMP TRIGGER "${name}_${table}_${event.toLowerCase()}" AFTER ${event} ON main."${table}" BEGIN SELECT ${name}(); END`);
      }
    }
    return counter;
  }

  private counters = 0;

  /** Runs `callback` once the outermost transaction commits (at once outside one); never on rollback. */
  afterCommit(callback: () => void): void {
    if (this.depth === 0) callback();
    else this.committed.push(callback);
  }

  /** Every row of every table, keyed by table name: the admin API's view of the whole state. */
  dump(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const table of tablesInDependencyOrder) {
      out[getTableName(table)] = this.db.select().from(table).all();
    }
    return out;
  }

  /** Deletes every row of every table (children first), inside the caller's transaction. */
  wipe(): void {
    for (const table of [...tablesInDependencyOrder].reverse()) {
      this.db.delete(table).run();
    }
    this.sqlite.prepare(`DELETE FROM sqlite_sequence WHERE name NOT IN (${LASTING})`).run();
    this.generation++;
  }

  /** A consistent copy of the database in `file`, through SQLite's online backup API. */
  async backupTo(file: string): Promise<void> {
    await this.sqlite.backup(file);
  }

  /**
   * Replaces the whole state with the one in `file` (a backup) in one transaction, keeping this
   * connection: works the same for the in-memory default and for a `--db` file.
   */
  restoreFrom(file: string): void {
    this.sqlite.prepare('ATTACH DATABASE ? AS snapshot').run(file);
    try {
      this.tx(() => {
        this.wipe();
        for (const table of tablesInDependencyOrder) {
          const name = getTableName(table);
          this.sqlite.prepare(`INSERT INTO main."${name}" SELECT * FROM snapshot."${name}"`).run();
        }
        this.sqlite.prepare(`INSERT INTO main.sqlite_sequence SELECT * FROM snapshot.sqlite_sequence WHERE name NOT IN (${LASTING})`).run();
        this.sqlite.prepare(`UPDATE main.sqlite_sequence SET seq = max(seq, (SELECT seq FROM snapshot.sqlite_sequence s WHERE s.name = main.sqlite_sequence.name))
          WHERE name IN (${LASTING}) AND name IN (SELECT name FROM snapshot.sqlite_sequence)`).run();
      });
    } finally {
      this.sqlite.prepare('DETACH DATABASE snapshot').run();
    }
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close();
  }
}
