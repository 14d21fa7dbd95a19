import type { Request } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import type { OpenAPIV3 } from 'openapi-types';
import { ProblemError, type DialectRequest, type UploadedFile } from '../../dialects/types';
import type { Principal } from '../core/model';
import type { Operation } from './routing';

/** What a handler receives: the request as its operation reads it, with the URL built on first use. */
export class HandlerRequest implements DialectRequest {
  readonly operationId: string;
  readonly method: string;
  readonly params: Record<string, string>;
  readonly query: Record<string, unknown>;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly files: UploadedFile[];
  readonly principal?: Principal;

  constructor(fields: Omit<DialectRequest, 'url'>, private readonly urlOf: () => URL) {
    this.operationId = fields.operationId;
    this.method = fields.method;
    this.params = fields.params;
    this.query = fields.query;
    this.headers = fields.headers;
    this.body = fields.body;
    this.files = fields.files;
    this.principal = fields.principal;
  }

  get url(): URL {
    return this.urlOf();
  }
}

/** Host headers that formed a URL: a client sends the same one on every request. */
const usableHosts = new Set<string>();
const USABLE_HOSTS_KEPT = 256;

/**
 * The absolute URL the client used, built when a handler first asks (most never do). A Host header
 * that cannot form one is the client's error, found before anything else runs.
 */
export function requestUrl(req: Request): () => URL {
  const host = req.headers.host ?? 'localhost';
  const invalid = () => new ProblemError({ kind: 'bad_request', detail: `Invalid Host header: ${host}` });
  const base = `${req.protocol}://${host}`;
  if (!usableHosts.has(host)) {
    if (!URL.canParse(base)) throw invalid();
    if (usableHosts.size >= USABLE_HOSTS_KEPT) usableHosts.clear();
    usableHosts.add(host);
  }
  let url: URL | undefined;
  return () => {
    if (url) return url;
    try {
      return url = new URL(req.originalUrl, base);
    } catch {
      throw invalid();
    }
  };
}

/** The query parameters an operation declares, by operation. */
const declaredQueries = new WeakMap<Operation, Set<string>>();
export function declaredQuery(operation: Operation): Set<string> {
  let names = declaredQueries.get(operation);
  if (!names) {
    names = new Set((operation.parameters as OpenAPIV3.ParameterObject[] | undefined ?? []).filter((p) => p.in === 'query').map((p) => p.name));
    declaredQueries.set(operation, names);
  }
  return names;
}
