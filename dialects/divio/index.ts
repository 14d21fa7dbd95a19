import { DRF_RULES } from '../drf/rules';
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
   * Django + DRF 3: a body on a GET is ignored (divio-cli sends `{}`), and divio-cli drops the trailing
   * slash on some URLs: both answer.
   */
  rules: DRF_RULES,
  auth: divioAuth,
  errors: renderDivioError,
  messages: DIVIO_MESSAGES,
  handlers: {
    ...root, ...iam, ...activities, ...catalogues, ...applications, ...builds, ...environments, ...environmentLogs, ...deployments, ...domains, ...variables,
  } satisfies Record<string, OperationHandler>,
};
