import type { CoreErrorKind } from '../../src/core/errors';
import { MessageCatalogue } from '../catalogue';
import { detail, fieldErrors } from '../drf/fieldErrors';
import type { FieldProblem, Problem, Reply } from '../types';

/**
 * Every error as Deis v1.0.1 (Django 1.6 + DRF 2.4) answers it. Core errors take their status from their
 * kind and their words from the catalogue; field errors become DRF's {"field": ["message"]}, with core
 * field names renamed to the Deis ones.
 */
const CORE_STATUS: Record<CoreErrorKind, number> = {
  not_found: 404,
  forbidden: 403,
  invalid: 400,
  already_exists: 400,
  conflict: 400,
  quota: 403,
};

/** Django REST framework's wording, with what Deis words otherwise on top. */
export const DEIS_MESSAGES = new MessageCatalogue('drf/messages.json', 'deis/messages.json');

/** Core field names that Deis calls otherwise (apps and keys are both named by "id"). */
const FIELD_NAMES = new Map([['name', 'id'], ['variables', 'values']]);


/** Django's own 404 page (the controller ships no 404 template), for URLs no route matches. */
const notFoundPage = (path: string): Reply => ({
  status: 404,
  contentType: 'text/html',
  body: `<h1>Not Found</h1><p>The requested URL ${escapeHtml(path)} was not found on this server.</p>`,
});

export function renderDeisError(problem: Problem): Reply {
  switch (problem.kind) {
    case 'route_not_found':
      return notFoundPage(problem.path);
    case 'method_not_allowed':
      return detail(405, `Method '${problem.method}' not allowed.`, { Allow: [...problem.allowed, 'HEAD', 'OPTIONS'].join(', ') });
    case 'unauthenticated': {
      const text = problem.reason === 'missing' ? 'Authentication credentials were not provided.' : problem.detail ?? 'Invalid token';
      return detail(401, text, { 'WWW-Authenticate': 'Token' });
    }
    case 'validation':
      return { status: 400, body: fieldErrors(problem.problems, messageFor) };
    case 'malformed_body':
      return detail(400, `JSON parse error - ${problem.detail}`);
    case 'unsupported_media_type':
      return detail(415, `Unsupported media type "${problem.contentType}" in request.`);
    case 'body_too_large':
      return detail(413, `Request body exceeds the ${problem.limit}-byte limit.`);
    case 'bad_request':
      // Django refuses a request it cannot read (an unusable Host) before any view, with its own page.
      return { status: 400, contentType: 'text/html', body: '<h1>Bad Request (400)</h1>' };
    case 'uri_too_long':
      return detail(414, `Request-URI longer than ${problem.limit} bytes.`);
    case 'invalid_reference':
      return detail(400, problem.detail);
    case 'core': {
      const status = CORE_STATUS[problem.error.kind];
      const { message, field } = DEIS_MESSAGES.word(problem.error);
      // DRF words a missing object and a refusal as a detail, whatever field they came from.
      if (field && status === 400) return { status, body: { [FIELD_NAMES.get(field) ?? field]: [message] } };
      return detail(status, message);
    }
    case 'internal':
      return detail(500, problem.detail);
  }
}

/** DRF 2.4's wording; a type error about the body as a whole is "Invalid data". */
function messageFor(p: FieldProblem): string {
  if (p.field === undefined && p.keyword === 'type') return 'Invalid data';
  switch (p.keyword) {
    case 'required':
      return 'This field is required.';
    case 'type':
      return `Incorrect type. Expected ${String(p.params.type)}.`;
    case 'minLength':
      return 'This field may not be blank.';
    default:
      return `Invalid value: ${p.message}.`;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
