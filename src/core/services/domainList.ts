import { asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { apps, domains, environments, tenants } from '../../store/schema';
import { LIMIT, OFFSET, bind, type ListSource, type PreparedList } from '../../store/paginate';
import type { Db } from '../../store/store';
import type { Principal } from '../model';
import { AccessPolicy } from './access';
import type { StagedDomain } from './environmentDomains';
import type { SQLiteSelect } from 'drizzle-orm/sqlite-core';
import { READABLE, STAGED_COLUMNS, STAGE_ORDER, equalTo, fromEnvironments, joinedTo, stagedFrom } from './stagedRows';

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
 * two statements whatever the number of domains, prepared once.
 */
export class DomainList {
  private readonly statements: PreparedList<StagedDomain>;

  constructor(db: Db) {
    const withDomains = <Q extends SQLiteSelect>(query: Q) => joinedTo(query, domains, eq(domains.environmentId, environments.id));
    const rows = () => withDomains(stagedFrom(db.select({ domain: getTableColumns(domains), ...STAGED_COLUMNS }).from(environments).$dynamic()));
    const pageIds = withDomains(fromEnvironments(db.select({ id: domains.id }).from(environments).$dynamic())).where(FILTERS).orderBy(...ORDER).limit(LIMIT).offset(OFFSET);
    const page = rows().where(inArray(domains.id, pageIds)).orderBy(...ORDER).prepare();
    const all = rows().where(FILTERS).orderBy(...ORDER).prepare();
    const staged = (row: ReturnType<typeof page.all>[number]) => ({ ...row.domain, app: row.app, environment: row.environment });
    this.statements = {
      count: withDomains(fromEnvironments(db.select({ n: sql<number>`count(*)` }).from(environments).$dynamic())).where(FILTERS).prepare(),
      page: { all: (values) => page.all(values).map(staged) },
      all: { all: (values) => all.all(values).map(staged) },
    };
  }

  list(caller: Principal, filter: DomainFilter): ListSource<StagedDomain> {
    return bind(this.statements, {
      ...AccessPolicy.visibilityOf(caller), appId: filter.appId ?? null, environmentId: filter.environmentId ?? null,
      name: filter.name ?? null, tenantUuid: filter.tenantUuid ?? null,
    });
  }
}
