import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import type { Core } from '../src/core/core';
import type { CoreError } from '../src/core/errors';
import type { Principal } from '../src/core/model';
import type { PayloadRenderer } from '../src/webhooks/dispatcher';
import type { MessageCatalogue } from './catalogue';

export type DialectName = 'tsuru' | 'divio' | 'deis' | 'medstack';

/** What a handler returns; the pipeline validates it (strict mode), decorates it and writes it. */
export interface Reply {
  status: number;
  /** A JSON value (serialised for JSON content types) or the exact text of a text response. */
  body?: unknown;
  /** Defaults to application/json when there is a body. */
  contentType?: string;
  headers?: Record<string, string>;
}

/** A routed, validated request as a handler sees it. */
export interface DialectRequest {
  operationId: string;
  method: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The authenticated caller; set on every operation that declares security. */
  principal?: Principal;
  /** The absolute URL the client used, including any gateway prefix: pagination links are built from it. */
  url: URL;
}

export type OperationHandler = (req: DialectRequest, core: Core) => Reply;

/** One validation failure of a request, located in core-neutral terms. */
export interface FieldProblem {
  location: 'body' | 'query' | 'path' | 'header';
  /** The top-level field (body property or parameter name), when the failure is about one. */
  field?: string;
  /** The full dotted path of the value at fault, e.g. "secrets.0.name" (empty for the whole body). */
  path: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

/** Everything that can go wrong before or inside a handler; each dialect renders all of them. */
export type Problem =
  | { kind: 'route_not_found'; method: string; path: string }
  | { kind: 'method_not_allowed'; method: string; allowed: string[] }
  | { kind: 'unauthenticated'; reason: 'missing' | 'invalid' | 'malformed'; detail?: string }
  | { kind: 'validation'; problems: FieldProblem[] }
  | { kind: 'malformed_body'; detail: string }
  | { kind: 'unsupported_media_type'; contentType: string }
  | { kind: 'body_too_large'; limit: number }
  | { kind: 'core'; error: CoreError }
  | { kind: 'internal'; detail: string };

export type ErrorRenderer = (problem: Problem) => Reply;

/** Carries a Problem through express' error path (e.g. from a dialect's body parser). */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.kind);
  }
}

/** Thrown by an AuthScheme when a credential is missing or not accepted. */
export class AuthProblem extends Error {
  constructor(readonly reason: 'missing' | 'invalid' | 'malformed', readonly detail?: string) {
    super(detail ?? reason);
  }
}

/** Parses the dialect's credential from the request headers and resolves it to a principal, or throws AuthProblem. */
export interface AuthScheme {
  /** The securitySchemes name in the dialect's spec this scheme answers for. */
  schemeName: string;
  authenticate(headers: IncomingHttpHeaders, core: Core): Principal;
}

export interface DialectAdapter {
  name: DialectName;
  /** File name under specs/. */
  spec: string;
  /** Where the spec's paths are rooted on the dialect's own port (and below its gateway prefix). */
  apiRoot: string;
  /** The body parsers this dialect's server has, each held to `limit` bytes. */
  bodyParsers(limit: number): RequestHandler[];
  auth: AuthScheme;
  errors: ErrorRenderer;
  /** How this dialect words every core error (data); `errors` renders with it. */
  messages: MessageCatalogue;
  handlers: Record<string, OperationHandler>;
  /** Runs before routing; a reply ends the request there (e.g. Deis' client version check). */
  preflight?(headers: IncomingHttpHeaders): Reply | undefined;
  /**
   * Maps the request path onto the spec's path where the real router matches differently than
   * OpenAPI templates do (prefix matches, required slashes); undefined means no route matches.
   */
  canonicalPath?(path: string): string | undefined;
  /**
   * Adds the dialect's own headers to every reply, errors included; the request's headers let a
   * dialect that serves several API versions answer as the one the client announced.
   */
  decorate?(reply: Reply, requestHeaders: IncomingHttpHeaders): Reply;
  /** The body of a webhook delivery for a core event, where this dialect owns outgoing webhooks. */
  webhookPayload?: PayloadRenderer;
}
