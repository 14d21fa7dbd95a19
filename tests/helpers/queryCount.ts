import type Database from 'better-sqlite3';

type Methods = Record<string, (...args: unknown[]) => unknown>;
/** What a spied call hears: the statement's SQL (or, for `prepare`, the SQL compiled) and its arguments. */
type Heard = (method: string, source: string, args: unknown[]) => void;

/**
 * Runs `work` with `prepare` and every statement execution (all, get, run, iterate, on any statement of
 * the connection) reported to `heard`, and puts them back afterwards.
 */
function whileSpying(sqlite: Database.Database, heard: Heard, work: () => void): void {
  const statementProto = Object.getPrototypeOf(sqlite.prepare('SELECT 1')) as Methods;
  const restore: (() => void)[] = [];
  const spy = (target: Methods, name: string) => {
    const original = target[name];
    target[name] = function (this: { source?: string }, ...args: unknown[]) {
      heard(name, name === 'prepare' ? String(args[0]) : this.source!, args);
      return original.apply(this, args);
    };
    restore.push(() => { target[name] = original; });
  };
  spy(sqlite as unknown as Methods, 'prepare');
  for (const method of ['all', 'get', 'run', 'iterate']) spy(statementProto, method);
  try {
    work();
  } finally {
    for (const undo of restore) undo();
  }
}

/**
 * Counts what SQLite is asked to do while `work` runs: statements compiled (prepare) and statement
 * executions (all, get, run, iterate, on any statement of the connection).
 */
export function countQueries(sqlite: Database.Database, work: () => void): { prepared: number; executed: number } {
  const { prepared, executed } = observeQueries(sqlite, work);
  return { prepared, executed };
}

/** `countQueries` with the SQL of each statement compiled and each one run, so a failing check names the statement. */
export function observeQueries(sqlite: Database.Database, work: () => void): { prepared: number; executed: number; compiled: string[]; ran: string[] } {
  const counts = { prepared: 0, executed: 0, compiled: [] as string[], ran: [] as string[] };
  whileSpying(sqlite, (method, source) => {
    if (method !== 'prepare') {
      counts.executed++;
      counts.ran.push(source);
      return;
    }
    counts.prepared++;
    counts.compiled.push(source);
  }, work);
  return counts;
}

/**
 * What SQLite plans for each statement `work` reads with (EXPLAIN QUERY PLAN with the arguments it ran
 * with), by its SQL: a check that a read finds its rows by index, whatever the rows happen to be.
 */
export function observePlans(sqlite: Database.Database, work: () => void): Map<string, string[]> {
  const ran = new Map<string, unknown[]>();
  whileSpying(sqlite, (method, source, args) => {
    if (method === 'all' || method === 'get' || method === 'iterate') ran.set(source, args);
  }, work);
  return new Map([...ran].map(([source, args]) => [source,
    sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args).map((row) => (row as { detail: string }).detail)]));
}
