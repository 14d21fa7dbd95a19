import type Database from 'better-sqlite3';

/**
 * Counts what SQLite is asked to do while `work` runs: statements compiled (prepare) and statement
 * executions (all, get, run, iterate, on any statement of the connection).
 */
export function countQueries(sqlite: Database.Database, work: () => void): { prepared: number; executed: number } {
  const { prepared, executed } = observeQueries(sqlite, work);
  return { prepared, executed };
}

/** `countQueries` with the SQL of each statement compiled, so a failing check names the statement. */
export function observeQueries(sqlite: Database.Database, work: () => void): { prepared: number; executed: number; compiled: string[] } {
  type Methods = Record<string, (...args: unknown[]) => unknown>;
  const statementProto = Object.getPrototypeOf(sqlite.prepare('SELECT 1')) as Methods;
  const counts = { prepared: 0, executed: 0, compiled: [] as string[] };
  const restore: (() => void)[] = [];
  const spy = (target: Methods, name: string, counter: 'prepared' | 'executed') => {
    const original = target[name];
    target[name] = function (this: unknown, ...args: unknown[]) {
      counts[counter]++;
      if (counter === 'prepared') counts.compiled.push(String(args[0]));
      return original.apply(this, args);
    };
    restore.push(() => { target[name] = original; });
  };
  spy(sqlite as unknown as Methods, 'prepare', 'prepared');
  for (const method of ['all', 'get', 'run', 'iterate']) spy(statementProto, method, 'executed');
  try {
    work();
  } finally {
    for (const undo of restore) undo();
  }
  return counts;
}

/**
 * What SQLite plans for each statement `work` runs (EXPLAIN QUERY PLAN with the arguments it ran with),
 * by its SQL: a check that a read finds its rows by index, whatever the rows happen to be.
 */
export function observePlans(sqlite: Database.Database, work: () => void): Map<string, string[]> {
  type Methods = Record<string, (...args: unknown[]) => unknown>;
  const statementProto = Object.getPrototypeOf(sqlite.prepare('SELECT 1')) as Methods;
  const ran = new Map<string, unknown[]>();
  const originals = ['all', 'get', 'iterate'].map((name) => [name, statementProto[name]] as const);
  for (const [name, original] of originals) {
    statementProto[name] = function (this: { source: string }, ...args: unknown[]) {
      ran.set(this.source, args);
      return original.apply(this, args);
    };
  }
  try {
    work();
  } finally {
    for (const [name, original] of originals) statementProto[name] = original;
  }
  return new Map([...ran].map(([source, args]) => [source,
    sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args).map((row) => (row as { detail: string }).detail)]));
}
