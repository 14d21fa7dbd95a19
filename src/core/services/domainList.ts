import { asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { SQLiteSelect } from 'drizzle-orm/sqlite-core';
import { apps, domains, environments, tenants } from '../../store/schema';
import { LIMIT, OFFSET, bind, type ListSource, type PreparedList } from '../../store/paginate';
import type { Db } from '../../store/store';
import type { Principal } from '../model';
import { AccessPolicy } from './access';
import type { StagedDomain } from './environmentDomains';
import { READABLE, SCOPES, STAGED_COLUMNS, STAGE_ORDER, equalTo, fromEnvironments, joinedTo, scopeOf, stagedFrom, variants, type Scope } from './stagedRows';

export interface DomainFilter {
  appId?: string;
  environmentId?: string;
  name?: string;
  tenantUuid?: string;
}

const FILTERS = sql`${READABLE} AND ${equalTo(apps.id, 'appId')} AND ${equalTo(environments.id, 'environmentId')}
  AND ${equalTo(domains.name, 'name')} AND ${equalTo(tenants.uuid, 'tenantUuid')}`;
/** In the environments' order, each environment's oldest first. */
const ORDER = [...STAGE_ORDER, asc(domains.createdAt), asc(sql`${domains}.rowid`)];

/**
 * The domains of the environments a caller may read, filtered, counted and paged in SQL: a page costs
 * two statements whatever the number of domains, prepared once per scope.
 */
export class DomainList {
  private readonly statements: (scope: string) => PreparedList<StagedDomain>;

  constructor(db: Db) {
    const withDomains = <Q extends SQLiteSelect>(query: Q) => joinedTo(query, domains, eq(domains.environmentId, environments.id));
    const rows = () => withDomains(stagedFrom(db.select({ domain: getTableColumns(domains), ...STAGED_COLUMNS }).from(environments).$dynamic()));
    const staged = ({ domain, app, environment }: ReturnType<ReturnType<typeof rows>['all']>[number]) => ({ ...domain, app, environment });
    this.statements = variants((scope) => {
      const where = sql`${FILTERS} AND ${SCOPES[scope as Scope]}`;
      const pageIds = withDomains(fromEnvironments(db.select({ id: domains.id }).from(environments).$dynamic()))
        .where(where).orderBy(...ORDER).limit(LIMIT).offset(OFFSET);
      const page = rows().where(inArray(domains.id, pageIds)).orderBy(...ORDER).prepare();
      const all = rows().where(where).orderBy(...ORDER).prepare();
      return {
        count: withDomains(fromEnvironments(db.select({ n: sql<number>`count(*)` }).from(environments).$dynamic())).where(where).prepare(),
        page: { all: (values) => page.all(values).map(staged) },
        all: { all: (values) => all.all(values).map(staged) },
      };
    });
  }

  list(caller: Principal, filter: DomainFilter): ListSource<StagedDomain> {
    const { scope, scopeIds } = scopeOf(filter.appId ? [filter.appId] : undefined, filter.environmentId ? [filter.environmentId] : undefined);
    return bind(this.statements(scope), {
      ...AccessPolicy.visibilityOf(caller), scopeIds, appId: filter.appId ?? null, environmentId: filter.environmentId ?? null,
      name: filter.name ?? null, tenantUuid: filter.tenantUuid ?? null,
    });
  }
}
