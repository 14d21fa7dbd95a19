import type { CoreErrorKind } from '../../src/core/errors';
import { MessageCatalogue } from '../catalogue';
import type { FieldProblem, Problem, Reply } from '../types';

/**
 * Every error as the tsuru server writes it: Go's http.Error, a plain-text message and a newline,
 * `text/plain; charset=utf-8` with `X-Content-Type-Options: nosniff`. Unknown paths and wrong methods
 * alike are gorilla/mux's `404 page not found`; a missing or unknown token is a 401 with tsuru's
 * Bearer challenge.
 */
const STATUS: Record<CoreErrorKind, number> = {
  invalid: 400,
  not_found: 404,
  already_exists: 409,
  conflict: 409,
  forbidden: 403,
  quota: 403,
};

/** Codes tsuru answers with another status than their kind's. */
const STATUS_BY_CODE: Record<string, number> = {
  // A login's wrong password is the handler's 401 (without the token check's challenge).
  'auth.bad_credentials': 401,
  'auth.inactive': 401,
  // No pool to put an app in is the client's choice to fix, as tsuru's pool check answers.
  'cluster.none': 400,
  // tsuru checks a cname's uniqueness with its other cname rules: a 400.
  'domain.taken': 400,
};

export const TSURU_MESSAGES = new MessageCatalogue('tsuru/messages.json');

export const CHALLENGE = 'Bearer realm="tsuru" scope="tsuru"';

export const plainText = (status: number, message: string, headers: Record<string, string> = {}): Reply => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  headers: { 'X-Content-Type-Options': 'nosniff', ...headers },
  body: message.endsWith('\n') ? message : `${message}\n`,
});

export function renderTsuruError(problem: Problem): Reply {
  switch (problem.kind) {
    case 'route_not_found':
    case 'method_not_allowed':
      return plainText(404, '404 page not found');
    case 'unauthenticated':
      return plainText(401, 'You must provide a valid Authorization header', { 'WWW-Authenticate': CHALLENGE });
    case 'validation':
      return plainText(400, messageFor(problem.problems[0]));
    case 'malformed_body':
      return plainText(400, `unable to parse the request body: ${problem.detail}`);
    case 'unsupported_media_type':
      return plainText(400, `unable to parse the request body as ${problem.contentType}`);
    case 'body_too_large':
      return plainText(413, `request body too large: the limit is ${problem.limit} bytes`);
    case 'bad_request':
    case 'invalid_reference':
      return plainText(400, problem.detail);
    case 'uri_too_long':
      return plainText(414, `request URI too long: the limit is ${problem.limit} bytes`);
    case 'core': {
      const status = STATUS_BY_CODE[problem.error.code] ?? STATUS[problem.error.kind];
      return plainText(status, TSURU_MESSAGES.word(problem.error).message);
    }
    case 'internal':
      return plainText(500, problem.detail);
  }
}

/** The first failure of a request, in the words tsuru's handlers use for a missing or malformed value. */
function messageFor(p: FieldProblem | undefined): string {
  if (!p) return 'Invalid request';
  const name = p.path || p.field || 'body';
  switch (p.keyword) {
    case 'required':
      return `You must provide the ${name}`;
    case 'type':
      return `Invalid value for ${name}: must be ${String(p.params.type)}`;
    case 'enum':
      return `Invalid value for ${name}: must be one of ${(p.params.allowedValues as unknown[]).join(', ')}`;
    case 'minLength':
      return `You must provide the ${name}`;
    default:
      return `Invalid value for ${name}: ${p.message}`;
  }
}
