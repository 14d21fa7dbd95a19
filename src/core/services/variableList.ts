import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { apps, environments, variables } from '../../store/schema';
import { bind, type ListSource, type PreparedList } from '../../store/paginate';
import type { Db } from '../../store/store';
import type { App, Environment, Principal, Variable } from '../model';
import { AccessPolicy } from './access';
import type { StagedVariable, VariableFilter } from './environmentVariables';
import {
  READABLE, STAGED_COLUMNS, STAGE_ORDER, equalTo, inJsonList, jsonOrNull, prepareList, scopeOf, variants, type ListShape, type Scope,
} from './stagedRows';

const p = sql.placeholder;
const SHAPE: ListShape<StagedVariable> = {
  filters: sql`${READABLE} AND ${inJsonList(apps.id, 'appIds')} AND ${inJsonList(environments.id, 'environmentIds')}
    AND ${inJsonList(variables.id, 'ids')} AND ${equalTo(variables.name, 'name')} AND ${equalTo(environments.name, 'environmentName')}
    AND ${equalTo(variables.isSensitive, 'isSensitive')}
    AND (${p('isReadOnly')} IS NULL OR (${variables.source} <> 'user') = ${p('isReadOnly')})`,
  own: { table: variables, on: and(eq(variables.environmentId, environments.id), eq(variables.kind, 'env'))! },
  id: variables.id,
  columns: { variable: getTableColumns(variables), ...STAGED_COLUMNS },
  // In the environments' order, each environment's in its own (variables_environment_position, then rowid).
  order: [...STAGE_ORDER, asc(variables.position), asc(sql`${variables}.rowid`)],
  row: ({ variable, app, environment }: { variable: Variable; app: App; environment: Environment }) => ({ ...variable, app, environment }),
};

/**
 * The environment variables (kind env) of the environments a caller may read, filtered, counted and
 * paged in SQL: a page costs two statements whatever the number of variables, prepared once per scope.
 */
export class VariableList {
  private readonly statements: (scope: Scope) => PreparedList<StagedVariable>;

  constructor(db: Db) {
    this.statements = variants((scope) => prepareList(db, SHAPE, scope));
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
