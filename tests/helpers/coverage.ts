import type { DialectAdapter } from '../../dialects/types';
import { loadSpec } from '../../src/http/mountDialect';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** The spec's operationIds that have no handler, and the handlers that answer no operation of the spec. */
export function operationCoverage(adapter: DialectAdapter) {
  const operationIds = Object.values(loadSpec(adapter).paths).flatMap((item) =>
    METHODS.map((m) => item?.[m]?.operationId).filter((id): id is string => !!id));
  return {
    operationIds,
    unhandled: operationIds.filter((id) => !adapter.handlers[id]),
    extraHandlers: Object.keys(adapter.handlers).filter((id) => !operationIds.includes(id)),
  };
}
