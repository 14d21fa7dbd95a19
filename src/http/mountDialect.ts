import { IncomingMessage, ServerResponse, type RequestListener, type ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import express, { type Express, type Request, type Response } from 'express';
import type { DialectAdapter } from '../../dialects/types';
import { DialectPipeline, type PipelineOptions } from './dialectPipeline';
import type { RequestJournal } from './journal';
import { toProblem } from './problems';
import type { Routed } from './routing';

export { VIOLATIONS_HEADER, BODY_LIMIT_EXTENSION } from './dialectPipeline';
export { loadSpec, toProblem } from './problems';

/** A port's request handling: it answers every request itself (an express middleware that never calls next). */
export type PortHandler = (req: Request, res: Response) => void;

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
export async function mountDialect(adapters: DialectAdapter | DialectAdapter[], opts: MountOptions): Promise<PortHandler> {
  const list = Array.isArray(adapters) ? adapters : [adapters];
  if (!list.length) throw new Error('a port needs at least one adapter');
  const pipelines = await Promise.all(list.map((adapter) => DialectPipeline.create(adapter, opts)));

  return (req: Request, res: Response) => {
    journal(req, res, opts.journal, list[0].variant ?? list[0].name);
    if (req.originalUrl.length > MAX_URL_LENGTH) {
      return pipelines[0].fail(res, { kind: 'uri_too_long', limit: MAX_URL_LENGTH });
    }
    let chosen = pipelines[0];
    const failed = (error: unknown) => {
      if (res.headersSent) res.end();
      else chosen.fail(res, toProblem(error));
    };
    // Nothing escapes to the server: on a dialect's own port no express router is there to catch it.
    try {
      const { pipeline, routed } = select(pipelines, req);
      chosen = pipeline;
      pipeline.handle(req, res, routed).catch(failed);
    } catch (error) {
      failed(error);
    }
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

/**
 * Server options under which Node builds every request and response with `app`'s request and response
 * as their prototypes. Express's `app.handle` re-prototypes each one (`Object.setPrototypeOf`), which
 * V8 does slowly and which leaves Node's own HTTP code seeing a new shape on every request; built on
 * those prototypes from the start, express's call finds nothing to change. The constructors are plain
 * functions, as Node's are, so that the prototype is `app.request` itself and not a subclass's.
 */
export function onExpressPrototypes(app: Express): ServerOptions {
  function ExpressRequest(this: IncomingMessage, socket: Socket) {
    IncomingMessage.call(this, socket);
  }
  ExpressRequest.prototype = app.request;
  function ExpressResponse(this: ServerResponse, req: IncomingMessage, options?: object) {
    (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: object) => void).call(this, req, options);
  }
  ExpressResponse.prototype = app.response;
  return {
    IncomingMessage: ExpressRequest as unknown as typeof IncomingMessage,
    ServerResponse: ExpressResponse as unknown as typeof ServerResponse,
  };
}

/**
 * A dialect's own port: express's request and response (`req.query`, `req.path`, `req.protocol`,
 * `res.locals`) around the dialect's handler, without express's router. The dialect's indexed router
 * routes every request; express's layer walk, URL parsing and final handler would only add to it.
 */
export function dialectPort(handler: PortHandler): { options: ServerOptions; listener: RequestListener } {
  return {
    options: onExpressPrototypes(express()),
    listener: (incoming, outgoing) => {
      const req = incoming as Request;
      const res = outgoing as Response;
      req.res = res;
      res.locals = Object.create(null) as Response['locals'];
      req.originalUrl = req.url;
      req.baseUrl = '';
      handler(req, res);
    },
  };
}
