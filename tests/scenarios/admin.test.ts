import request from 'supertest';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { deisAnonymous, deisAs } from '../helpers/deis';

let emu: TestEmulator;
beforeAll(async () => { emu = await startTestEmulator({ journalSize: 5 }); });
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const admin = () => request(emu.urls.gateway!);

test('health names the dialects', async () => {
  const res = await admin().get('/_polypaas/health').expect(200);
  expect(res.body).toMatchObject({ status: 'ok', dialects: ['tsuru', 'divio', 'deis', 'medstack'] });
});

test('state holds the whole core; reset returns to the fixtures', async () => {
  await deisAs(emu).post('/v1/apps/').send({ id: 'temp' }).expect(201);
  const state = (await admin().get('/_polypaas/state').expect(200)).body;
  expect(state.apps.map((a: { name: string }) => a.name)).toEqual(['temp']);
  expect(state.users.map((u: { username: string }) => u.username)).toEqual(['admin']);
  await admin().post('/_polypaas/reset').expect(200);
  const after = (await admin().get('/_polypaas/state').expect(200)).body;
  expect(after.apps).toEqual([]);
  expect(after.tokens).toEqual([expect.objectContaining({ token: '[redacted]', userId: after.users[0].id })]);
});

test('snapshot and restore by name', async () => {
  await deisAs(emu).post('/v1/apps/').send({ id: 'before' }).expect(201);
  await admin().post('/_polypaas/snapshot').send({ name: 'one' }).expect(201, { name: 'one' });
  await deisAs(emu).post('/v1/apps/').send({ id: 'after' }).expect(201);
  await deisAs(emu).delete('/v1/apps/before').expect(204);
  await admin().post('/_polypaas/restore').send({ name: 'one' }).expect(200);
  const ids = (await deisAs(emu).get('/v1/apps').expect(200)).body.results.map((a: { id: string }) => a.id);
  expect(ids).toEqual(['before']);
  await deisAs(emu).post('/v1/apps/').send({ id: 'next' }).expect(201);
  await admin().post('/_polypaas/restore').send({ name: 'missing' }).expect(404);
  await admin().post('/_polypaas/snapshot').send({ name: '../escape' }).expect(400);
});

test('seed adds fixtures in one transaction; bad fixtures change nothing', async () => {
  await admin().post('/_polypaas/seed')
    .send({ users: [{ username: 'seeded', password: 'pw', tokens: ['seeded-token'] }], apps: [{ name: 'seeded-app', owner: 'seeded' }] })
    .expect(200);
  await deisAs(emu, 'seeded-token').get('/v1/apps/seeded-app').expect(200);
  const login = await deisAnonymous(emu).post('/v1/auth/login/').send({ username: 'seeded', password: 'pw' }).expect(200);
  await deisAs(emu, login.body.token).get('/v1/apps/seeded-app').expect(200);
  const before = (await admin().get('/_polypaas/state').expect(200)).body;
  const bad = await admin().post('/_polypaas/seed').send({ users: [{ username: 'x', password: 'p' }], apps: [{ name: 'seeded-app', owner: 'x' }] }).expect(400);
  expect(bad.body.error).toMatch(/already exists/);
  await admin().post('/_polypaas/seed').send({ nonsense: true }).expect(400);
  expect((await admin().get('/_polypaas/state').expect(200)).body).toEqual(before);
});

test('the request journal keeps only the latest entries', async () => {
  for (let i = 0; i < 8; i++) await deisAs(emu).get('/v1/apps').expect(200);
  await deisAs(emu).get('/v1/apps/nope').expect(404);
  const res = await admin().get('/_polypaas/requests').expect(200);
  expect(res.body.capacity).toBe(5);
  expect(res.body.total).toBeGreaterThanOrEqual(9);
  expect(res.body.entries).toHaveLength(5);
  expect(res.body.entries.at(-1)).toMatchObject({ dialect: 'deis', method: 'GET', path: '/v1/apps/nope', operationId: 'getApp', status: 404 });
  expect(res.body.entries.at(-1).durationMs).toBeGreaterThanOrEqual(0);
});

test('the gateway serves each dialect under its prefix, and says where to go otherwise', async () => {
  await admin().get('/deis/v1/apps').set('Authorization', 'token polypaas-admin-token').expect(200);
  const res = await admin().get('/nowhere').expect(404);
  expect(res.body.error).toMatch(/\/deis/);
});
