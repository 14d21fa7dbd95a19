import { asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { apps, builds, domains, environments } from '../../store/schema';
import { appProfiles, deployments } from '../../store/schema-apps';
import { bind, type ListSource, type PreparedList } from '../../store/paginate';
import type { Db } from '../../store/store';
import type { Principal } from '../model';
import { AccessPolicy } from './access';
import type { Deployment } from './deployments';
import type { Staged } from './environments';
import {
  IN_TENANT, READABLE, STAGED_COLUMNS, STAGE_ORDER, equalTo, prepareList, scopeOf, selectStages, variants, type ListShape, type Scope,
} from './stagedRows';

/** Every filter of an environment list (Divio's ListEnvironments); an absent one lets every environment through. */
export interface EnvironmentFilter {
  appId?: string;
  /** The app itself or an app copied from it. */
  relatedTo?: string;
  tenantUuid?: string;
  name?: string;
  /** A piece of `<app name> <environment name>`, as given (the caller lowercases what it searches for). */
  nameSearch?: string;
  /** Has a successful deployment. */
  deployed?: boolean;
  /** Has a deployment still running. */
  deploying?: boolean;
  /** Its last finished deployment failed. */
  lastFailed?: boolean;
  mirror?: boolean;
  copyType?: string;
  /** polypaas never knows of commits waiting: asking for environments with some selects none. */
  withPendingCommits?: boolean;
  /** By the app's name, ascending or descending; ties (and no order) keep the order of `EnvironmentService.list`. */
  byAppName?: 'asc' | 'desc';
}

/** An environment as its list entry shows it: its primary domain, its last finished deployment, the commit it runs. */
export interface ListedEnvironment extends Staged {
  primaryDomainId: string | null;
  lastFinished: Deployment | null;
  /** The commit of the build of its last successful deployment, if that deployment has a build. */
  deployedSha: string | null;
}

const p = sql.placeholder;
const DEPLOYMENTS_OF_ENVIRONMENT = sql`${deployments} d WHERE d.environment_id = ${environments.id}`;
/** A deployment's end, newest first; rowid breaks ties, as `DeploymentService.lastSuccessful` does. */
const LAST_ENDED = sql`ORDER BY d.ended_at DESC, d.rowid DESC LIMIT 1`;
const successful = sql`EXISTS (SELECT 1 FROM ${DEPLOYMENTS_OF_ENVIRONMENT} AND d.success = 1)`;
const running = sql`EXISTS (SELECT 1 FROM ${DEPLOYMENTS_OF_ENVIRONMENT} AND d.ended_at IS NULL)`;
const lastFailed = sql`coalesce((SELECT d.success = 0 FROM ${DEPLOYMENTS_OF_ENVIRONMENT} AND d.ended_at IS NOT NULL ${LAST_ENDED}), 0)`;

/**
 * Every filter as one condition of placeholders, each of which, bound to null, lets every environment
 * through: one prepared statement serves every combination. The deployment filters read the
 * deployments' environment index, and only when bound (SQLite stops an OR at its first true operand).
 */
const FILTERS = sql`${READABLE}
  AND ${equalTo(apps.id, 'appId')}
  AND (${p('relatedTo')} IS NULL OR ${apps.id} = ${p('relatedTo')} OR ${appProfiles.copiedFrom} = ${p('relatedTo')})
  AND ${IN_TENANT}
  AND ${equalTo(environments.name, 'name')}
  AND (${p('nameSearch')} IS NULL OR instr(${apps.name} || ' ' || ${environments.name}, ${p('nameSearch')}) > 0)
  AND (${p('deployed')} IS NULL OR ${successful} = ${p('deployed')})
  AND (${p('deploying')} IS NULL OR ${running} = ${p('deploying')})
  AND (${p('lastFailed')} IS NULL OR ${lastFailed} = ${p('lastFailed')})
  AND (${p('mirror')} IS NULL OR (coalesce(${appProfiles.copyType}, '') = 'MIRROR') = ${p('mirror')})
  AND ${equalTo(appProfiles.copyType, 'copyType')}
  AND ${p('withPendingCommits')} IS NOT 1`;

const lastFinished = alias(deployments, 'last_finished');
const COLUMNS = {
  ...STAGED_COLUMNS,
  primaryDomainId: sql<string | null>`(SELECT ${domains.id} FROM ${domains} WHERE ${domains.environmentId} = ${environments.id} AND ${domains.isPrimary} = 1 LIMIT 1)`,
  lastFinished,
  // The last successful deployment first, then its build (it may have none): the sha of that deployment only.
  deployedSha: sql<string | null>`(SELECT b.sha FROM ${deployments} d LEFT JOIN ${builds} b ON b.id = d.build_id
    WHERE d.environment_id = ${environments.id} AND d.success = 1 ${LAST_ENDED})`,
};

/** The shape of an ordering's list: by the app's name first, or in the order of `EnvironmentService.list` alone. */
const shape = (byAppName: EnvironmentFilter['byAppName']): ListShape<ListedEnvironment> => ({
  filters: FILTERS,
  also: { table: lastFinished, on: eq(lastFinished.id, sql`(SELECT d.id FROM ${DEPLOYMENTS_OF_ENVIRONMENT} AND d.ended_at IS NOT NULL ${LAST_ENDED})`) },
  id: environments.id,
  columns: COLUMNS,
  // apps_name_unique serves the name's order as apps_created serves the creation order.
  order: [...(byAppName ? [(byAppName === 'asc' ? asc : desc)(apps.name)] : []), ...STAGE_ORDER],
  row: (listed: ListedEnvironment) => listed,
});

type Key = `${Scope} ${'asc' | 'desc' | ''}`;

/**
 * Environments as Divio's list shows them, filtered, counted, ordered and paged in SQL: a page costs two
 * statements whatever the number of environments, each prepared once per ordering (three) and scope
 * (every application's, or one's).
 */
export class EnvironmentList {
  private readonly byId;
  private readonly statements: (key: Key) => PreparedList<ListedEnvironment>;

  constructor(db: Db) {
    const { also, columns } = shape(undefined);
    this.byId = selectStages(db, columns, 'environments', undefined, { also }).where(eq(environments.id, p('id'))).prepare();
    this.statements = variants((key: Key) => {
      const [scope, byAppName] = key.split(' ') as [Scope, 'asc' | 'desc' | ''];
      return prepareList(db, shape(byAppName || undefined), scope);
    });
  }

  list(caller: Principal, filter: EnvironmentFilter = {}): ListSource<ListedEnvironment> {
    const bound = (value: boolean | undefined) => (value === undefined ? null : Number(value));
    const { scope, scopeIds } = scopeOf(filter.appId ? [filter.appId] : undefined, undefined);
    return bind(this.statements(`${scope} ${filter.byAppName ?? ''}`), {
      ...AccessPolicy.visibilityOf(caller), scopeIds,
      appId: filter.appId ?? null, relatedTo: filter.relatedTo ?? null, tenantUuid: filter.tenantUuid ?? null,
      name: filter.name ?? null, nameSearch: filter.nameSearch ?? null, deployed: bound(filter.deployed),
      deploying: bound(filter.deploying), lastFailed: bound(filter.lastFailed), mirror: bound(filter.mirror),
      copyType: filter.copyType ?? null, withPendingCommits: bound(filter.withPendingCommits),
    });
  }

  /** One environment as the list shows it, whoever asks (the caller was checked already). */
  of(environmentId: string): ListedEnvironment | undefined {
    return this.byId.get({ id: environmentId }) as ListedEnvironment | undefined;
  }
}
