import type { CoreErrorKind } from '../../src/core/errors';
import { MessageCatalogue } from '../catalogue';
import type { FieldProblem, Problem, Reply } from '../types';

/**
 * Every error in the common error body of the MedStack reference:
 * {"code", "type", "message"} and, for invalid input, "param" naming the field. The seed's own 400
 * examples also repeat the message under the field's name, so field errors carry both forms.
 */
const CORE: Record<CoreErrorKind, { code: number; type: string }> = {
  invalid: { code: 400, type: 'invalid_request_error' },
  not_found: { code: 404, type: 'not_found' },
  // Another company's objects do not exist for the caller.
  forbidden: { code: 404, type: 'not_found' },
  already_exists: { code: 409, type: 'conflict error' },
  conflict: { code: 409, type: 'conflict error' },
  quota: { code: 409, type: 'conflict error' },
};

export const MEDSTACK_MESSAGES = new MessageCatalogue('medstack/messages.json');

/** Core field names that MedStack calls otherwise. */
const FIELD_NAMES = new Map([['variables', 'environment_variables']]);

const error = (code: number, type: string, message: string, param?: string, headers?: Record<string, string>): Reply => ({
  status: code,
  headers,
  // Built without a prototype: a param named "__proto__" is a key like any other.
  body: param ? Object.assign(Object.create(null), { code, type, param, message }, { [param]: message }) : { code, type, message },
});

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function renderMedstackError(problem: Problem): Reply {
  switch (problem.kind) {
    case 'route_not_found':
    case 'method_not_allowed':
      return error(404, 'not_found', 'Path not found');
    case 'unauthenticated':
      return error(401, 'unauthorized', problem.detail ?? 'Authentication credentials are missing', undefined, { 'WWW-Authenticate': 'Basic realm="MedStack Control"' });
    case 'validation': {
      const first = problem.problems[0];
      return error(400, 'invalid_request_error', first ? messageFor(first) : 'Invalid request', first?.field);
    }
    case 'malformed_body':
      return error(400, 'invalid_request_error', `The request body is not valid JSON: ${problem.detail}`);
    case 'unsupported_media_type':
      return error(400, 'invalid_request_error', `Content-Type must be application/json, not "${problem.contentType}"`);
    case 'body_too_large':
      return error(413, 'invalid_request_error', `The request body exceeds the ${problem.limit}-byte limit`);
    case 'bad_request':
    case 'invalid_reference':
      return error(400, 'invalid_request_error', problem.detail);
    case 'uri_too_long':
      return error(414, 'invalid_request_error', `The request URI exceeds ${problem.limit} bytes`);
    case 'core': {
      const { code, type } = CORE[problem.error.kind];
      const { message, field } = MEDSTACK_MESSAGES.word(problem.error);
      const param = code === 400 && field ? FIELD_NAMES.get(field) ?? field : undefined;
      return error(code, type, code === 404 ? capitalized(message) : message, param);
    }
    case 'internal':
      return error(500, 'error', problem.detail);
  }
}

/** The message for one failure, naming the nested value when it is deeper than the field. */
function messageFor(p: FieldProblem): string {
  const text = plainMessage(p);
  return p.field !== undefined && p.path !== p.field ? `${p.path} ${text}` : text;
}

function plainMessage(p: FieldProblem): string {
  switch (p.keyword) {
    case 'required':
      return 'is required';
    case 'type':
      return `must be a${/^[aeiou]/.test(String(p.params.type)) ? 'n' : ''} ${String(p.params.type)}`;
    case 'enum':
      return `must be one of: ${(p.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return p.message;
  }
}
