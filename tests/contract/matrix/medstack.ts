import { TOKENS, USERNAMES, type DialectMatrix } from '../../helpers/accessMatrix';

const service = (suffix = '') => ({ id }: { id: string }) => `/v1/companies/polypaas/clusters/default/services/${id}${suffix}`;

/** Every MedStack operation on one service: whatever the reason, a service the caller may not use does not exist. */
export const medstackMatrix: DialectMatrix = {
  dialect: 'medstack',
  authorization: (who) => `Basic ${Buffer.from(`${USERNAMES[who]}:${TOKENS[who]}`).toString('base64')}`,
  refusal: { outsider: 404, stranger: 404 },
  appPath: /\/services\/\{service_id\}/,
  operations: [
    { operationId: 'getService', method: 'get', path: service() },
    { operationId: 'replaceService', method: 'put', path: service(), body: { name: 'target', image: 'evil/image', replicas: 9 } },
    { operationId: 'updateService', method: 'patch', path: service(), body: { replicas: 9 } },
    { operationId: 'deleteService', method: 'delete', path: service() },
    { operationId: 'refreshServiceImage', method: 'post', path: service('/refresh_image') },
  ],
};
