import { CoreError } from '../../src/core/errors';
import { MessageCatalogue } from '../catalogue';
import { DRF_CORE_STATUS, drfErrorRenderer } from '../drf/errors';
import type { FieldProblem } from '../types';

/**
 * Every error as Divio's API (Django + DRF 3) answers it: {"detail": ...} for a whole request, DRF field
 * errors for its fields, with DRF 3's wording; core errors take their status from their kind.
 */
export const DIVIO_MESSAGES = new MessageCatalogue('drf/messages.json', 'divio/messages.json');

/** Core field names that Divio calls otherwise: the core's app name is Divio's slug, its display name Divio's name. */
const FIELD_NAMES = new Map([
  ['name', 'slug'], ['displayName', 'name'], ['tenant', 'organisation'], ['planGroup', 'plan_group'],
  ['variables', 'name'], ['verifyName', 'verify_name'], ['domain', 'name'],
]);
const rename = (field: string) => FIELD_NAMES.get(field) ?? field;

/** Django's 404 and 400 pages (DEBUG off): a URL no route matches, a request it cannot read. */
const NOT_FOUND_PAGE = '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';
const BAD_REQUEST_PAGE = '<!doctype html>\n<html lang="en"><head><title>Bad Request (400)</title></head><body><h1>Bad Request (400)</h1><p></p></body></html>\n';

export const renderDivioError = drfErrorRenderer({
  // A plan's limit is a validation error of the request ("Can not add another Environment."), DRF's default.
  coreStatus: DRF_CORE_STATUS,
  messages: DIVIO_MESSAGES,
  fieldNames: FIELD_NAMES,
  notFoundPage: () => ({ status: 404, contentType: 'text/html', body: NOT_FOUND_PAGE }),
  badRequestPage: { status: 400, contentType: 'text/html', body: BAD_REQUEST_PAGE },
  methodNotAllowed: (method) => `Method "${method}" not allowed.`,
  invalidToken: 'Invalid token.',
  messageFor,
  // A required body that is absent: DRF's serializer answers for the body as a whole.
  missingBody: { status: 400, body: { non_field_errors: ['No data provided'] } },
});

/** A field problem found by a handler's serializer: a core error, worded by the catalogue, under Divio's name for its field. */
export function coreFieldProblem(error: CoreError): FieldProblem {
  const { field } = DIVIO_MESSAGES.word(error);
  return { location: 'body', field: field && rename(field), path: error.field ?? '', keyword: 'core', message: error.code, params: { error } };
}

/** DRF 3's wording of a schema failure. */
function messageFor(p: FieldProblem): string {
  if (p.keyword === 'core') return DIVIO_MESSAGES.word(p.params.error as CoreError).message;
  if (p.field === undefined && p.keyword === 'type') return 'Invalid data. Expected a dictionary.';
  switch (p.keyword) {
    case 'required':
      return 'This field is required.';
    case 'type':
      return typeMessage(String(p.params.type));
    case 'enum':
      return 'Select a valid choice.';
    case 'minLength':
      return 'This field may not be blank.';
    case 'maxLength':
      return `Ensure this field has no more than ${String(p.params.limit)} characters.`;
    case 'maxItems':
      return `Ensure this field has no more than ${String(p.params.limit)} elements.`;
    case 'minimum':
      return `Ensure this value is greater than or equal to ${String(p.params.limit)}.`;
    case 'maximum':
      return `Ensure this value is less than or equal to ${String(p.params.limit)}.`;
    case 'pattern':
      return 'Enter a valid “slug” consisting of lowercase letters, numbers or hyphens.';
    case 'format':
      return p.params.format === 'uri' ? 'Enter a valid URL.' : `Enter a valid ${String(p.params.format)}.`;
    default:
      return 'Invalid value.';
  }
}

function typeMessage(type: string): string {
  if (type.includes('integer') || type.includes('number')) return 'A valid integer is required.';
  if (type.includes('boolean')) return 'Must be a valid boolean.';
  if (type.includes('array')) return 'Expected a list of items.';
  if (type.includes('object')) return 'Invalid data. Expected a dictionary.';
  return 'Not a valid string.';
}
