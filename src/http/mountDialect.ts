import { readFileSync } from 'node:fs';
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { OpenAPIBackend, type Context } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';
import YAML from 'yaml';
import addFormats from 'ajv-formats';
import type { Core } from '../core/core';
import { CoreError } from '../core/errors';
import { fromRoot } from '../store/paths';
import { AuthProblem, ProblemError, type DialectAdapter, type DialectRequest, type FieldProblem, type Problem, type Reply } from '../../dialects/types';
import type { RequestJournal } from './journal';
import { writeReply } from './reply';
import { IndexedRouter } from './indexedRouter';
import { ResponseChecker } from './strict';

export interface MountOptions {
  core: Core;
  journal: RequestJournal;
  /** Validate every reply of a routed operation against the spec; a violation becomes a 500. */
  strict: boolean;
  /** The largest request body accepted, in bytes. */
  bodyLimit: number;
}

/** The routed operation, typed as the OpenAPI 3.0 object our specs are. */
const operationOf = (c: Context) => c.operation as unknown as OpenAPIV3.OperationObject;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export const VIOLATIONS_HEADER = 'X-Polypaas-Violations';

export function loadSpec(adapter: Pick<DialectAdapter, 'spec'>): OpenAPIV3.Document {
  return YAML.parse(readFileSync(fromRoot('specs', adapter.spec), 'utf8')) as OpenAPIV3.Document;
}

/**
 * The request pipeline of one dialect, as an express router that can be mounted on the dialect's own
 * port and under its gateway prefix alike: journal → preflight → body parsers → routing, auth and
 * validation (openapi-backend) → handler → decoration and strict checking → write. Every failure on
 * the way is a Problem that the dialect's own error renderer turns into its status and body.
 */
export async function mountDialect(adapter: DialectAdapter, opts: MountOptions): Promise<Router> {
  const api = new OpenAPIBackend({
    definition: loadSpec(adapter),
    apiRoot: adapter.apiRoot,
    strict: true,
    quick: true,
    ignoreTrailingSlashes: true,
    ajvOpts: { strict: false, allErrors: true },
    customizeAjv: (ajv) => addFormats(ajv),
  });
  const checker = new ResponseChecker();

  const finish = (res: Response, reply: Reply, operation?: OpenAPIV3.OperationObject) => {
    let out = adapter.decorate ? adapter.decorate(reply, res.req.headers) : reply;
    if (opts.strict && operation) {
      const violations = checker.violations(operation, out);
      if (violations.length) {
        const failure = adapter.errors({ kind: 'internal', detail: `response violates ${adapter.spec}: ${violations.join('; ')}` });
        out = { ...failure, headers: { ...failure.headers, [VIOLATIONS_HEADER]: JSON.stringify(violations) } };
        out = adapter.decorate ? adapter.decorate(out, res.req.headers) : out;
      }
    }
    res.locals.operationId = operation?.operationId ?? null;
    writeReply(res, out);
  };
  const fail = (res: Response, problem: Problem, operation?: OpenAPIV3.OperationObject) => finish(res, adapter.errors(problem), operation);

  /** The methods the spec has for a path, and whether any of them needs a credential. */
  const methodsFor = (path: string) => {
    const found = METHODS.map((method) => api.router.matchOperation({ method, path, headers: {} }))
      .filter((op): op is NonNullable<typeof op> => !!op);
    return { allowed: found.map((op) => op.method.toUpperCase()), secured: found.some((op) => (op.security ?? []).length > 0) };
  };

  api.register({
    notFound: (c: Context, req: Request, res: Response) => fail(res, { kind: 'route_not_found', method: req.method, path: c.request.path }),
    methodNotAllowed: (c: Context, req: Request, res: Response) => {
      const { allowed, secured } = methodsFor(c.request.path);
      if (secured) {
        try {
          adapter.auth.authenticate(req.headers, opts.core);
        } catch (error) {
          return fail(res, toProblem(error));
        }
      }
      fail(res, { kind: 'method_not_allowed', method: req.method, allowed });
    },
    unauthorizedHandler: (c: Context, _req: Request, res: Response) => {
      const result = c.security[adapter.auth.schemeName] as { error?: unknown } | undefined;
      fail(res, toProblem(result?.error ?? new AuthProblem('missing')), operationOf(c));
    },
    validationFail: (c: Context, _req: Request, res: Response) =>
      fail(res, { kind: 'validation', problems: (c.validation.errors ?? []).map(toFieldProblem) }, operationOf(c)),
    notImplemented: (c: Context, _req: Request, res: Response) =>
      fail(res, { kind: 'internal', detail: `${c.operation.operationId} has no handler` }, operationOf(c)),
  });
  api.registerSecurityHandler(adapter.auth.schemeName, (_c: Context, req: Request) => adapter.auth.authenticate(req.headers, opts.core));
  for (const [operationId, handler] of Object.entries(adapter.handlers)) {
    api.register(operationId, (c: Context, req: Request, res: Response) => {
      const request: DialectRequest = {
        operationId,
        method: req.method,
        params: c.request.params as Record<string, string>,
        query: c.request.query as Record<string, unknown>,
        headers: req.headers,
        body: req.body,
        principal: c.security?.[adapter.auth.schemeName],
        url: new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`),
      };
      let reply: Reply;
      try {
        reply = handler(request, opts.core);
      } catch (error) {
        reply = adapter.errors(toProblem(error));
      }
      finish(res, reply, operationOf(c));
    });
  }
  await api.init();
  const router = new IndexedRouter({ definition: api.definition as OpenAPIV3.Document, apiRoot: api.apiRoot, ignoreTrailingSlashes: true });
  api.router = router as unknown as typeof api.router;
  api.validator.router = api.router;

  const pipeline = express.Router();
  pipeline.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => opts.journal.add({
      time: new Date().toISOString(), dialect: adapter.name, method: req.method, path: req.originalUrl,
      operationId: res.locals.operationId ?? null, status: res.statusCode,
      durationMs: Number(process.hrtime.bigint() - started) / 1e6,
    }));
    const early = adapter.preflight?.(req.headers);
    if (early) return finish(res, early);
    next();
  });
  pipeline.use(...adapter.bodyParsers(opts.bodyLimit));
  pipeline.use((req, res) => {
    const path = adapter.canonicalPath ? adapter.canonicalPath(req.path) : req.path;
    if (path === undefined) return fail(res, { kind: 'route_not_found', method: req.method, path: req.path });
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    return api.handleRequest({ method, path, query: req.query as Record<string, string>, headers: req.headers as Record<string, string>, body: req.body }, req, res);
  });
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    if (res.headersSent) return res.end();
    const problem = toProblem(error);
    fail(res, problem.kind === 'body_too_large' ? { ...problem, limit: opts.bodyLimit } : problem);
  };
  pipeline.use(onError);
  return pipeline;
}

/** Classifies anything thrown on the way into the Problem a dialect renders. */
export function toProblem(error: unknown): Problem {
  if (error instanceof CoreError) return { kind: 'core', error };
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof AuthProblem) return { kind: 'unauthenticated', reason: error.reason, detail: error.detail };
  const e = error as { type?: string; code?: string; message?: string; status?: number };
  if (e?.type === 'entity.too.large' || e?.code === 'LIMIT_FIELD_VALUE' || e?.code === 'LIMIT_FILE_SIZE') {
    return { kind: 'body_too_large', limit: 0 };
  }
  if (e?.type === 'entity.parse.failed' || (e?.code ?? '').startsWith('LIMIT_') || e?.message?.startsWith('Multipart')) {
    return { kind: 'malformed_body', detail: e.message ?? 'malformed body' };
  }
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return { kind: 'unsupported_media_type', contentType: e.message ?? '' };
  }
  if (e?.type === 'request.aborted' || e?.status === 400) return { kind: 'malformed_body', detail: e.message ?? 'bad request' };
  return { kind: 'internal', detail: error instanceof Error ? error.message : String(error) };
}

/** openapi-backend reports ajv errors against a combined {path, query, headers, requestBody} object. */
function toFieldProblem(e: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }): FieldProblem {
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
