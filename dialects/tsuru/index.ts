import type { DialectAdapter, OperationHandler } from '../types';
import { tsuruAuth } from './auth';
import { renderTsuruError, TSURU_MESSAGES } from './errors';
import { goTime } from './mappers';
import { tsuruCanonicalPath } from './routes';
import * as apps from './handlers/apps';
import * as auth from './handlers/auth';
import * as catalogue from './handlers/catalogue';
import * as cnames from './handlers/cnames';
import * as deploys from './handlers/deploys';
import * as env from './handlers/env';
import * as events from './handlers/events';
import * as instances from './handlers/instances';
import * as keys from './handlers/keys';
import * as runlog from './handlers/runlog';
import * as services from './handlers/services';
import * as teams from './handlers/teams';
import * as tokens from './handlers/tokens';
import * as units from './handlers/units';
import * as users from './handlers/users';

/** The oldest client version the server supports, on every response (tsuru-client warns below it). */
const SUPPORTED_TSURU = '1.0.1';

export const tsuru: DialectAdapter = {
  name: 'tsuru',
  spec: 'tsuru.yaml',
  apiRoot: '/',
  /**
   * Go's net/http and gorilla/mux: the token is checked before a handler reads its body; JSON is read
   * as JSON and anything else as a form (urlencoded or multipart), keys in any case, the first of a
   * repeated key where one value is wanted. Unknown paths and wrong methods are both mux's 404, with
   * no credentials looked at; paths match exactly, trailing slash included.
   */
  rules: {
    first: 'auth',
    authenticateWrongMethod: false,
    trailingSlash: 'exact',
    bodies: {
      json: true, urlencoded: true, multipart: true, accept: 'any', otherTypes: 'urlencoded',
      caseInsensitiveKeys: true, repeated: 'first', undeclared: 'ignore',
    },
  },
  auth: tsuruAuth,
  errors: renderTsuruError,
  messages: TSURU_MESSAGES,
  handlers: {
    ...apps, ...auth, ...catalogue, ...cnames, ...deploys, ...env, ...events, ...instances, ...keys, ...runlog, ...services, ...teams, ...tokens, ...units, ...users,
  } satisfies Record<string, OperationHandler>,
  canonicalPath: tsuruCanonicalPath,
  /** A failure after a stream began is one more line: tsuru's error framing, stamped by the core's clock. */
  streamError(problem, contentType, core) {
    const message = problem.kind === 'core' ? TSURU_MESSAGES.word(problem.error).message : problem.kind === 'internal' ? problem.detail : problem.kind;
    if (contentType === 'application/x-json-stream') {
      return `${JSON.stringify({ Message: '', Timestamp: goTime(core.ctx.clock.now().toISOString()), Error: message })}\n`;
    }
    return `ERROR: ${message}\n`;
  },
  decorate: (reply) => ({ ...reply, headers: { ...reply.headers, 'Supported-Tsuru': SUPPORTED_TSURU } }),
};
