import type { FieldProblem, Reply } from '../types';

/**
 * DRF's field error map, {"field": ["message", ...]}: failures about the body as a whole go under
 * non_field_errors. Each dialect words a problem its own way (DRF 2.4 and 3 differ) and may rename fields.
 */
export function fieldErrors(
  problems: FieldProblem[], messageFor: (p: FieldProblem) => string, rename: (field: string) => string = (f) => f,
): Record<string, string[]> {
  // No prototype: a field named "constructor" or "__proto__" is a key like any other.
  const out = Object.create(null) as Record<string, string[]>;
  for (const p of problems) {
    const key = p.field === undefined ? 'non_field_errors' : rename(p.field);
    const text = messageFor(p);
    (out[key] ??= []).includes(text) || out[key].push(text);
  }
  return Object.keys(out).length ? out : { non_field_errors: ['Invalid data'] };
}

/** DRF's {"detail": "..."} body. */
export const detail = (status: number, text: string, headers?: Record<string, string>): Reply =>
  ({ status, body: { detail: text }, headers });
