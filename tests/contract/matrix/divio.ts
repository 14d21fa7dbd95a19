import { TOKENS, type DialectMatrix } from '../../helpers/accessMatrix';

/** The default fixtures' organisation (fixtures/default.json). */
const ORGANISATION = '0a1d0000-0000-4000-8000-000000000001';
const application = (suffix = '') => ({ id }: { id: string }) => `/apps/v3/applications/${id}/${suffix}`;

/**
 * Every Divio operation on one application: another organisation's does not exist (404); one of the
 * caller's organisation that was never shared with them is a 403, as DRF answers a failed permission.
 */
export const divioMatrix: DialectMatrix = {
  dialect: 'divio',
  authorization: (who) => `Token ${TOKENS[who]}`,
  refusal: { outsider: 404, stranger: 403 },
  appPath: /^\/apps\/v3\/applications\/\{uuid\}/,
  operations: [
    { operationId: 'GetApplication', method: 'get', path: application() },
    { operationId: 'UpdateApplication', method: 'put', path: application(), body: { name: 'Taken over' } },
    { operationId: 'PartialUpdateApplication', method: 'patch', path: application(), body: { port: 1 } },
    { operationId: 'ArchiveApplication', method: 'delete', path: application(), body: { verify_name: 'target' } },
    { operationId: 'CopyApplication', method: 'post', path: application('copy/'), body: { target_name: 'Stolen', target_organisation: ORGANISATION, type: 'FORK' } },
    { operationId: 'TransferApplication', method: 'post', path: application('transfer/'), body: { organisation: ORGANISATION } },
  ],
};
