import type { Request, RequestHandler, Response } from 'express';
import type { DialectAdapter } from '../../dialects/types';
import { DialectPipeline, type PipelineOptions } from './dialectPipeline';
import type { RequestJournal } from './journal';
import { toProblem } from './problems';
import type { Routed } from './routing';

export { VIOLATIONS_HEADER, BODY_LIMIT_EXTENSION } from './dialectPipeline';
export { loadSpec, toProblem } from './problems';

export interface MountOptions extends PipelineOptions {
  journal: RequestJournal;
}

/**
 * The longest request target served; a longer one is the dialect's 414. The servers accept headers
 * up to SERVER_HEADER_LIMIT, so such a URL reaches the pipeline instead of Node's bare 431.
 */
export const MAX_URL_LENGTH = 64 * 1024;
export const SERVER_HEADER_LIMIT = 1024 * 1024;

/**
 * The request handling of one port: one or more adapters (e.g. a dialect's current API and its old
 * one on the same paths). The first adapter that takes the request and has a route for it answers;
 * when none has, the first adapter answers not-found in its own format. Mount it on the dialect's
 * own port and under its gateway prefix alike.
 */
export async function mountDialect(adapters: DialectAdapter | DialectAdapter[], opts: MountOptions): Promise<RequestHandler> {
  const list = Array.isArray(adapters) ? adapters : [adapters];
  if (!list.length) throw new Error('a port needs at least one adapter');
  const pipelines = await Promise.all(list.map((adapter) => DialectPipeline.create(adapter, opts)));

  return (req: Request, res: Response) => {
    journal(req, res, opts.journal, list[0].variant ?? list[0].name);
    if (req.originalUrl.length > MAX_URL_LENGTH) {
      return pipelines[0].fail(res, { kind: 'uri_too_long', limit: MAX_URL_LENGTH });
    }
    const { pipeline, routed } = select(pipelines, req);
    pipeline.handle(req, res, routed).catch((error: unknown) => {
      if (res.headersSent) res.end();
      else pipeline.fail(res, toProblem(error));
    });
  };
}

function select(pipelines: DialectPipeline[], req: Request): { pipeline: DialectPipeline; routed: Routed } {
  if (pipelines.length === 1 && !pipelines[0].adapter.accepts) return { pipeline: pipelines[0], routed: pipelines[0].route(req.method, req.path) };
  const incoming = { method: req.method, path: req.path, headers: req.headers };
  const candidates = pipelines.filter((p) => p.adapter.accepts?.(incoming) ?? true);
  for (const pipeline of candidates) {
    const routed = pipeline.route(req.method, req.path);
    if (routed.kind !== 'not_found') return { pipeline, routed };
  }
  return { pipeline: candidates[0] ?? pipelines[0], routed: { kind: 'not_found' } };
}

function journal(req: Request, res: Response, journal: RequestJournal, fallbackName: string): void {
  const started = process.hrtime.bigint();
  // 'close', not 'finish': a stream the client walked away from is journaled too.
  res.on('close', () => journal.add({
    at: Date.now(), dialect: res.locals.variant ?? fallbackName, method: req.method, path: req.originalUrl,
    operationId: res.locals.operationId ?? null, status: res.statusCode,
    durationMs: Number(process.hrtime.bigint() - started) / 1e6,
  }));
}
