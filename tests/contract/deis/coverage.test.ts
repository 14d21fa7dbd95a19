import { deis } from '../../../dialects/deis';
import { operationCoverage } from '../../helpers/coverage';

test('every operationId in specs/deis.yaml has a handler, and every handler an operation', () => {
  const { operationIds, unhandled, extraHandlers } = operationCoverage(deis);
  expect(operationIds).toHaveLength(46);
  expect(unhandled).toEqual([]);
  expect(extraHandlers).toEqual([]);
});
