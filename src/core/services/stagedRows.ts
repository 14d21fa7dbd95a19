import { and, asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { alias, type SQLiteSelect, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { apps, environments, tenants, users } from '../../store/schema';
import { appProfiles } from '../../store/schema-apps';
import { AccessPolicy } from './access';

/**
 * What Divio's lists of environments, domains, variables and deployments share: the environment with
 * its app (as every other select of apps reads one: owner's name, primary environment), the tenant
 * and the profile, joined once, and the condition that keeps the apps the caller may read and that
 * are not archived. Each list adds its own table and placeholders, and prepares its statements once.
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

/**
 * A select of environments with their app, tenant and profile joined: what the visibility and every
 * list filter read. Dynamic (drizzle's $dynamic), so each list joins its own table after; the rows keep
 * the selection's types (every join but the profile's is inner, and no selection reads the profile).
 */
export function fromEnvironments<Query extends SQLiteSelect>(query: Query): Query {
  return query
    .innerJoin(apps, eq(apps.id, environments.appId))
    .innerJoin(tenants, eq(tenants.id, apps.tenantId))
    .leftJoin(appProfiles, eq(appProfiles.appId, apps.id)) as unknown as Query;
}

/** The same, with the owner and the primary environment STAGED_COLUMNS read the app's own columns from. */
export function stagedFrom<Query extends SQLiteSelect>(query: Query): Query {
  return fromEnvironments(query)
    .leftJoin(users, eq(users.id, apps.ownerId))
    .innerJoin(primary, and(eq(primary.appId, apps.id), eq(primary.isPrimary, true))) as unknown as Query;
}

/** A list's own table joined (inner) to a dynamic select of environments. */
export function joinedTo<Query extends SQLiteSelect>(query: Query, table: SQLiteTable, on: SQL): Query {
  return query.innerJoin(table, on) as unknown as Query;
}

/** Apps the caller may read (bind `AccessPolicy.visibilityOf(caller)`), not archived: every Divio list starts here. */
export const READABLE: SQL = sql`${AccessPolicy.visibleApps} AND ${appProfiles.archivedAt} IS NULL`;

/** A filter on a list of ids passed as one JSON placeholder (null: any). */
export const inJsonList = (column: SQL | Parameters<typeof eq>[0], name: string): SQL =>
  sql`(${sql.placeholder(name)} IS NULL OR ${column} IN (SELECT value FROM json_each(${sql.placeholder(name)})))`;

/** A filter on one value (null: any). */
export const equalTo = (column: SQL | Parameters<typeof eq>[0], name: string): SQL =>
  sql`(${sql.placeholder(name)} IS NULL OR ${column} = ${sql.placeholder(name)})`;

/** The order of `EnvironmentService.list`: each app oldest first (then by name), its environments by position. */
export const STAGE_ORDER: SQL[] = [asc(apps.createdAt), asc(apps.name), asc(environments.position), asc(environments.createdAt)];

/**
 * Where a list's rows are looked for. Filters written `(? IS NULL OR ...)` serve every combination with
 * one statement, but SQLite cannot search an index with them: a list asked for named applications or
 * environments (divio-cli always names its application) is prepared as its own variant, which starts
 * from those ids (`scopeIds`) through the environments' indexes instead of visiting every environment.
 */
export type Scope = 'everywhere' | 'apps' | 'environments';
export const SCOPES: Record<Scope, SQL> = {
  everywhere: sql`1`,
  apps: sql`${environments.appId} IN (SELECT value FROM json_each(${sql.placeholder('scopeIds')}))`,
  environments: sql`${environments.id} IN (SELECT value FROM json_each(${sql.placeholder('scopeIds')}))`,
};

/** The narrowest scope the filter names (its other filters still apply), and its ids to bind. */
export function scopeOf(appIds: string[] | undefined, environmentIds: string[] | undefined): { scope: Scope; scopeIds: string | null } {
  if (environmentIds?.length) return { scope: 'environments', scopeIds: JSON.stringify(environmentIds) };
  if (appIds?.length) return { scope: 'apps', scopeIds: JSON.stringify(appIds) };
  return { scope: 'everywhere', scopeIds: null };
}

/** Statements prepared at their first use, one set per variant (scope, ordering): a handful per list. */
export function variants<Statements>(prepare: (key: string) => Statements): (key: string) => Statements {
  const prepared = new Map<string, Statements>();
  return (key) => {
    let statements = prepared.get(key);
    if (!statements) prepared.set(key, (statements = prepare(key)));
    return statements;
  };
}

/** A JSON list for `inJsonList`, or null for no filter. */
export const jsonOrNull = (values: string[] | undefined): string | null => (values === undefined ? null : JSON.stringify(values));
