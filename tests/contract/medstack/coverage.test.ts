import { medstack } from '../../../dialects/medstack';
import { operationCoverage } from '../../helpers/coverage';

test('every operationId in specs/medstack.yaml has a handler, and every handler an operation', () => {
  const { operationIds, unhandled, extraHandlers } = operationCoverage(medstack);
  expect(operationIds).toHaveLength(34);
  expect(unhandled).toEqual([]);
  expect(extraHandlers).toEqual([]);
});
