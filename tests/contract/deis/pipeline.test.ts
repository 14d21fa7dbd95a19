import http from 'node:http';
import request from 'supertest';
import { expectUnchanged } from '../../helpers/emulator';
import { deisAs, deisAnonymous, withDeisEmulator } from '../../helpers/deis';

/** Requests that fail outside any operation, and the pipeline's order, as Deis v1.0.1 answers them. */
const emu = withDeisEmulator({ app: 'example-go' });
const raw = () => request(emu.urls.deis!);
const AUTH = 'token polypaas-admin-token';

const unchanged = (send: () => Promise<request.Response>) => expectUnchanged(emu, send);

test('a bad percent-encoding in the path is Django\'s 404 page', async () => {
  for (const path of ['/v1/apps/%/', '/v1/apps/example-go/config/%ZZ', '/v1/keys/%E0%A4%A']) {
    const res = await unchanged(() => raw().get(path).set('Authorization', AUTH));
    expect(res.headers['content-type']).toBe('text/html');
  }
});

test('an unusable Host header is Django\'s 400 page', async () => {
  const res = await new Promise<{ status: number; type?: string; body: string }>((resolve, reject) => {
    http.get(`${emu.urls.deis}/v1/apps/`, { headers: { Authorization: AUTH, Host: 'x:99999' } }, (r) => {
      let body = '';
      r.on('data', (c) => { body += c; }).on('end', () => resolve({ status: r.statusCode!, type: r.headers['content-type'], body }));
    }).on('error', reject);
  });
  expect(res).toEqual({ status: 400, type: 'text/html', body: '<h1>Bad Request (400)</h1>' });
});

test('a truncated multipart body is a 400, and nothing changes', async () => {
  const res = await unchanged(() => raw().post('/v1/apps/').set('Authorization', AUTH).set('Content-Type', 'multipart/form-data; boundary=XX')
    .send('--XX\r\nContent-Disposition: form-data; name="id"\r\n\r\nabc'));
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ detail: 'JSON parse error - Unexpected end of form' });
});

test('body fields named constructor or __proto__ are fields like any other', async () => {
  const ctor = await unchanged(() => deisAs(emu).post('/v1/apps/example-go/scale/').send({ constructor: 'a' }));
  expect(ctor.status).toBe(400);
  expect(Object.keys(ctor.body)).toEqual(['constructor']);
  expect(ctor.body.constructor).toContain('Incorrect type. Expected integer.');
  const proto = await unchanged(() => raw().post('/v1/apps/example-go/scale/').set('Authorization', AUTH)
    .set('Content-Type', 'application/json').send('{"__proto__": "a"}'));
  expect(proto.status).toBe(400);
  expect(proto.text).toMatch(/^\{"__proto__":\["Incorrect type. Expected integer."/);
});

test('a 100 KB URL is a 414 in DRF\'s shape, not Node\'s bare 431', async () => {
  const res = await raw().get(`/v1/apps/${'a'.repeat(100_000)}/`).set('Authorization', AUTH).expect(414);
  expect(res.body.detail).toMatch(/^Request-URI longer than/);
});

test('undeclared query parameters are ignored: deis logs -n 3', async () => {
  await deisAs(emu).get('/v1/apps/example-go/logs?log_lines=3').expect(200).expect('Content-Type', 'text/plain');
});

test('DRF authenticates before it parses the body, and before its 405', async () => {
  await raw().post('/v1/apps/').set('Content-Type', 'application/json').send('{"broken').expect(401);
  await raw().patch('/v1/apps/').expect(401, { detail: 'Authentication credentials were not provided.' });
  await raw().patch('/v1/apps/').set('Authorization', AUTH).expect(405, { detail: 'Method \'PATCH\' not allowed.' })
    .expect('Allow', 'GET, POST, HEAD, OPTIONS');
});

test('OPTIONS is DRF\'s metadata: 200 with Allow, after authentication', async () => {
  await deisAnonymous(emu).options('/v1/apps/').expect(401);
  const list = await deisAs(emu).options('/v1/apps/').expect(200).expect('Allow', 'GET, POST, HEAD, OPTIONS');
  expect(list.body).toEqual({
    name: 'App List', description: '', renders: ['application/json'],
    parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
  });
  // POST on an app is the later controller's apps:transfer (issue 9).
  const one = await deisAs(emu).options('/v1/apps/example-go/').expect(200).expect('Allow', 'GET, POST, DELETE, HEAD, OPTIONS');
  expect(one.body.name).toBe('App Instance');
});

test('forms are read by the routed operation\'s schema: a scale form gives numbers', async () => {
  await deisAs(emu).post('/v1/apps/example-go/builds/').send({ image: 'deis/example-go' }).expect(201);
  await deisAs(emu).post('/v1/apps/example-go/scale/').type('form').send('cmd=2').expect(204);
  const containers = await deisAs(emu).get('/v1/apps/example-go/containers/').expect(200);
  expect(containers.body.count).toBe(2);
});
