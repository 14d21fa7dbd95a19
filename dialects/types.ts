import type { IncomingHttpHeaders } from 'node:http';
import type { OpenAPIV3 } from 'openapi-types';
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
  /**
   * A reply written as the work happens: the status and headers go out first, then each chunk as the
   * producer yields it. The producer runs after the handler's transaction has committed; `signal`
   * aborts when the client goes away, and the pipeline stops asking for chunks then. Exclusive with `body`.
   */
  stream?: (signal: AbortSignal) => AsyncIterable<string | Uint8Array>;
}

/** A file of a multipart body, held in memory (each operation sets how large it may be). */
export interface UploadedFile {
  /** The form field it came in. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** A routed, validated request as a handler sees it. */
export interface DialectRequest {
  operationId: string;
  method: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The body as the operation's schema reads it; objects in it have no prototype, so every key is data. */
  body: unknown;
  /** The files of a multipart body, in the order they came. */
  files: UploadedFile[];
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
  /** A request the HTTP layer cannot take at all: a bad percent-encoding in the path, an unusable Host. */
  | { kind: 'bad_request'; detail: string }
  | { kind: 'uri_too_long'; limit: number }
  /** A write that names a row that does not exist, caught by the store's foreign keys. */
  | { kind: 'invalid_reference'; detail: string }
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

/** The body formats a real server parses, and how it reads a form. */
export interface BodyFormats {
  json: boolean;
  urlencoded: boolean;
  multipart: boolean;
  /**
   * Which body media types the server tries: 'declared' only those the routed operation's spec lists
   * (anything else is a 415), 'any' every format above wherever the spec declares a body.
   */
  accept: 'declared' | 'any';
  /** A body in no format above: 'refuse' it (415) or read it as a urlencoded form (tsuru's Go server). */
  otherTypes: 'refuse' | 'urlencoded';
  /** Form keys match the schema's property names in any case (Go's and tsuru's forms). */
  caseInsensitiveKeys: boolean;
  /** Where the schema wants one value and a form repeats the key: Go's FormValue takes the first, Django the last. */
  repeated: 'first' | 'last';
  /** A body on a method or operation that declares none: 'ignore' it (divio-cli sends `{}` on GETs) or 'parse' it. */
  undeclared: 'ignore' | 'parse';
}

/** The order and rules of a real server's request handling, as options of its adapter. */
export interface PipelineRules {
  /** What runs first once a request is routed: 'auth' (DRF: authenticate, then parse) or 'body'. */
  first: 'auth' | 'body';
  /** A known path with a method it lacks: whether the server authenticates before answering (Deis does). */
  authenticateWrongMethod: boolean;
  /** Whether `/x/` and `/x` are one route. An adapter with its own `canonicalPath` decides slashes there. */
  trailingSlash: 'ignore' | 'exact';
  bodies: BodyFormats;
  /**
   * The answer to OPTIONS on a routed path, after the request passed the server's checks (auth where
   * the path needs it); without it OPTIONS is a method like any other (usually a wrong one).
   */
  options?(allowed: string[], operations: OpenAPIV3.OperationObject[]): Reply;
}

/** The request as an adapter's selector sees it, before any routing. */
export interface IncomingRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface DialectAdapter {
  name: DialectName;
  /** File name under specs/, or the document itself (test adapters). */
  spec: string | OpenAPIV3.Document;
  /** Where the spec's paths are rooted on the dialect's own port (and below its gateway prefix). */
  apiRoot: string;
  /**
   * Names this adapter among several behind one port (e.g. a dialect's old API beside its current one);
   * the journal shows it. Defaults to `name`.
   */
  variant?: string;
  rules: PipelineRules;
  /**
   * Whether this adapter takes a request, where several share a port: the first that takes it and has
   * a route for it answers; when none has, the first adapter answers not-found. Default: takes all.
   */
  accepts?(req: IncomingRequest): boolean;
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
  canonicalPath?(method: string, path: string): string | undefined;
  /**
   * The last chunk of a stream whose producer failed after the status went out (tsuru appends an
   * error line); without it the stream just ends. `core` gives the one clock a timestamped line reads.
   */
  streamError?(problem: Problem, contentType: string, core: Core): string | undefined;
  /**
   * Adds the dialect's own headers to every reply, errors included; the request's headers let a
   * dialect that serves several API versions answer as the one the client announced.
   */
  decorate?(reply: Reply, requestHeaders: IncomingHttpHeaders): Reply;
  /**
   * The body of a webhook delivery for a core event, for the webhooks made through this dialect (their
   * `dialect` is this adapter's name). Called as the event's change commits, so it reads that state.
   */
  webhookPayload?: PayloadRenderer;
}
