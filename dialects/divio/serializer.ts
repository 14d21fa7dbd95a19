import { CoreError } from '../../src/core/errors';
import { fail } from '../../src/core/errors';
import { ProblemError, type DialectRequest } from '../types';
import { bodyOf } from '../drf/pagination';
import { coreFieldProblem } from './errors';
import { fieldId, fieldIds } from './ids';

/**
 * Like a DRF serializer, reports every field's error at once: runs each check, gathers the core errors
 * that name a field, and throws them together as one validation problem.
 */
export function validateAll(checks: (() => void)[], found: CoreError[] = []): void {
  const errors = [...found];
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof CoreError) || !error.field) throw error;
      errors.push(error);
    }
  }
  if (errors.length) throw new ProblemError({ kind: 'validation', problems: errors.map(coreFieldProblem) });
}

/** The body as a record, and an id field of it (optional unless `need`). */
export const body = bodyOf;

export function bodyId(req: DialectRequest, field: string, need = true): string | undefined {
  const value = bodyOf(req)[field];
  if (value === undefined || value === null || value === '') {
    if (need) throw fail('request.field_required', {}, field);
    return undefined;
  }
  return fieldId(value, field);
}

/** Query id filters: one or repeated, each checked. */
export const queryIds = (req: DialectRequest, name: string): string[] | undefined => fieldIds(req.query[name], name);
export const queryId = (req: DialectRequest, name: string): string | undefined =>
  (req.query[name] === undefined ? undefined : fieldId(req.query[name], name));

/** The authenticated caller; every operation but the root needs one. */
export const caller = (req: DialectRequest) => req.principal!;

/** A boolean query filter as django-filter reads one ("true"/"True"/"1", "false"/"False"/"0"); undefined when absent. */
export function queryBool(req: DialectRequest, name: string): boolean | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  return value === true || /^(true|1)$/i.test(String(value));
}

/**
 * A JSON value of the body as an ordinary object: the pipeline hands objects over without a prototype
 * (every key is data), which the store's JSON columns do not take.
 */
export const plainJson = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)) as T);
