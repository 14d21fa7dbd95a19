import type { OpenAPIV3 } from 'openapi-types';
import { loadSpec } from '../../src/http/problems';

/**
 * The tsuru server registers every route twice: at `/{version}/path` and at plain `/path` (its
 * `x-polypaas-unversioned` alias in the spec). A versioned path must carry the route's own version
 * exactly (`/1.13/apps` is a 404), so it goes to the spec router as it is; a plain one is mapped here
 * onto the versioned path of the operation with that alias and method. Literal segments win over
 * parameters (`/services/instances` is not the service named "instances"), as in gorilla/mux's order.
 */
interface Alias {
  method: string;
  pattern: RegExp;
  versioned: string;
  literalLength: number;
}

const VERSIONED = /^\/\d+\.\d+(\/|$)/;
const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

function aliases(spec: OpenAPIV3.Document): Alias[] {
  const out: Alias[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item?.[method] as (OpenAPIV3.OperationObject & { 'x-polypaas-unversioned'?: string }) | undefined;
      const alias = op?.['x-polypaas-unversioned'];
      if (!alias) continue;
      const literal = alias.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      out.push({ method, pattern: new RegExp(`^${literal.join('([^/]+)')}$`), versioned: path, literalLength: alias.replace(/\{.*?\}/g, '').length });
    }
  }
  return out.sort((a, b) => b.literalLength - a.literalLength);
}

let table: Alias[] | undefined;

export function tsuruCanonicalPath(method: string, path: string): string | undefined {
  if (VERSIONED.test(path)) return path;
  table ??= aliases(loadSpec({ spec: 'tsuru.yaml' }));
  const wanted = (method === 'HEAD' ? 'get' : method.toLowerCase());
  for (const alias of table) {
    if (alias.method !== wanted) continue;
    const match = alias.pattern.exec(path);
    if (!match) continue;
    let i = 1;
    return alias.versioned.replace(/\{[^}]+\}/g, () => match[i++]);
  }
  return undefined;
}
