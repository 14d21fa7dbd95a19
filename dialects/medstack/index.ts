import type { DialectAdapter, OperationHandler } from '../types';
import { medstackAuth } from './auth';
import { MEDSTACK_MESSAGES, renderMedstackError } from './errors';
import { medstackWebhookPayload } from './mappers';
import * as company from './handlers/company';
import * as files from './handlers/files';
import * as nodes from './handlers/nodes';
import * as services from './handlers/services';
import * as webhooks from './handlers/webhooks';

export const medstack: DialectAdapter = {
  name: 'medstack',
  spec: 'medstack.yaml',
  apiRoot: '/v1',
  /**
   * The API speaks JSON only: a body in any other media type is refused (as a 400, its renderer says),
   * and it is read before the credentials are checked. A known path with another method is the seed's
   * 404, answered without looking at credentials, as for any unknown path; OPTIONS is such a method.
   */
  rules: {
    first: 'body',
    authenticateWrongMethod: false,
    trailingSlash: 'ignore',
    bodies: {
      json: true, urlencoded: false, multipart: false, accept: 'declared', otherTypes: 'refuse',
      caseInsensitiveKeys: false, repeated: 'last', undeclared: 'ignore',
    },
  },
  auth: medstackAuth,
  errors: renderMedstackError,
  messages: MEDSTACK_MESSAGES,
  handlers: { ...company, ...files, ...nodes, ...services, ...webhooks } satisfies Record<string, OperationHandler>,
  webhookPayload: medstackWebhookPayload,
};
