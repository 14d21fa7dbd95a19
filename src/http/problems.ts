import { readFileSync } from 'node:fs';
import type { OpenAPIV3 } from 'openapi-types';
import YAML from 'yaml';
import { CoreError } from '../core/errors';
import { fromRoot } from '../store/paths';
import { AuthProblem, ProblemError, type DialectAdapter, type FieldProblem, type Problem } from '../../dialects/types';

export function loadSpec(adapter: Pick<DialectAdapter, 'spec'>): OpenAPIV3.Document {
  if (typeof adapter.spec === 'object') return structuredClone(adapter.spec);
  return YAML.parse(readFileSync(fromRoot('specs', adapter.spec), 'utf8')) as OpenAPIV3.Document;
}

export const specName = (adapter: Pick<DialectAdapter, 'spec' | 'name'>) =>
  typeof adapter.spec === 'string' ? adapter.spec : `the ${adapter.name} spec`;

/** Classifies anything thrown on the way into the Problem a dialect renders. */
export function toProblem(error: unknown): Problem {
  if (error instanceof CoreError) return { kind: 'core', error };
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof AuthProblem) return { kind: 'unauthenticated', reason: error.reason, detail: error.detail };
  const e = error as { code?: string; message?: string };
  // A reference to a row that does not exist (e.g. an empty id) that no rule caught: the client's error.
  if (e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { kind: 'invalid_reference', detail: 'The request refers to an object that does not exist.' };
  return { kind: 'internal', detail: error instanceof Error ? error.message : String(error) };
}

/** openapi-backend reports ajv errors against a combined {path, query, headers, requestBody} object. */
export function toFieldProblem(e: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }): FieldProblem {
  const [, root = '', ...segments] = e.instancePath.split('/');
  const location = ({ requestBody: 'body', query: 'query', path: 'path', headers: 'header' } as const)[root] ?? 'body';
  const missing = e.keyword === 'required' ? [String(e.params.missingProperty)] : [];
  const names = [...segments.map((s) => decodeURIComponent(s.replace(/~1/g, '/').replace(/~0/g, '~'))), ...missing];
  return {
    location, field: names[0], path: names.join('.'),
    keyword: names.length > 1 && e.keyword !== 'required' ? 'invalid' : e.keyword,
    message: e.message ?? 'is invalid', params: e.params,
  };
}
