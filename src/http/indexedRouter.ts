import { OpenAPIRouter, type Operation, type ParsedRequest, type Request } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';

type Op = Operation<OpenAPIV3.Document>;

/** A path template's parameters read off a concrete path: bath's rule (one segment each, decoded). */
type ParamReader = (path: string) => Record<string, string>;

interface Route {
  operation: Op;
  pattern: RegExp;
  /** Length of the path without its templates: longer literal parts win, as in openapi-backend. */
  specificity: number;
}

/**
 * openapi-backend's router, with its operation list built once and its path templates compiled once.
 * The stock router rebuilds both on every request, which costs more than the rest of a request put
 * together on a spec of two hundred routes. Matching rules are the same: exact paths first, then
 * templates by specificity, then the method (a path match with no method match is a 405).
 */
export class IndexedRouter extends OpenAPIRouter<OpenAPIV3.Document> {
  private operations?: Op[];
  private exact?: Map<string, Op[]>;
  /** Templates by their number of segments (a template parameter is one segment), most specific first. */
  private templates?: Map<number, Route[]>;
  private readonly paramReaders = new Map<string, ParamReader>();
  private rootPrefix?: RegExp;
  private readonly trimsTrailingSlashes: boolean;

  constructor(opts: ConstructorParameters<typeof OpenAPIRouter<OpenAPIV3.Document>>[0]) {
    super(opts);
    this.trimsTrailingSlashes = opts.ignoreTrailingSlashes ?? true;
  }

  override getOperations(): Op[] {
    this.operations ??= super.getOperations();
    return this.operations;
  }

  override matchOperation(req: Request): Op | undefined;
  override matchOperation(req: Request, strict: boolean): Op;
  override matchOperation(req: Request, strict?: boolean): Op | undefined {
    const normalized = this.normalizeRequest(req);
    const miss = (status: '404-notFound' | '405-methodNotAllowed') => {
      if (strict) throw new Error(`${status}: no route matches request`);
      return undefined;
    };
    if (!this.underApiRoot(normalized.path)) return miss('404-notFound');
    const path = this.normalizePath(normalized.path);
    this.index();
    const exactMatch = this.exact!.get(path)?.find((op) => op.method === normalized.method);
    if (exactMatch) return exactMatch;
    const candidates = this.templates!.get(segments(path))?.filter((route) => route.pattern.test(path)) ?? [];
    if (!candidates.length) return miss('404-notFound');
    return candidates.find((route) => route.operation.method === normalized.method)?.operation ?? miss('405-methodNotAllowed');
  }

  /** The stock normalisation, with the API root's pattern compiled once instead of on every call. */
  override normalizePath(pathInput: string): string {
    let path = pathInput.trim();
    if (path.startsWith(this.apiRoot)) {
      this.rootPrefix ??= new RegExp(`^${this.apiRoot}/?`);
      path = path.replace(this.rootPrefix, '/');
    }
    if (this.trimsTrailingSlashes) path = path.replace(/(.)\/+$/, '$1');
    return path;
  }

  /**
   * The stock parse, without what costs most and changes nothing here: the path template compiled once,
   * the query copied shallowly instead of deep-cloned, cookies parsed only when sent. Node lower-cases
   * header names already. Query styles that need the stock parse (`explode: false`, JSON content) and
   * string queries take it.
   */
  override parseRequest(req: Request, operation?: Op): ParsedRequest {
    if (!operation || typeof req.query !== 'object' || req.headers.cookie !== undefined || hasStyledQuery(operation)) {
      return super.parseRequest(req, operation);
    }
    const query = Object.fromEntries(Object.entries(req.query).map(([name, value]) => [name, Array.isArray(value) ? [...value] : value]));
    const { method, path } = this.normalizeRequest(req);
    const params = this.paramReader(operation.path)(this.normalizePath(path));
    // Built field by field: spreading the normalised request into a new object cost four times the rest.
    return { method, path, params, headers: req.headers, query, cookies: {}, body: req.body, requestBody: req.body };
  }

  private paramReader(template: string): ParamReader {
    let reader = this.paramReaders.get(template);
    if (!reader) {
      const names = [...template.matchAll(/\{([A-Za-z0-9_-]+)\}/g)].map((m) => m[1]);
      const pattern = new RegExp(`^${template.replace(/\{[A-Za-z0-9_-]+\}/g, '([^\\/]*)')}$`);
      reader = (path) => {
        const values = path.match(pattern)?.slice(1).map(decodeURIComponent) ?? [];
        return Object.fromEntries(names.map((name, i) => [name, values[i]]).filter(([, value]) => value !== undefined));
      };
      this.paramReaders.set(template, reader);
    }
    return reader;
  }

  private underApiRoot(path: string): boolean {
    const root = this.apiRoot.replace(/\/$/, '');
    return root === '' || path === root || path.startsWith(`${root}/`);
  }

  private index(): void {
    if (this.templates) return;
    this.exact = new Map();
    const routes: Route[] = [];
    for (const operation of this.getOperations()) {
      this.exact.set(operation.path, [...(this.exact.get(operation.path) ?? []), operation]);
      const literal = operation.path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      routes.push({
        operation,
        pattern: new RegExp(`^${literal.join('[^/]+')}$`),
        specificity: operation.path.replace(/\{.*?\}/g, '').length,
      });
    }
    this.templates = new Map();
    for (const route of routes.sort((a, b) => b.specificity - a.specificity)) {
      const size = segments(route.operation.path);
      this.templates.set(size, [...(this.templates.get(size) ?? []), route]);
    }
  }
}

/** How many segments a path has; a template's parameter matches exactly one (`[^/]+`). */
const segments = (path: string) => path.split('/').length;

/** Whether a query parameter of the operation is serialised in a style only the stock parse reads. */
function hasStyledQuery(operation: Op): boolean {
  return (operation.parameters as OpenAPIV3.ParameterObject[] | undefined ?? [])
    .some((p) => p.in === 'query' && (p.explode === false || p.content?.['application/json'] !== undefined));
}
