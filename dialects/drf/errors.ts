import type { CoreErrorKind } from '../../src/core/errors';
import type { MessageCatalogue } from '../catalogue';
import type { FieldProblem, Problem, Reply } from '../types';
import { detail, fieldErrors } from './fieldErrors';

/** A core error's status by its kind, as DRF's exceptions carry them; a dialect may answer a kind otherwise. */
export const DRF_CORE_STATUS: Record<CoreErrorKind, number> = {
  not_found: 404,
  forbidden: 403,
  invalid: 400,
  already_exists: 400,
  conflict: 400,
  quota: 400,
};

/** What one Django REST framework deployment words and answers its own way; the rest is the family's. */
export interface DrfDialect {
  /** The status of a core error by its kind. */
  coreStatus: Record<CoreErrorKind, number>;
  messages: MessageCatalogue;
  /** Core field names that the dialect calls otherwise. */
  fieldNames: ReadonlyMap<string, string>;
  /** Django's page for a URL no route matches, and for a request it cannot read (an unusable Host). */
  notFoundPage(path: string): Reply;
  badRequestPage: Reply;
  /** The DRF version's sentences that differ between 2.4 and 3. */
  methodNotAllowed(method: string): string;
  invalidToken: string;
  /** The wording of a schema failure of one field. */
  messageFor(p: FieldProblem): string;
  /** The answer to a required body that is absent, where the serializer answers for the body as a whole. */
  missingBody?: Reply;
}

/** Every error as a Django + DRF server answers it: {"detail": ...} for a request, {"field": [...]} for its fields. */
export function drfErrorRenderer(d: DrfDialect): (problem: Problem) => Reply {
  const rename = (field: string) => d.fieldNames.get(field) ?? field;
  return (problem) => {
    switch (problem.kind) {
      case 'route_not_found':
        return d.notFoundPage(problem.path);
      case 'method_not_allowed':
        return detail(405, d.methodNotAllowed(problem.method), { Allow: [...problem.allowed, 'HEAD', 'OPTIONS'].join(', ') });
      case 'unauthenticated': {
        const text = problem.reason === 'missing' ? 'Authentication credentials were not provided.' : problem.detail ?? d.invalidToken;
        return detail(401, text, { 'WWW-Authenticate': 'Token' });
      }
      case 'validation':
        if (d.missingBody && problem.problems.some((p) => p.field === 'requestBody')) return d.missingBody;
        return { status: 400, body: fieldErrors(problem.problems, d.messageFor) };
      case 'malformed_body':
        return detail(400, `JSON parse error - ${problem.detail}`);
      case 'unsupported_media_type':
        return detail(415, `Unsupported media type "${problem.contentType}" in request.`);
      case 'body_too_large':
        return detail(413, `Request body exceeds the ${problem.limit}-byte limit.`);
      case 'bad_request':
        return d.badRequestPage;
      case 'uri_too_long':
        return detail(414, `Request-URI longer than ${problem.limit} bytes.`);
      case 'invalid_reference':
        return detail(400, problem.detail);
      case 'core': {
        const status = d.coreStatus[problem.error.kind];
        const { message, field } = d.messages.word(problem.error);
        // DRF words a missing object and a refusal as a detail, whatever field they came from.
        if (field && status === 400) return { status, body: { [rename(field)]: [message] } };
        return detail(status, message);
      }
      case 'internal':
        return detail(500, problem.detail);
    }
  };
}
