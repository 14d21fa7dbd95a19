import { sql, type Placeholder } from 'drizzle-orm';

/** Which slice of a list a client asked for: LIMIT and OFFSET. */
export interface ListWindow {
  limit: number;
  offset: number;
}

/**
 * A list as the list conventions see it: how many rows it has and one slice of them, both answered by
 * SQL. A list of 100 000 apps is never loaded to show 100 of them.
 */
export interface ListSource<Row> {
  count(): number;
  page(window: ListWindow): Row[];
  /** Every row, for conventions without pages (MedStack's envelopes). */
  all(): Row[];
}

/**
 * The placeholders every prepared page statement takes besides its own, as expressions SQLite does
 * not plan with: it plans with the value of a bare bound LIMIT or OFFSET, and so prepares the statement
 * again on every run, which costs more than reading the page. (drizzle takes an SQL fragment where its
 * types say a placeholder.)
 */
export const LIMIT = sql`(${sql.placeholder('limit')} + 0)` as unknown as Placeholder;
export const OFFSET = sql`(${sql.placeholder('offset')} + 0)` as unknown as Placeholder;

/** What a prepared drizzle statement offers: its rows for the placeholders' values. */
interface PreparedRows<Row> {
  all(values?: Record<string, unknown>): Row[];
}
interface PreparedCount {
  get(values?: Record<string, unknown>): { n: number } | undefined;
}

/**
 * A list query prepared once: `count` is its COUNT statement, `page` the same rows with
 * `.limit(LIMIT).offset(OFFSET)`, `all` the rows without a window. Each list binds its own values
 * (caller, cluster) per request with `bind`.
 */
export interface PreparedList<Row> {
  count: PreparedCount;
  page: PreparedRows<Row>;
  all: PreparedRows<Row>;
}

export function bind<Row>(statements: PreparedList<Row>, values: Record<string, unknown> = {}): ListSource<Row> {
  return {
    count: () => statements.count.get(values)?.n ?? 0,
    page: (window) => statements.page.all({ ...values, limit: window.limit, offset: window.offset }),
    all: () => statements.all.all(values),
  };
}

/**
 * A list that is already in memory (a few builds of one app, the keys of one user), behind the same
 * interface, so every list of a dialect goes through one convention.
 */
export function arraySource<Row>(rows: Row[]): ListSource<Row> {
  return {
    count: () => rows.length,
    page: ({ limit, offset }) => rows.slice(offset, offset + limit),
    all: () => rows,
  };
}

/** Maps each row of a source, leaving counting and windows to the underlying one. */
export function mapSource<Row, Out>(source: ListSource<Row>, map: (rows: Row[]) => Out[]): ListSource<Out> {
  return {
    count: () => source.count(),
    page: (window) => map(source.page(window)),
    all: () => map(source.all()),
  };
}
