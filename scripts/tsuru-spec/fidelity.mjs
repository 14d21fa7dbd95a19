// The rules of ../shared/FIDELITY.md (Tsuru) that hold for every operation, applied after the
// overlay: plain-text errors, the Supported-Tsuru header, stream bodies, the wire's request bodies.

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';
export const STREAM = 'application/x-json-stream';

/** The error responses every operation shares, by status: each a plain-text message ending in "\n". */
export const ERROR_RESPONSES = {
  400: ['BadRequest', 'Invalid data: a missing or malformed field, a bad name, a number that is not one'],
  401: ['Unauthorized', 'No valid Authorization header'],
  403: ['Forbidden', 'Not allowed (permission), or a quota is exceeded'],
  404: ['NotFound', 'The app, team, service, instance, user or other named thing does not exist'],
  409: ['Conflict', 'It exists already, or is in use'],
  413: ['TooLarge', 'The request body is larger than the server takes'],
};

const SUPPORTED_TSURU = { $ref: '#/components/headers/SupportedTsuru' };

/** The components every converted operation refers to. */
export function sharedComponents() {
  const plainText = {
    'text/plain': { schema: { type: 'string', pattern: '\\n$', description: 'The message and a newline; Content-Type is `text/plain; charset=utf-8`.' } },
  };
  const errorHeaders = () => ({ 'Supported-Tsuru': SUPPORTED_TSURU, 'X-Content-Type-Options': { $ref: '#/components/headers/NoSniff' } });
  const responses = {};
  for (const [status, [name, description]] of Object.entries(ERROR_RESPONSES)) {
    responses[name] = { description, headers: errorHeaders(), content: plainText };
    if (status === '401') responses[name].headers['WWW-Authenticate'] = { $ref: '#/components/headers/WwwAuthenticate' };
  }
  // A wrong password at login is the handler's 401, not the token check's: no challenge header.
  responses.BadCredentials = { description: 'Wrong password', headers: errorHeaders(), content: plainText };
  const headers = {
    SupportedTsuru: { required: true, description: 'The oldest client version the server supports (`1.0.1`); sent on every response.', schema: { type: 'string', enum: ['1.0.1'] } },
    NoSniff: { required: true, schema: { type: 'string', enum: ['nosniff'] } },
    WwwAuthenticate: { required: true, schema: { type: 'string', enum: ['Bearer realm="tsuru" scope="tsuru"'] } },
    EventId: { required: true, description: 'The id of the event this operation recorded.', schema: { type: 'string' } },
  };
  return { responses, headers };
}

/** The real server reads JSON when the body says application/json and a form otherwise (ParseInput). */
export function bothBodyEncodings(op) {
  const content = op.requestBody?.content;
  if (!content) return;
  const schema = Object.values(content)[0].schema;
  const types = content['multipart/form-data'] ? ['multipart/form-data', FORM] : [FORM, JSON_TYPE];
  op.requestBody.content = Object.fromEntries(types.map((type) => [type, { schema }]));
}

function isSecured(op) {
  // No security of its own means the document's (Bearer).
  return op.security === undefined || op.security.some((requirement) => Object.keys(requirement).length > 0);
}

/** The statuses an operation can fail with, beside those the Swagger or overlay already name. */
function errorStatuses(op, path) {
  const statuses = new Set(Object.keys(op.responses).filter((s) => Number(s) >= 400));
  if (isSecured(op)) ['401', '403'].forEach((s) => statuses.add(s));
  if (op.parameters?.length || op.requestBody) statuses.add('400');
  if (path.includes('{')) statuses.add('404');
  if (op.requestBody) statuses.add('413');
  return [...statuses].sort();
}

/** A 2xx answer the Swagger gave no body: a stream or plain text where it produces them. */
function bodyOfEmptySuccess(status, produces) {
  if (status !== '200') return undefined;
  if (produces.includes(STREAM)) return { [STREAM]: { schema: { $ref: '#/components/schemas/StreamLine' } } };
  if (produces.includes('text/plain')) return { 'text/plain': { schema: { type: 'string' } } };
  return undefined;
}

export function applyFidelity(path, op) {
  // An absent body is an empty form to the real server: no body is required, the handler names the missing field.
  if (op.requestBody) op.requestBody.required = false;
  const produces = op['x-swagger']?.produces ?? [];
  delete op['x-swagger'];
  const responses = {};
  for (const [status, response] of Object.entries(op.responses)) {
    if (Number(status) >= 400) continue;
    const out = { ...response };
    if (!out.content) {
      const content = bodyOfEmptySuccess(status, produces);
      if (content) out.content = content;
    }
    out.headers = { 'Supported-Tsuru': SUPPORTED_TSURU, ...(out.headers ?? {}) };
    responses[status] = out;
  }
  for (const status of errorStatuses(op, path)) {
    const name = status === '401' && !isSecured(op) ? 'BadCredentials' : ERROR_RESPONSES[status][0];
    responses[status] = { $ref: `#/components/responses/${name}` };
  }
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
  op['x-polypaas-unversioned'] = path.replace(/^\/\d+\.\d+\//, '/');
  return op;
}
