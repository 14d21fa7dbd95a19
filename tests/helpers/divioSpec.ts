import addFormats from 'ajv-formats';
import { OpenAPIBackend } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';
import { loadSpec } from '../../src/http/mountDialect';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export type SpecOperation = OpenAPIV3.OperationObject & { operationId: string };
export interface RoutedOperation { operationId: string; method: string; path: string; operation: SpecOperation }

/**
 * specs/divio.yaml initialised as mountDialect initialises a dialect's spec, but with openapi-backend's full
 * definition check (mountDialect starts in quick mode, which skips it). Answers the dereferenced document.
 */
export async function loadDivioSpec(): Promise<OpenAPIV3.Document> {
  const api = new OpenAPIBackend({
    definition: loadSpec({ spec: 'divio.yaml' }),
    apiRoot: '/',
    strict: true,
    validate: true,
    quick: false,
    ignoreTrailingSlashes: true,
    ajvOpts: { strict: false, allErrors: true },
    customizeAjv: (ajv) => addFormats(ajv),
  });
  await api.init();
  return api.definition as OpenAPIV3.Document;
}

/** Every operation of a dereferenced document, in document order. */
export function operationsOf(document: OpenAPIV3.Document): RoutedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) => METHODS.flatMap((method) => {
    const operation = item?.[method] as SpecOperation | undefined;
    return operation ? [{ operationId: operation.operationId, method, path, operation }] : [];
  }));
}
