import type { IncomingHttpHeaders } from 'node:http';
import type { Request, Response } from 'express';
import { OpenAPIBackend } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';
import addFormats from 'ajv-formats';
import type { Core } from '../core/core';
import { AuthProblem, ProblemError, type DialectAdapter, type DialectRequest, type Problem, type Reply, type UploadedFile } from '../../dialects/types';
import type { Principal } from '../core/model';
import { FORMAT_MEDIA_TYPE, formatOf, hasBody, readBody, type BodyFormat } from './bodyReader';
import { IndexedRouter } from './indexedRouter';
import { formToObject, safeCopy } from './normalise';
import { authNeed, route, type Operation, type Routed } from './routing';
import { isJsonType, mediaType, writeReply } from './reply';
import { declaredQuery, HandlerRequest, requestUrl } from './handlerRequest';
import { requestErrors } from './requestValidation';
import { ResponseChecker } from './strict';
import { writeStream } from './stream';
import { loadSpec, specName, toFieldProblem, toProblem } from './problems';

export const VIOLATIONS_HEADER = 'X-Polypaas-Violations';

/** The body-size limit an operation sets for itself (a deploy archive is far larger than the default). */
export const BODY_LIMIT_EXTENSION = 'x-polypaas-body-limit';

export interface PipelineOptions {
  core: Core;
  /** Validate every reply of a routed operation against the spec; a violation becomes a 500. */
  strict: boolean;
  /** The largest request body accepted where the operation sets no limit of its own, in bytes. */
  bodyLimit: number;
}

/**
 * One adapter's request handling once it has been chosen: routing in its spec, then authentication,
 * body parsing and validation in the order its real server runs them, the handler inside one store
 * transaction, and the reply (decorated, checked in strict mode, written or streamed). Every failure
 * on the way is a Problem the adapter's own renderer turns into its status and body.
 */
export class DialectPipeline {
  private readonly checker = new ResponseChecker();

  private constructor(
    readonly adapter: DialectAdapter,
    private readonly api: OpenAPIBackend,
    private readonly router: IndexedRouter,
    private readonly opts: PipelineOptions,
  ) {}

  static async create(adapter: DialectAdapter, opts: PipelineOptions): Promise<DialectPipeline> {
    const api = new OpenAPIBackend({
      definition: loadSpec(adapter),
      apiRoot: adapter.apiRoot,
      strict: true,
      quick: true,
      ignoreTrailingSlashes: adapter.rules.trailingSlash === 'ignore',
      ajvOpts: { strict: false, allErrors: true },
      customizeAjv: (ajv) => addFormats(ajv),
    });
    await api.init();
    const router = new IndexedRouter({
      definition: api.definition as OpenAPIV3.Document, apiRoot: api.apiRoot, ignoreTrailingSlashes: adapter.rules.trailingSlash === 'ignore',
    });
    api.router = router as unknown as typeof api.router;
    api.validator.router = api.router;
    return new DialectPipeline(adapter, api, router, opts);
  }

  route(method: string, path: string): Routed {
    return route(this.adapter, this.router, method, path);
  }

  /** Answers a request routed (or not) in this adapter's spec. */
  async handle(req: Request, res: Response, routed: Routed): Promise<void> {
    const early = this.adapter.preflight?.(req.headers);
    if (early) return this.finish(res, early);
    switch (routed.kind) {
      case 'not_found':
        return this.fail(res, { kind: 'route_not_found', method: req.method, path: req.path });
      case 'bad_path':
        return this.fail(res, { kind: 'bad_request', detail: 'The path holds a malformed percent-encoding.' });
      case 'wrong_method':
        return this.wrongMethod(req, res, routed.operations);
      case 'operation':
        return this.operation(req, res, routed.operation, routed.specPath);
    }
  }

  fail(res: Response, problem: Problem, operation?: Operation): void {
    this.finish(res, this.adapter.errors(problem), operation);
  }

  private wrongMethod(req: Request, res: Response, operations: Operation[]): void {
    const { rules } = this.adapter;
    const allowed = operations.map((op) => op.method.toUpperCase());
    const isOptions = req.method === 'OPTIONS' && rules.options;
    if (isOptions || rules.authenticateWrongMethod) {
      try {
        this.authenticate(req, operations);
      } catch (error) {
        return this.fail(res, toProblem(error));
      }
    }
    if (isOptions) return this.finish(res, rules.options!(allowed, operations));
    this.fail(res, { kind: 'method_not_allowed', method: req.method, allowed });
  }

  private async operation(req: Request, res: Response, operation: Operation, specPath: string): Promise<void> {
    let request: DialectRequest;
    try {
      const url = requestUrl(req);
      let principal: Principal | undefined;
      let body: { body: unknown; files: UploadedFile[] };
      // A request without a body to read goes on at once, with no wait for a stream that has nothing.
      const noBody = !this.bodyToRead(req, operation);
      if (this.adapter.rules.first === 'auth') {
        principal = this.authenticate(req, [operation]);
        body = noBody ? { body: undefined, files: [] } : await this.readBody(req, operation);
      } else {
        body = noBody ? { body: undefined, files: [] } : await this.readBody(req, operation);
        principal = this.authenticate(req, [operation]);
      }
      request = this.validated(req, operation, specPath, { ...body, principal, url });
    } catch (error) {
      const problem = withLimit(toProblem(error), this.limitFor(operation));
      // Failures of the request as a whole (its body, its Host) are checked against no operation's responses.
      const operationScoped = problem.kind === 'unauthenticated' || problem.kind === 'validation';
      return this.fail(res, problem, operationScoped ? operation : undefined);
    }
    const handler = this.adapter.handlers[operation.operationId!];
    if (!handler) return this.fail(res, { kind: 'internal', detail: `${operation.operationId} has no handler` }, operation);
    let reply: Reply;
    try {
      // One transaction per call: an operation that touches several core services commits or rolls back as one.
      reply = this.opts.core.ctx.store.tx(() => handler(request, this.opts.core));
    } catch (error) {
      reply = this.adapter.errors(toProblem(error));
    }
    return this.finish(res, reply, operation);
  }

  private authenticate(req: Request, operations: Operation[]): Principal | undefined {
    const need = authNeed(operations, this.api.definition as OpenAPIV3.Document, this.adapter.auth.schemeName);
    if (need === 'none') return undefined;
    try {
      return this.adapter.auth.authenticate(req.headers, this.opts.core);
    } catch (error) {
      // An optional credential that is absent leaves the caller anonymous; a wrong one is still refused.
      if (need === 'optional' && error instanceof AuthProblem && error.reason === 'missing') return undefined;
      throw error;
    }
  }

  private limitFor(operation: Operation): number {
    const own = (operation as unknown as Record<string, unknown>)[BODY_LIMIT_EXTENSION];
    return typeof own === 'number' && own > 0 ? own : this.opts.bodyLimit;
  }

  /** Whether the real server would read this request's body at all. */
  private bodyToRead(req: Request, operation: Operation): boolean {
    return hasBody(req) && (!!operation.requestBody || this.adapter.rules.bodies.undeclared !== 'ignore');
  }

  /** Reads the body in a format the real server parses, shaped by the operation's schema. */
  private async readBody(req: Request, operation: Operation): Promise<{ body: unknown; files: UploadedFile[] }> {
    const formats = this.adapter.rules.bodies;
    const requestBody = operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
    const format = formatOf(req, formats);
    const content = requestBody?.content ?? {};
    if (!format || (formats.accept === 'declared' && requestBody && !schemaFor(content, format, false))) {
      throw new ProblemError({ kind: 'unsupported_media_type', contentType: req.headers['content-type'] ?? '' });
    }
    const raw = await readBody(req, format, this.limitFor(operation));
    if (raw.kind === 'none') return { body: undefined, files: [] };
    if (raw.kind === 'json') return { body: safeCopy(raw.value), files: [] };
    return { body: formToObject(raw.fields, schemaFor(content, format, true)?.schema as OpenAPIV3.SchemaObject | undefined, formats), files: raw.files };
  }

  private validated(
    req: Request, operation: Operation, specPath: string,
    rest: { body: unknown; files: UploadedFile[]; principal?: Principal; url: () => URL },
  ): DialectRequest {
    // Every real server here ignores query parameters it does not declare.
    const declared = declaredQuery(operation);
    const query = req.url.includes('?') ? Object.fromEntries(Object.entries(req.query).filter(([name]) => declared.has(name))) : {};
    const request = { method: operation.method, path: specPath, query: query as Record<string, string>, headers: req.headers as Record<string, string>, body: rest.body };
    const parsed = this.router.parseRequest(request, operation as never);
    const errors = requestErrors(this.api.validator, operation as never, parsed);
    if (errors.length) throw new ProblemError({ kind: 'validation', problems: errors.map(toFieldProblem) });
    return new HandlerRequest({
      operationId: operation.operationId!, method: req.method, params: parsed.params as Record<string, string>,
      query: parsed.query as Record<string, unknown>, headers: req.headers, body: rest.body, files: rest.files, principal: rest.principal,
    }, rest.url);
  }

  private finish(res: Response, reply: Reply, operation?: Operation): void {
    let out = this.adapter.decorate ? this.adapter.decorate(reply, res.req.headers) : reply;
    res.locals.operationId = operation?.operationId ?? null;
    res.locals.variant = this.adapter.variant ?? this.adapter.name;
    if (out.stream) {
      const check = this.opts.strict && operation ? this.checker.streamViolations(operation, out) : undefined;
      if (!check?.problems.length) {
        void writeStream(res, out, {
          framing: check?.framing, trailerName: VIOLATIONS_HEADER,
          onError: (error) => this.adapter.streamError?.(toProblem(error), out.contentType ?? '', this.opts.core),
        });
        return;
      }
      out = this.violation(check.problems, res.req.headers);
    } else if (this.opts.strict && operation) {
      const violations = this.checker.violations(operation, out);
      if (violations.length) out = this.violation(violations, res.req.headers);
    }
    writeReply(res, out);
  }

  private violation(violations: string[], requestHeaders: IncomingHttpHeaders): Reply {
    const failure = this.adapter.errors({ kind: 'internal', detail: `response violates ${specName(this.adapter)}: ${violations.join('; ')}` });
    const out = { ...failure, headers: { ...failure.headers, [VIOLATIONS_HEADER]: JSON.stringify(violations) } };
    return this.adapter.decorate ? this.adapter.decorate(out, requestHeaders) : out;
  }
}

/**
 * The operation's body declaration for a wire format; with `fallback`, another of its declarations
 * when it has none for this format (a form sent where the spec says JSON is read by the JSON schema).
 */
function schemaFor(content: Record<string, OpenAPIV3.MediaTypeObject>, format: BodyFormat, fallback: boolean): OpenAPIV3.MediaTypeObject | undefined {
  const own = Object.entries(content).find(([type]) => (format === 'json' ? isJsonType(mediaType(type)) : mediaType(type) === FORMAT_MEDIA_TYPE[format]));
  if (own || !fallback) return own?.[1];
  return content[FORMAT_MEDIA_TYPE.urlencoded] ?? content[FORMAT_MEDIA_TYPE.multipart] ?? Object.values(content)[0];
}

const withLimit = (problem: Problem, limit: number): Problem => (problem.kind === 'body_too_large' ? { ...problem, limit } : problem);
