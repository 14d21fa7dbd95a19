import http from 'node:http';
import request from 'supertest';
import type { DialectRequest, OperationHandler, Problem } from '../../../dialects/types';
import { ADMIN_TOKEN, noSpecViolations, startTestEmulator, stateOf, type TestEmulator } from '../../helpers/emulator';
import { testAdapter } from '../../helpers/testAdapter';

const AUTH = `token ${ADMIN_TOKEN}`;
const seen: DialectRequest[] = [];
let streamClosed: () => void = () => undefined;

const echo: OperationHandler = (req) => {
  seen.push(req);
  return { status: 200, body: { body: req.body, query: req.query } };
};

const handlers: Record<string, OperationHandler> = {
  echo,
  upload: (req) => ({ status: 200, body: { message: (req.body as { message?: string }).message, files: req.files.map((f) => ({ field: f.field, name: f.filename, size: f.data.length })) } }),
  stream: (req) => (seen.push(req), {
    status: 200,
    contentType: 'application/x-json-stream',
    stream: async function* lines(signal) {
      try {
        for (let i = 1; req.query.follow === '1' || i <= Number(req.query.lines ?? 3); i++) {
          yield `${JSON.stringify({ Message: `line ${i}` })}\n`;
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (signal.aborted) return;
        }
      } finally {
        streamClosed();
      }
    },
  }),
  badstream: () => ({
    status: 200, contentType: 'application/x-json-stream',
    stream: async function* lines() {
      yield '{"Message":"fine"}\n';
      yield 'not json\n';
    },
  }),
  failingStream: () => ({
    status: 200, contentType: 'application/x-json-stream',
    stream: async function* lines() {
      yield '{"Message":"deploying"}\n';
      throw new Error('the build broke');
    },
  }),
  keysThenFail: (req, core) => {
    core.keys.add(req.principal!, 'doomed', 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 doomed@example.com');
    throw new Error('the second half of the operation failed');
  },
  teamV14: (req) => ({ status: 200, body: { version: '1.4', team: req.params.team } }),
  teamV10: (req) => ({ status: 200, body: { version: '1.0', team: req.params.team } }),
};

/** Tsuru's unversioned /teams/{t}: 1.0 for DELETE, 1.4 for GET; `/explode` stands for a bug in an adapter's URL rules. */
const canonicalPath = (method: string, path: string) => {
  if (path === '/explode') throw new Error('a bug in the URL rules');
  return method === 'DELETE' && /^\/teams\/[^/]+$/.test(path) ? `/1.0${path}` : path;
};

let emu: TestEmulator;
beforeAll(async () => {
  const streamError = (problem: Problem) => `${JSON.stringify({ Message: '', Error: problem.kind === 'internal' ? problem.detail : problem.kind })}\n`;
  emu = await startTestEmulator({ adapters: [testAdapter({ handlers, canonicalPath, streamError })] });
});
afterAll(() => emu.close());
beforeEach(() => {
  seen.length = 0;
});
const api = () => request(emu.urls.tsuru!);

test('a Go-style form becomes the schema\'s object: indexed lists, any-case keys, numbers, "" for false, repeats', async () => {
  const form = 'envs.0.name=FOO&Envs.0.Value=bar&Envs.1.Name=BAZ&Envs.1.Value=qux&noRestart=&units=3&tag=a&tag=b&NAME=first&name=second';
  const res = await api().post('/echo').set('Authorization', AUTH).type('form').send(form).expect(200);
  expect(res.body.body).toEqual({
    Envs: [{ Name: 'FOO', Value: 'bar' }, { Name: 'BAZ', Value: 'qux' }],
    NoRestart: false, Units: 3, tag: ['a', 'b'], name: 'first',
  });
});

test('JSON and forms alike where the server takes both; a body without a media type is read as a form', async () => {
  await api().post('/echo').set('Authorization', AUTH).send({ Units: 2 }).expect(200, { body: { Units: 2 }, query: {} });
  const res = await api().post('/echo').set('Authorization', AUTH).set('Content-Type', 'text/plain').send('Units=4').expect(200);
  expect(res.body.body).toEqual({ Units: 4 });
});

test('keys that clients send are data, never inherited properties', async () => {
  await api().post('/echo').set('Authorization', AUTH).set('Content-Type', 'application/json')
    .send('{"constructor": 2, "__proto__": {"polluted": true}}').expect(200);
  const body = seen[0].body as Record<string, unknown>;
  expect(Object.getPrototypeOf(body)).toBeNull();
  expect(Object.keys(body)).toEqual(['constructor', '__proto__']);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  await api().post('/echo').set('Authorization', AUTH).type('form').send('constructor=1&__proto__=2').expect(200);
  expect(Object.keys(seen[1].body as object)).toEqual(['constructor', '__proto__']);
});

test('undeclared query parameters are ignored; a value the schema refuses is a validation error', async () => {
  await api().get('/stream?lines=1&log_lines=3&whatever=x').set('Authorization', AUTH).expect(200);
  const res = await api().get('/stream?lines=many').set('Authorization', AUTH).expect(400);
  expect(res.body.problem).toBe('validation');
});

test('path parameters arrive decoded, query values as sent: validation checks numbers on a copy', async () => {
  await api().get('/teams/a%20team').set('Authorization', AUTH).expect(200, { version: '1.4', team: 'a team' });
  const lines = await api().get('/stream?lines=2').set('Authorization', AUTH).buffer(true).parse((res, done) => {
    let text = '';
    res.on('data', (chunk: Buffer) => { text += chunk.toString(); }).on('end', () => done(null, text));
  }).expect(200);
  expect(lines.body).toBe('{"Message":"line 1"}\n{"Message":"line 2"}\n');
  expect(seen.at(-1)!.query).toEqual({ lines: '2' });
});

test('an error thrown while routing is the dialect\'s 500 (a port has no express router to catch it), and the port serves on', async () => {
  const res = await api().get('/explode').set('Authorization', AUTH).expect(500);
  expect(res.body).toMatchObject({ problem: 'internal' });
  await api().get('/teams/a-team').set('Authorization', AUTH).expect(200, { version: '1.4', team: 'a-team' });
});

test('a whole reply carries its length, as the real servers send it, rather than chunked framing', async () => {
  const res = await api().post('/echo').set('Authorization', AUTH).send({ Units: 2 }).expect(200);
  expect(res.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(res.body))));
  expect(res.headers['transfer-encoding']).toBeUndefined();
});

test('multipart files reach the handler as files, held to the operation\'s own limit', async () => {
  const archive = Buffer.alloc(40 * 1024, 7);
  const res = await api().post('/upload').set('Authorization', AUTH).field('message', 'deploy').attach('file', archive, 'app.tar.gz').expect(200);
  expect(res.body).toEqual({ message: 'deploy', files: [{ field: 'file', name: 'app.tar.gz', size: 40 * 1024 }] });
  const big = await api().post('/upload').set('Authorization', AUTH).attach('file', Buffer.alloc(80 * 1024), 'big.tar.gz').expect(413);
  expect(big.body).toEqual({ problem: 'body_too_large', limit: 64 * 1024 });
});

test('a truncated multipart body is a malformed body, not a crash', async () => {
  const res = await api().post('/upload').set('Authorization', AUTH).set('Content-Type', 'multipart/form-data; boundary=XX')
    .send('--XX\r\nContent-Disposition: form-data; name="message"\r\n\r\nabc').expect(400);
  expect(res.body.problem).toBe('malformed_body');
});

test('a streamed reply arrives chunk by chunk, as it is produced', async () => {
  const { chunks, headers } = await new Promise<{ chunks: string[]; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    http.get(`${emu.urls.tsuru}/stream?lines=3`, { headers: { Authorization: AUTH } }, (res) => {
      const got: string[] = [];
      res.setEncoding('utf8').on('data', (chunk: string) => got.push(chunk)).on('end', () => resolve({ chunks: got, headers: res.headers }));
    }).on('error', reject);
  });
  expect(headers['content-type']).toBe('application/x-json-stream');
  expect(chunks).toEqual(['{"Message":"line 1"}\n', '{"Message":"line 2"}\n', '{"Message":"line 3"}\n']);
});

test('a followed stream stops producing when the client goes away', async () => {
  const closed = new Promise<void>((resolve) => {
    streamClosed = resolve;
  });
  await new Promise<void>((resolve, reject) => {
    const req = http.get(`${emu.urls.tsuru}/stream?follow=1`, { headers: { Authorization: AUTH } }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
  });
  await closed;
});

test('strict mode checks a stream\'s framing and reports a bad line in a trailer', async () => {
  const res = await api().get('/badstream').set('Authorization', AUTH).buffer(true).parse((r, done) => {
    let text = '';
    r.on('data', (c: Buffer) => { text += c.toString(); }).on('end', () => done(null, { text, trailers: (r as unknown as http.IncomingMessage).trailers }));
  });
  expect(res.status).toBe(200);
  const { text, trailers } = res.body as { text: string; trailers: Record<string, string> };
  expect(text).toBe('{"Message":"fine"}\nnot json\n');
  expect(JSON.parse(trailers['x-polypaas-violations'])).toEqual(['stream line 2 is not JSON']);
  expect(() => noSpecViolations(res)).toThrow(/stream line 2 is not JSON/);
});

test('a stream that fails after it began ends with the dialect\'s error framing', async () => {
  const res = await api().get('/failing-stream').set('Authorization', AUTH).buffer(true).parse((r, done) => {
    let text = '';
    r.on('data', (c: Buffer) => { text += c.toString(); }).on('end', () => done(null, text));
  }).expect(200).expect(noSpecViolations);
  expect(res.body).toBe('{"Message":"deploying"}\n{"Message":"","Error":"the build broke"}\n');
});

test('a body on an operation that declares none is ignored (divio-cli sends {} on GETs)', async () => {
  await api().get('/stream?lines=1').set('Authorization', AUTH).set('Content-Type', 'application/json').send('{not even json').expect(200);
});

test('one transaction around the handler: a handler that writes and then throws leaves no row', async () => {
  const before = await stateOf(emu);
  await api().post('/keys-then-fail').set('Authorization', AUTH).expect(500);
  expect(await stateOf(emu)).toEqual(before);
});

test('path canonicalisation knows the method', async () => {
  await api().get('/teams/ops').set('Authorization', AUTH).expect(200, { version: '1.4', team: 'ops' });
  await api().delete('/teams/ops').set('Authorization', AUTH).expect(200, { version: '1.0', team: 'ops' });
});

test('the rules decide the order: auth before the body here, so a bad body without credentials is a 401', async () => {
  const res = await api().post('/echo').set('Content-Type', 'application/json').send('{"broken').expect(401);
  expect(res.body.problem).toBe('unauthenticated');
});

test('an unusable Host header and a 100 KB URL get the dialect\'s errors', async () => {
  const host = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    http.get(`${emu.urls.tsuru}/stream`, { headers: { Authorization: AUTH, Host: 'x:99999' } }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; }).on('end', () => resolve({ status: res.statusCode!, body }));
    }).on('error', reject);
  });
  expect(host).toEqual({ status: 400, body: '{"problem":"bad_request"}' });
  const long = await api().get(`/teams/${'a'.repeat(100_000)}`).set('Authorization', AUTH).expect(414);
  expect(long.body.problem).toBe('uri_too_long');
});
