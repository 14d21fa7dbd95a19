import { and, asc, eq, getTableColumns, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias, type SelectedFields, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../store/store';
import { LIMIT, OFFSET, type PreparedList } from '../../store/paginate';
import { apps, environments, tenants, users } from '../../store/schema';
import { appProfiles } from '../../store/schema-apps';
import { AccessPolicy } from './access';

/**
 * What Divio's lists of environments, domains, variables and deployments share: the environment with
 * its app (as every other select of apps reads one: owner's name, primary environment) and profile,
 * joined in the order that serves the list's scope, and the condition that keeps the apps the caller
 * may read and that are not archived. Each list adds its own table and placeholders, and prepares its
 * statements once per variant.
 */

/** The app's primary environment, which an App's environmentId and structure are read from. */
const primary = alias(environments, 'primary_environment');

/** The columns of a Staged row: the environment, and its app as AccessPolicy's APP_COLUMNS read one. */
export const STAGED_COLUMNS = {
  environment: getTableColumns(environments),
  app: {
    id: apps.id, name: apps.name, serviceName: apps.serviceName, tenantId: apps.tenantId, clusterId: apps.clusterId,
    ownerId: apps.ownerId, ownerName: sql<string>`coalesce(${users.username}, '')`, createdById: apps.createdById,
    environmentId: primary.id, structure: primary.structure, createdAt: apps.createdAt, updatedAt: apps.updatedAt,
  },
};

/** A list's own table (domains, variables, deployments) and the condition that joins it to its environment. */
export interface OwnTable { table: SQLiteTable; on: SQL }

/**
 * Which table SQLite reads first (the left side of a CROSS JOIN is always the outer loop; left to
 * itself, the planner without statistics starts from environments and sorts them all):
 * - `apps`: the apps in a list's order (apps_created, apps_name), each one's environments from
 *   environments_app_position, and a page stops at its end, without a sort;
 * - `environments`: named environments, or a page's rows by id;
 * - `own`: the list's own table in its own order (deployments, newest first, from deployments_started).
 */
export type Lead = 'apps' | 'environments' | 'own';

/**
 * What a list does with a select of stages: filter, order, window and prepare it, or use it as a
 * subquery. Its rows are typed by the list that reads them: the select is built here for three join
 * orders, which drizzle's types cannot follow through one function.
 */
export interface StageQuery extends SQLWrapper {
  where(condition: SQL): StageQuery;
  orderBy(...columns: SQL[]): StageQuery;
  limit(limit: unknown): StageQuery;
  offset(offset: unknown): StageQuery;
  prepare(): { all(values?: Record<string, unknown>): unknown[]; get(values?: Record<string, unknown>): unknown };
}

/** drizzle's select builder as `selectStages` uses it, every method on the same dynamic query. */
interface Joinable {
  from(table: SQLiteTable): Joinable;
  innerJoin(table: SQLiteTable, on: SQL): Joinable;
  leftJoin(table: SQLiteTable, on: SQL): Joinable;
  crossJoin(table: SQLiteTable): Joinable;
  $dynamic(): Joinable;
}

/**
 * A select of environments with their app, profile and the list's own table: what the visibility and
 * every filter read. With `staged`, also the owner and the primary environment STAGED_COLUMNS read,
 * and what else the rows show (`also`, left-joined).
 * Every join condition is in `joined(own)` too, which the caller's where must include: a CROSS JOIN
 * takes none.
 */
export function selectStages(db: Db, selection: SelectedFields, lead: Lead, own?: OwnTable, staged?: { also?: OwnTable }): StageQuery {
  const select = db.select(selection) as unknown as Joinable;
  const withApps = (query: Joinable) => query.innerJoin(apps, eq(apps.id, environments.appId));
  let query: Joinable;
  if (lead === 'environments') {
    query = withApps(select.from(environments).$dynamic());
    if (own) query = query.innerJoin(own.table, own.on);
  } else if (lead === 'own' && own) {
    query = withApps(select.from(own.table).$dynamic().crossJoin(environments));
  } else {
    query = select.from(apps).$dynamic().crossJoin(environments);
    if (own) query = query.innerJoin(own.table, own.on);
  }
  query = query.leftJoin(appProfiles, eq(appProfiles.appId, apps.id));
  if (staged) query = query.leftJoin(users, eq(users.id, apps.ownerId)).innerJoin(primary, and(eq(primary.appId, apps.id), eq(primary.isPrimary, true))!);
  if (staged?.also) query = query.leftJoin(staged.also.table, staged.also.on);
  return query as unknown as StageQuery;
}

/** The join conditions a CROSS JOIN leaves to the where clause. */
export const joined = (own?: OwnTable): SQL => sql`${environments.appId} = ${apps.id}${own ? sql` AND ${own.on}` : sql``}`;

/** Apps the caller may read (bind `AccessPolicy.visibilityOf(caller)`), not archived: every Divio list starts here. */
export const READABLE: SQL = sql`${AccessPolicy.visibleApps} AND ${appProfiles.archivedAt} IS NULL`;

/** A filter on a list of ids passed as one JSON placeholder (null: any). */
export const inJsonList = (column: SQL | Parameters<typeof eq>[0], name: string): SQL =>
  sql`(${sql.placeholder(name)} IS NULL OR ${column} IN (SELECT value FROM json_each(${sql.placeholder(name)})))`;

/** The organisation filter (a tenant's uuid, null: any): its id read once, not a join on every row. */
export const IN_TENANT: SQL = sql`(${sql.placeholder('tenantUuid')} IS NULL
  OR ${apps.tenantId} = (SELECT ${tenants.id} FROM ${tenants} WHERE ${tenants.uuid} = ${sql.placeholder('tenantUuid')}))`;

/** A filter on one value (null: any). */
export const equalTo = (column: SQL | Parameters<typeof eq>[0], name: string): SQL =>
  sql`(${sql.placeholder(name)} IS NULL OR ${column} = ${sql.placeholder(name)})`;

/**
 * The order of `EnvironmentService.list`: each app oldest first (then by name), its environments by
 * position. The rowids change nothing (names are unique; an app's positions too) but tell SQLite each
 * step is distinct, so it reads a page in this order from the indexes (apps_created, then
 * environments_app_position) and stops at its end, instead of sorting every row.
 */
export const STAGE_ORDER: SQL[] = [
  asc(apps.createdAt), asc(apps.name), asc(sql`${apps}.rowid`), asc(environments.position), asc(environments.createdAt), asc(sql`${environments}.rowid`),
];

/**
 * Where a list's rows are looked for. Filters written `(? IS NULL OR ...)` serve every combination with
 * one statement, but SQLite cannot search an index with them: a list asked for named applications or
 * environments (divio-cli always names its application) is prepared as its own variant, which starts
 * from those ids (`scopeIds`) through the environments' indexes instead of visiting every environment.
 */
export type Scope = 'everywhere' | 'apps' | 'environments';
const SCOPE_IDS: Record<Scope, SQL> = {
  everywhere: sql`1`,
  apps: sql`${apps.id} IN (SELECT value FROM json_each(${sql.placeholder('scopeIds')}))`,
  environments: sql`${environments.id} IN (SELECT value FROM json_each(${sql.placeholder('scopeIds')}))`,
};

/** The scope's condition, with the joins' (see `selectStages`). */
const scopeWhere = (scope: Scope, own?: OwnTable): SQL => sql`${joined(own)} AND ${SCOPE_IDS[scope]}`;

/** The table a scope's statements read first: named environments, named apps, or everything in the list's order. */
const leadOf = (scope: Scope, everywhere: Lead = 'apps'): Lead => (scope === 'environments' ? 'environments' : scope === 'apps' ? 'apps' : everywhere);

/** The narrowest scope the filter names (its other filters still apply), and its ids to bind. */
export function scopeOf(appIds: string[] | undefined, environmentIds: string[] | undefined): { scope: Scope; scopeIds: string | null } {
  if (environmentIds?.length) return { scope: 'environments', scopeIds: JSON.stringify(environmentIds) };
  if (appIds?.length) return { scope: 'apps', scopeIds: JSON.stringify(appIds) };
  return { scope: 'everywhere', scopeIds: null };
}

/** Statements prepared at their first use, one set per variant (scope, ordering): a handful per list. */
export function variants<Key extends string, Statements>(prepare: (key: Key) => Statements): (key: Key) => Statements {
  const prepared = new Map<Key, Statements>();
  return (key) => {
    let statements = prepared.get(key);
    if (!statements) prepared.set(key, (statements = prepare(key)));
    return statements;
  };
}

/** A JSON list for `inJsonList`, or null for no filter. */
export const jsonOrNull = (values: string[] | undefined): string | null => (values === undefined ? null : JSON.stringify(values));

/** What a list is: its rows' filters, own table, id, columns, order and the rows' shape. */
export interface ListShape<Row> {
  filters: SQL;
  own?: OwnTable;
  /** Left-joined for the rows' columns only. */
  also?: OwnTable;
  id: SQLWrapper;
  columns: SelectedFields;
  order: SQL[];
  /** The table read first when no scope names ids: the apps (each app's rows in order), or the list's own. */
  everywhere?: Lead;
  row: (selected: never) => Row;
}

/**
 * A list's statements for one scope: its count, and a page as the ids of its window first (from the
 * filters' tables only), then those rows whole (owner, primary environment, the per-row subqueries of
 * their columns), so the columns cost nothing for the rows outside the window.
 */
export function prepareList<Row>(db: Db, shape: ListShape<Row>, scope: Scope): PreparedList<Row> {
  const where = sql`${shape.filters} AND ${scopeWhere(scope, shape.own)}`;
  const lead = leadOf(scope, shape.everywhere);
  const rows = (from: Lead) => selectStages(db, shape.columns, from, shape.own, { also: shape.also });
  const pageIds = selectStages(db, { id: sql`${shape.id}` }, lead, shape.own).where(where).orderBy(...shape.order).limit(LIMIT).offset(OFFSET);
  const page = rows('environments').where(sql`${shape.id} IN ${pageIds}`).orderBy(...shape.order).prepare();
  const all = rows(lead).where(where).orderBy(...shape.order).prepare();
  const shaped = (selected: unknown[]) => selected.map((row) => shape.row(row as never));
  return {
    count: selectStages(db, { n: sql<number>`count(*)` }, lead, shape.own).where(where).prepare() as PreparedList<Row>['count'],
    page: { all: (values) => shaped(page.all(values)) },
    all: { all: (values) => shaped(all.all(values)) },
  };
}
