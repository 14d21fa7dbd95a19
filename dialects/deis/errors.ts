import type { CoreErrorKind } from '../../src/core/errors';
import { MessageCatalogue } from '../catalogue';
import { DRF_CORE_STATUS, drfErrorRenderer } from '../drf/errors';
import type { FieldProblem, Reply } from '../types';

/**
 * Every error as Deis v1.0.1 (Django 1.6 + DRF 2.4) answers it. Core errors take their status from their
 * kind and their words from the catalogue; field errors become DRF's {"field": ["message"]}, with core
 * field names renamed to the Deis ones.
 */
// Deis refuses what a quota forbids (a PermissionDenied), where DRF's default is a validation error.
const CORE_STATUS: Record<CoreErrorKind, number> = { ...DRF_CORE_STATUS, quota: 403 };

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

export const renderDeisError = drfErrorRenderer({
  coreStatus: CORE_STATUS,
  messages: DEIS_MESSAGES,
  fieldNames: FIELD_NAMES,
  notFoundPage,
  // Django refuses a request it cannot read (an unusable Host) before any view, with its own page.
  badRequestPage: { status: 400, contentType: 'text/html', body: '<h1>Bad Request (400)</h1>' },
  methodNotAllowed: (method) => `Method '${method}' not allowed.`,
  invalidToken: 'Invalid token',
  messageFor,
});

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
