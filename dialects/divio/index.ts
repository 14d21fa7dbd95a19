import type { DialectAdapter, OperationHandler } from '../types';
import { divioAuth } from './auth';
import { DIVIO_MESSAGES, renderDivioError } from './errors';
import * as activities from './handlers/activities';
import * as applications from './handlers/applications';
import * as builds from './handlers/builds';
import * as catalogues from './handlers/catalogues';
import * as deployments from './handlers/deployments';
import * as domains from './handlers/domains';
import * as environments from './handlers/environments';
import * as environmentLogs from './handlers/environmentLogs';
import * as iam from './handlers/iam';
import * as root from './handlers/root';
import * as variables from './handlers/variables';

export const divio: DialectAdapter = {
  name: 'divio',
  spec: 'divio.yaml',
  // The paths carry their own roots (/apps/v3, /iam/v3, /billing/v3): divio-cli calls all three on one host.
  apiRoot: '/',
  /**
   * Django + DRF 3: authentication first, then the body, when the view reads it; a known path with another
   * method is a 405 after authentication. JSON, forms and multipart everywhere a body is declared; a body
   * on a GET is ignored (divio-cli sends `{}`); a repeated form field gives its last value, as Django's
   * QueryDict does. Every URL ends in a slash, and divio-cli drops it on some: both answer.
   */
  rules: {
    first: 'auth',
    authenticateWrongMethod: true,
    trailingSlash: 'ignore',
    bodies: {
      json: true, urlencoded: true, multipart: true, accept: 'any', otherTypes: 'refuse',
      caseInsensitiveKeys: false, repeated: 'last', undeclared: 'ignore',
    },
  },
  auth: divioAuth,
  errors: renderDivioError,
  messages: DIVIO_MESSAGES,
  handlers: {
    ...root, ...iam, ...activities, ...catalogues, ...applications, ...builds, ...environments, ...environmentLogs, ...deployments, ...domains, ...variables,
  } satisfies Record<string, OperationHandler>,
};
