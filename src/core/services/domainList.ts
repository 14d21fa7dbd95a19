import { asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { apps, domains, environments } from '../../store/schema';
import { bind, type ListSource, type PreparedList } from '../../store/paginate';
import type { Db } from '../../store/store';
import type { App, Domain, Environment, Principal } from '../model';
import { AccessPolicy } from './access';
import type { StagedDomain } from './environmentDomains';
import { IN_TENANT, READABLE, STAGED_COLUMNS, STAGE_ORDER, equalTo, prepareList, scopeOf, variants, type ListShape, type Scope } from './stagedRows';

export interface DomainFilter {
  appId?: string;
  environmentId?: string;
  name?: string;
  tenantUuid?: string;
}

const SHAPE: ListShape<StagedDomain> = {
  filters: sql`${READABLE} AND ${equalTo(apps.id, 'appId')} AND ${equalTo(environments.id, 'environmentId')}
    AND ${equalTo(domains.name, 'name')} AND ${IN_TENANT}`,
  own: { table: domains, on: eq(domains.environmentId, environments.id) },
  id: domains.id,
  columns: { domain: getTableColumns(domains), ...STAGED_COLUMNS },
  // In the environments' order, each environment's oldest first (domains_environment, then rowid).
  order: [...STAGE_ORDER, asc(domains.createdAt), asc(sql`${domains}.rowid`)],
  row: ({ domain, app, environment }: { domain: Domain; app: App; environment: Environment }) => ({ ...domain, app, environment }),
};

/**
 * The domains of the environments a caller may read, filtered, counted and paged in SQL: a page costs
 * two statements whatever the number of domains, prepared once per scope.
 */
export class DomainList {
  private readonly statements: (scope: Scope) => PreparedList<StagedDomain>;

  constructor(db: Db) {
    this.statements = variants((scope) => prepareList(db, SHAPE, scope));
  }

  list(caller: Principal, filter: DomainFilter): ListSource<StagedDomain> {
    const { scope, scopeIds } = scopeOf(filter.appId ? [filter.appId] : undefined, filter.environmentId ? [filter.environmentId] : undefined);
    return bind(this.statements(scope), {
      ...AccessPolicy.visibilityOf(caller), scopeIds, appId: filter.appId ?? null, environmentId: filter.environmentId ?? null,
      name: filter.name ?? null, tenantUuid: filter.tenantUuid ?? null,
    });
  }
}
