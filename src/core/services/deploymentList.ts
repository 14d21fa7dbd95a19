import { desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { SQLiteSelect } from 'drizzle-orm/sqlite-core';
import { apps, environments, tenants } from '../../store/schema';
import { deployments } from '../../store/schema-apps';
import { LIMIT, OFFSET, bind, type ListSource, type PreparedList } from '../../store/paginate';
import type { Db } from '../../store/store';
import type { Principal } from '../model';
import { AccessPolicy } from './access';
import type { Deployment } from './deployments';
import type { Staged } from './environments';
import { READABLE, SCOPES, STAGED_COLUMNS, equalTo, fromEnvironments, joinedTo, scopeOf, stagedFrom, variants, type Scope } from './stagedRows';

export interface DeploymentFilter {
  appId?: string;
  environmentId?: string;
  /** Ended successfully (true) or not (false); a running deployment is neither. */
  success?: boolean;
  tenantUuid?: string;
}

const FILTERS = sql`${READABLE} AND ${equalTo(apps.id, 'appId')} AND ${equalTo(environments.id, 'environmentId')}
  AND ${equalTo(deployments.success, 'success')} AND ${equalTo(tenants.uuid, 'tenantUuid')}`;
/** Newest first; rowid breaks ties between deployments started in the same millisecond, the later first. */
const NEWEST_FIRST = [desc(deployments.startedAt), desc(sql`${deployments}.rowid`)];

/**
 * The deployments of the environments a caller may read, filtered, counted and paged in SQL: a page
 * costs two statements whatever the number of deployments, prepared once per scope.
 */
export class DeploymentList {
  private readonly statements: (scope: string) => PreparedList<Deployment & Staged>;

  constructor(db: Db) {
    const withDeployments = <Q extends SQLiteSelect>(query: Q) => joinedTo(query, deployments, eq(deployments.environmentId, environments.id));
    const rows = () => withDeployments(stagedFrom(db.select({ deployment: getTableColumns(deployments), ...STAGED_COLUMNS }).from(environments).$dynamic()));
    const staged = ({ deployment, app, environment }: ReturnType<ReturnType<typeof rows>['all']>[number]) => ({ ...deployment, app, environment });
    this.statements = variants((scope) => {
      const where = sql`${FILTERS} AND ${SCOPES[scope as Scope]}`;
      const pageIds = withDeployments(fromEnvironments(db.select({ id: deployments.id }).from(environments).$dynamic()))
        .where(where).orderBy(...NEWEST_FIRST).limit(LIMIT).offset(OFFSET);
      const page = rows().where(inArray(deployments.id, pageIds)).orderBy(...NEWEST_FIRST).prepare();
      const all = rows().where(where).orderBy(...NEWEST_FIRST).prepare();
      return {
        count: withDeployments(fromEnvironments(db.select({ n: sql<number>`count(*)` }).from(environments).$dynamic())).where(where).prepare(),
        page: { all: (values) => page.all(values).map(staged) },
        all: { all: (values) => all.all(values).map(staged) },
      };
    });
  }

  list(caller: Principal, filter: DeploymentFilter): ListSource<Deployment & Staged> {
    const { scope, scopeIds } = scopeOf(filter.appId ? [filter.appId] : undefined, filter.environmentId ? [filter.environmentId] : undefined);
    return bind(this.statements(scope), {
      ...AccessPolicy.visibilityOf(caller), scopeIds, appId: filter.appId ?? null, environmentId: filter.environmentId ?? null,
      success: filter.success === undefined ? null : Number(filter.success), tenantUuid: filter.tenantUuid ?? null,
    });
  }
}
