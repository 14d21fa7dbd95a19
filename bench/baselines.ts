/**
 * The baseline servers of the benchmark, run as a child process: `bare` (node:http alone) or
 * `express` (express with its JSON body parser and a router). Both answer the replies the bench gives
 * them, copied from polypaas' own answers, so every figure compares the same bytes on the wire.
 * The bench sets the replies with `PUT /__bench/replies` (a JSON array of BaselineReply).
 */
import http from 'node:http';
import express from 'express';

export interface BaselineReply {
  method: string;
  /** The concrete path the bench requests, e.g. /v1/apps/bench-app (the bare server matches it exactly). */
  path: string;
  /** The same route as an express pattern, e.g. /v1/apps/:id. */
  pattern: string;
  status: number;
  contentType: string;
  body: string;
}

const CONTROL = '/__bench/replies';

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => resolve(text));
  });
}

function send(res: http.ServerResponse, reply: BaselineReply): void {
  res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

function bareServer(): http.Server {
  let replies = new Map<string, BaselineReply>();
  return http.createServer(async (req, res) => {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'PUT' && path === CONTROL) {
      replies = new Map((JSON.parse(body) as BaselineReply[]).map((r) => [`${r.method} ${r.path}`, r]));
      res.writeHead(204).end();
      return;
    }
    const reply = replies.get(`${req.method} ${path}`);
    if (reply) send(res, reply);
    else res.writeHead(404).end();
  });
}

function expressServer(): http.Server {
  const app = express();
  app.disable('x-powered-by');
  let router = express.Router();
  app.put(CONTROL, express.json({ limit: '512mb' }), (req, res) => {
    const next = express.Router();
    for (const reply of req.body as BaselineReply[]) {
      next[reply.method.toLowerCase() as 'get' | 'post' | 'patch'](reply.pattern, (_req, response) => {
        response.status(reply.status).type(reply.contentType).send(reply.body);
      });
    }
    router = next;
    res.status(204).end();
  });
  app.use(express.json(), (req, res, next) => router(req, res, next));
  return http.createServer(app);
}

const kind = process.argv[2];
const server = kind === 'express' ? expressServer() : kind === 'bare' ? bareServer() : undefined;
if (!server) throw new Error('usage: baselines.js bare|express');
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as { port: number }).port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
