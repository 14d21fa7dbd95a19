import { tsuru } from '../../../dialects/tsuru';
import { operationCoverage } from '../../helpers/coverage';

test('every operationId in specs/tsuru.yaml has a handler, and every handler an operation', () => {
  const { operationIds, unhandled, extraHandlers } = operationCoverage(tsuru);
  expect(operationIds).toHaveLength(78);
  expect(unhandled).toEqual([]);
  expect(extraHandlers).toEqual([]);
});
