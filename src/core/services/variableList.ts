import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { SQLiteSelect } from 'drizzle-orm/sqlite-core';
import { apps, environments, variables } from '../../store/schema';
import { LIMIT, OFFSET, bind, type ListSource, type PreparedList } from '../../store/paginate';
import type { Db } from '../../store/store';
import type { Principal } from '../model';
import { AccessPolicy } from './access';
import type { StagedVariable, VariableFilter } from './environmentVariables';
import {
  READABLE, SCOPES, STAGED_COLUMNS, STAGE_ORDER, equalTo, fromEnvironments, inJsonList, joinedTo, jsonOrNull, scopeOf, stagedFrom, variants, type Scope,
} from './stagedRows';

const p = sql.placeholder;
const FILTERS = sql`${READABLE} AND ${inJsonList(apps.id, 'appIds')} AND ${inJsonList(environments.id, 'environmentIds')}
  AND ${inJsonList(variables.id, 'ids')} AND ${equalTo(variables.name, 'name')} AND ${equalTo(environments.name, 'environmentName')}
  AND ${equalTo(variables.isSensitive, 'isSensitive')}
  AND (${p('isReadOnly')} IS NULL OR (${variables.source} <> 'user') = ${p('isReadOnly')})`;
/** In the environments' order, each environment's in its own. */
const ORDER = [...STAGE_ORDER, asc(variables.position), asc(sql`${variables}.rowid`)];

/**
 * The environment variables (kind env) of the environments a caller may read, filtered, counted and
 * paged in SQL: a page costs two statements whatever the number of variables, prepared once per scope.
 */
export class VariableList {
  private readonly statements: (scope: string) => PreparedList<StagedVariable>;

  constructor(db: Db) {
    const withVariables = <Q extends SQLiteSelect>(query: Q) =>
      joinedTo(query, variables, and(eq(variables.environmentId, environments.id), eq(variables.kind, 'env'))!);
    const rows = () => withVariables(stagedFrom(db.select({ variable: getTableColumns(variables), ...STAGED_COLUMNS }).from(environments).$dynamic()));
    const staged = ({ variable, app, environment }: ReturnType<ReturnType<typeof rows>['all']>[number]) => ({ ...variable, app, environment });
    this.statements = variants((scope) => {
      const where = sql`${FILTERS} AND ${SCOPES[scope as Scope]}`;
      const pageIds = withVariables(fromEnvironments(db.select({ id: variables.id }).from(environments).$dynamic()))
        .where(where).orderBy(...ORDER).limit(LIMIT).offset(OFFSET);
      const page = rows().where(inArray(variables.id, pageIds)).orderBy(...ORDER).prepare();
      const all = rows().where(where).orderBy(...ORDER).prepare();
      return {
        count: withVariables(fromEnvironments(db.select({ n: sql<number>`count(*)` }).from(environments).$dynamic())).where(where).prepare(),
        page: { all: (values) => page.all(values).map(staged) },
        all: { all: (values) => all.all(values).map(staged) },
      };
    });
  }

  /** Empty lists of ids filter nothing, as absent ones. */
  list(caller: Principal, filter: VariableFilter): ListSource<StagedVariable> {
    const ids = (values: string[] | undefined) => jsonOrNull(values?.length ? values : undefined);
    const bound = (value: boolean | undefined) => (value === undefined ? null : Number(value));
    const { scope, scopeIds } = scopeOf(filter.appIds, filter.environmentIds);
    return bind(this.statements(scope), {
      ...AccessPolicy.visibilityOf(caller), scopeIds, appIds: ids(filter.appIds), environmentIds: ids(filter.environmentIds), ids: ids(filter.ids),
      name: filter.name ?? null, environmentName: filter.environmentName ?? null,
      isSensitive: bound(filter.isSensitive), isReadOnly: bound(filter.isReadOnly),
    });
  }
}
