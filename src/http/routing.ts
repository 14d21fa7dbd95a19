import type { OpenAPIV3 } from 'openapi-types';
import type { DialectAdapter } from '../../dialects/types';
import type { IndexedRouter } from './indexedRouter';

/** In the order servers list them in `Allow` (DRF's http_method_names). */
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

export type Operation = OpenAPIV3.OperationObject & { operationId?: string; path: string; method: string };

/** Where a request lands in one adapter's spec, before anything else is looked at. */
export type Routed =
  | { kind: 'operation'; operation: Operation; specPath: string }
  | { kind: 'wrong_method'; specPath: string; operations: Operation[] }
  | { kind: 'not_found' }
  /** The path's percent-encoding cannot be decoded, so no parameter can be read from it. */
  | { kind: 'bad_path' };

/**
 * Routes a request in one adapter: the adapter's canonical path for this method (its own URL rules),
 * then the spec's routes. HEAD is routed as GET, as every real server here does.
 */
export function route(adapter: DialectAdapter, router: IndexedRouter, method: string, rawPath: string): Routed {
  const specPath = adapter.canonicalPath ? adapter.canonicalPath(method, rawPath) : rawPath;
  if (specPath === undefined) return { kind: 'not_found' };
  try {
    decodeURIComponent(specPath);
  } catch {
    return { kind: 'bad_path' };
  }
  const routedMethod = method === 'HEAD' ? 'GET' : method;
  const operation = router.matchOperation({ method: routedMethod, path: specPath, headers: {} }) as Operation | undefined;
  if (operation) return { kind: 'operation', operation, specPath };
  const operations = METHODS
    .map((m) => router.matchOperation({ method: m, path: specPath, headers: {} }) as Operation | undefined)
    .filter((op): op is Operation => !!op);
  return operations.length ? { kind: 'wrong_method', specPath, operations } : { kind: 'not_found' };
}

/** How an operation (or any of a path's operations) wants its caller authenticated. */
export function authNeed(operations: Operation[], definition: OpenAPIV3.Document, schemeName: string): 'required' | 'optional' | 'none' {
  const needs = operations.map((op) => {
    const requirements = op.security ?? definition.security ?? [];
    const withScheme = requirements.some((r) => schemeName in r);
    if (!withScheme) return 'none';
    return requirements.some((r) => Object.keys(r).length === 0) ? 'optional' : 'required';
  });
  return needs.includes('required') ? 'required' : needs.includes('optional') ? 'optional' : 'none';
}
