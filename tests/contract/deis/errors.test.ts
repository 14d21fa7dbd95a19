import request from 'supertest';
import { expectUnchanged, noSpecViolations } from '../../helpers/emulator';
import { deisAs, withDeisEmulator } from '../../helpers/deis';

const emu = withDeisEmulator({ app: 'example-go', bodyLimit: 4096 });

const raw = () => request(emu.urls.deis!);
const AUTH = 'token polypaas-admin-token';

const unchanged = (send: () => Promise<request.Response>) => expectUnchanged(emu, send);

test('malformed JSON is a 400 with a parse error detail', async () => {
  const res = await unchanged(() => raw().post('/v1/apps/example-go/config/').set('Authorization', AUTH)
    .set('Content-Type', 'application/json').send('{"values": ').expect(noSpecViolations));
  expect(res.status).toBe(400);
  expect(res.body.detail).toMatch(/^JSON parse error - /);
});

test('a body of another media type is a 415', async () => {
  const res = await unchanged(() => raw().post('/v1/apps/').set('Authorization', AUTH).set('Content-Type', 'text/plain').send('id=x'));
  expect(res.status).toBe(415);
  expect(res.body).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
});

test('an oversized body is a 413', async () => {
  const res = await unchanged(() => raw().post('/v1/apps/example-go/config/').set('Authorization', AUTH)
    .send({ values: { BIG: 'x'.repeat(10_000) } }));
  expect(res.status).toBe(413);
  expect(res.body).toEqual({ detail: 'Request body exceeds the 4096-byte limit.' });
});

test('wrong types are field errors', async () => {
  const res = await unchanged(() => deisAs(emu).post('/v1/apps/').send({ id: 42 }));
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ id: ['Incorrect type. Expected string.'] });
  const scale = await unchanged(() => deisAs(emu).post('/v1/apps/example-go/scale/').send([1, 2]));
  expect(scale.status).toBe(400);
  expect(scale.body).toEqual({ non_field_errors: ['Invalid data'] });
});

test('an unknown route is Django\'s HTML 404', async () => {
  for (const path of ['/v1/nope', '/v2/apps', '/v1/hooks/push', '/', '/v1']) {
    const res = await raw().get(path).set('Authorization', AUTH).expect(404);
    expect(res.headers['content-type']).toBe('text/html');
    expect(res.headers.deis_api_version).toBe('1.7');
  }
});

test('routes match by prefix, as the real URL table does', async () => {
  await deisAs(emu).get('/v1/apps/example-go/config/anything/after').expect(200);
  await deisAs(emu).get('/v1/appsXYZ').expect(200);
  // "apps/UPPER" is no app id, but "^apps/?" still matches its start: the list answers.
  expect((await deisAs(emu).get('/v1/apps/UPPER').expect(200)).body.count).toBe(1);
});

test('a wrong method is a 405 with Allow, but only once authenticated', async () => {
  const res = await unchanged(() => deisAs(emu).patch('/v1/apps/example-go/').send({}));
  expect(res.status).toBe(405);
  expect(res.body).toEqual({ detail: "Method 'PATCH' not allowed." });
  expect(res.headers.allow).toBe('GET, POST, DELETE, HEAD, OPTIONS');
  await raw().put('/v1/apps/example-go').expect(401);
  await raw().get('/v1/auth/login/').expect(405);
});

test('HEAD answers like GET without a body', async () => {
  const res = await deisAs(emu).head('/v1/apps/example-go').expect(200);
  expect(res.text).toBeUndefined();
});

test('a client of a version neither served controller has is turned away with 405', async () => {
  const res = await unchanged(() => raw().post('/v1/apps/').set('Authorization', AUTH).set('X-Deis-Version', '0.9').send({ id: 'x' }));
  expect(res.status).toBe(405);
  expect(res.body).toEqual({ error: 'Client and server versions do not match. Client version: 0.9 Server version: 1.7' });
  expect(res.headers.deis_api_version).toBe('1.7');
  await raw().get('/v1/apps').set('Authorization', AUTH).set('X-Deis-Version', '1.0').expect(200);
  await raw().get('/v1/apps').set('Authorization', AUTH).set('X-Deis-Version', '1.7').expect(200);
});

test('every response, errors included, names the version it was answered as', async () => {
  for (const res of [await deisAs(emu).get('/v1/apps'), await raw().get('/v1/apps'), await raw().get('/nope')]) {
    expect(res.headers.deis_api_version).toBe('1.7');
  }
  const v10 = raw().get('/v1/apps').set('X-Deis-Version', '1.0');
  for (const res of [await v10.set('Authorization', AUTH), await raw().get('/v1/apps').set('X-Deis-Version', '1.0'), await raw().get('/nope').set('X-Deis-Version', '1.0')]) {
    expect(res.headers.deis_api_version).toBe('1.0');
  }
});

test('a multipart body with a file is read as DRF reads it: a view that takes no file ignores it', async () => {
  const res = await raw().post('/v1/apps/').set('Authorization', AUTH).field('id', 'with-file').attach('file', Buffer.from('x'), 'x.txt');
  expect(res.status).toBe(201);
  expect(res.body.id).toBe('with-file');
});
