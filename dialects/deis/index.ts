import { DRF_RULES } from '../drf/rules';
import type { DialectAdapter, OperationHandler } from '../types';
import { deisAuth } from './auth';
import { DEIS_MESSAGES, renderDeisError } from './errors';
import { deisCanonicalPath, drfOptions } from './routes';
import { refuseUnservedVersion, withVersionHeader } from './version';
import * as apps from './handlers/apps';
import * as auth from './handlers/auth';
import * as builds from './handlers/builds';
import * as certs from './handlers/certs';
import * as config from './handlers/config';
import * as containers from './handlers/containers';
import * as domains from './handlers/domains';
import * as keys from './handlers/keys';
import * as perms from './handlers/perms';
import * as releases from './handlers/releases';

export const deis: DialectAdapter = {
  name: 'deis',
  spec: 'deis.yaml',
  apiRoot: '/v1',
  // Django + DRF 2.4; OPTIONS is DRF's metadata.
  rules: { ...DRF_RULES, options: drfOptions },
  auth: deisAuth,
  errors: renderDeisError,
  messages: DEIS_MESSAGES,
  handlers: {
    ...apps, ...auth, ...builds, ...certs, ...config, ...containers, ...domains, ...keys, ...perms, ...releases,
  } satisfies Record<string, OperationHandler>,
  preflight: refuseUnservedVersion,
  // The v1 URL table does not depend on the method.
  canonicalPath: (_method, path) => deisCanonicalPath(path),
  decorate: withVersionHeader,
};
