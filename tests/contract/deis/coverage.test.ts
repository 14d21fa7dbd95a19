import { deis } from '../../../dialects/deis';
import { loadSpec } from '../../../src/http/mountDialect';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

test('every operationId in specs/deis.yaml has a handler, and every handler an operation', () => {
  const spec = loadSpec(deis);
  const operationIds = Object.values(spec.paths).flatMap((item) =>
    METHODS.map((m) => item?.[m]?.operationId).filter((id): id is string => !!id));
  expect(operationIds.length).toBe(36);
  expect(operationIds.filter((id) => !deis.handlers[id])).toEqual([]);
  expect(Object.keys(deis.handlers).filter((id) => !operationIds.includes(id))).toEqual([]);
});
