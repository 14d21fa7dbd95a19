import { divio } from '../../../dialects/divio';
import { operationCoverage } from '../../helpers/coverage';

test('every operationId in specs/divio.yaml has a handler, and every handler an operation', () => {
  const { operationIds, unhandled, extraHandlers } = operationCoverage(divio);
  expect(operationIds).toHaveLength(56);
  expect(unhandled).toEqual([]);
  expect(extraHandlers).toEqual([]);
});
