import { desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { apps, environments } from '../../store/schema';
import { deployments } from '../../store/schema-apps';
import { bind, type ListSource, type PreparedList } from '../../store/paginate';
import type { Db } from '../../store/store';
import type { App, Environment, Principal } from '../model';
import { AccessPolicy } from './access';
import type { Deployment } from './deployments';
import type { Staged } from './environments';
import { IN_TENANT, READABLE, STAGED_COLUMNS, equalTo, prepareList, scopeOf, variants, type ListShape, type Scope } from './stagedRows';

export interface DeploymentFilter {
  appId?: string;
  environmentId?: string;
  /** Ended successfully (true) or not (false); a running deployment is neither. */
  success?: boolean;
  tenantUuid?: string;
}

const SHAPE: ListShape<Deployment & Staged> = {
  filters: sql`${READABLE} AND ${equalTo(apps.id, 'appId')} AND ${equalTo(environments.id, 'environmentId')}
    AND ${equalTo(deployments.success, 'success')} AND ${IN_TENANT}`,
  own: { table: deployments, on: eq(deployments.environmentId, environments.id) },
  id: deployments.id,
  columns: { deployment: getTableColumns(deployments), ...STAGED_COLUMNS },
  // Newest first; rowid breaks ties between deployments started in the same millisecond, the later first.
  order: [desc(deployments.startedAt), desc(sql`${deployments}.rowid`)],
  everywhere: 'own',
  row: ({ deployment, app, environment }: { deployment: Deployment; app: App; environment: Environment }) => ({ ...deployment, app, environment }),
};

/**
 * The deployments of the environments a caller may read, filtered, counted and paged in SQL: a page
 * costs two statements whatever the number of deployments, prepared once per scope.
 */
export class DeploymentList {
  private readonly statements: (scope: Scope) => PreparedList<Deployment & Staged>;

  constructor(db: Db) {
    this.statements = variants((scope) => prepareList(db, SHAPE, scope));
  }

  list(caller: Principal, filter: DeploymentFilter): ListSource<Deployment & Staged> {
    const { scope, scopeIds } = scopeOf(filter.appId ? [filter.appId] : undefined, filter.environmentId ? [filter.environmentId] : undefined);
    return bind(this.statements(scope), {
      ...AccessPolicy.visibilityOf(caller), scopeIds, appId: filter.appId ?? null, environmentId: filter.environmentId ?? null,
      success: filter.success === undefined ? null : Number(filter.success), tenantUuid: filter.tenantUuid ?? null,
    });
  }
}
