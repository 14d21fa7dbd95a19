import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { SSH_KEY, asV10Client, deisAnonymous, deisAs } from '../helpers/deis';

/**
 * The example session of the Deis v1.0 API reference (seed 003), in its order, against a store
 * that holds no user yet, so that "test" is the first to register and becomes a superuser. Every
 * request announces API 1.0, as the v1.0 client does.
 */
let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({
    fixtures: { tenants: [{ id: 'example', name: 'example', default: true }], clusters: [{ id: 'default', tenant: 'example', name: 'default' }] },
    appDomain: 'example.com',
  });
});
afterAll(() => emu.close());

const DATE = '2014-01-01T00:00:00UTC';
const UUID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

test('the reference session, step by step', async () => {
  const anon = asV10Client(deisAnonymous(emu));
  const registered = await anon.post('/v1/auth/register/')
    .send({ username: 'test', password: 'opensesame', email: 'test@example.com', first_name: 'test', last_name: 'testerson' })
    .expect(201).expect('Content-Type', 'application/json').expect('DEIS_API_VERSION', '1.0');
  expect(registered.body).toMatchObject({ username: 'test', is_superuser: true, is_staff: true, is_active: true, groups: [], user_permissions: [] });

  const { token } = (await anon.post('/v1/auth/login/').send({ username: 'test', password: 'opensesame' }).expect(200)).body;
  const deis = asV10Client(deisAs(emu, token));
  await deis.get('/v1/').expect(200);

  const app = { created: DATE, id: 'example-go', owner: 'test', structure: {}, updated: DATE, url: 'example-go.example.com', uuid: UUID };
  await deis.post('/v1/apps/').send({ id: 'example-go' }).expect(201).expect('Location', 'example-go.example.com')
    .then((r) => expect(r.body).toEqual(app));
  expect((await deis.get('/v1/apps').expect(200)).body).toEqual({ count: 1, next: null, previous: null, results: [app] });
  expect((await deis.get('/v1/apps/example-go/').expect(200)).body).toEqual(app);

  const logs = await deis.get('/v1/apps/example-go/logs/').expect(200).expect('Content-Type', 'text/plain');
  expect(JSON.parse(logs.text)).toBe('00:00:00 deis[api]: test created initial release\n');

  await deis.post('/v1/apps/example-go/run/').send({ command: 'echo hi' }).expect(400);

  const emptyConfig = { owner: 'test', app: 'example-go', values: {}, memory: {}, cpu: {}, tags: {}, created: DATE, updated: DATE, uuid: UUID };
  expect((await deis.get('/v1/apps/example-go/config/').expect(200)).body).toEqual(emptyConfig);
  const set = await deis.post('/v1/apps/example-go/config/').send({ values: { HELLO: 'world' } }).expect(201).expect('X-Deis-Release', '2');
  expect(set.body).toEqual({ ...emptyConfig, values: { HELLO: 'world' } });
  const unset = await deis.post('/v1/apps/example-go/config/').send({ values: { HELLO: null } }).expect(201).expect('X-Deis-Release', '3');
  expect(unset.body).toEqual(emptyConfig);

  await deis.get('/v1/apps/example-go/domains/').expect(200, { count: 0, next: null, previous: null, results: [] });
  const domain = { app: 'example-go', created: DATE, domain: 'example.example.com', owner: 'test', updated: DATE };
  await deis.post('/v1/apps/example-go/domains/').send({ domain: 'example.example.com' }).expect(201, domain);
  await deis.get('/v1/apps/example-go/domains/').expect(200, { count: 1, next: null, previous: null, results: [domain] });
  await deis.delete('/v1/apps/example-go/domains/example.example.com').expect(204);

  await deis.get('/v1/apps/example-go/builds/').expect(200, { count: 0, next: null, previous: null, results: [] });
  const build = await deis.post('/v1/apps/example-go/builds/').send({ image: 'deis/example-go:latest' }).expect(201).expect('X-Deis-Release', '4');
  expect(build.body).toEqual({
    app: 'example-go', created: DATE, dockerfile: '', image: 'deis/example-go:latest', owner: 'test', procfile: {}, sha: '', updated: DATE, uuid: UUID,
  });
  expect((await deis.get('/v1/apps/example-go/builds/').expect(200)).body.results).toEqual([build.body]);

  const releases = (await deis.get('/v1/apps/example-go/releases/').expect(200)).body;
  expect(releases.count).toBe(4);
  expect(releases.results.map((r: { version: number; summary: string }) => `v${r.version} ${r.summary}`)).toEqual([
    'v4 test deployed deis/example-go:latest', 'v3 test deleted HELLO', 'v2 test added HELLO', 'v1 test created initial release',
  ]);
  expect((await deis.get('/v1/apps/example-go/releases/v1/').expect(200)).body).toEqual({
    app: 'example-go', build: null, config: UUID, created: DATE, owner: 'test', summary: 'test created initial release',
    updated: DATE, uuid: UUID, version: 1,
  });
  await deis.post('/v1/apps/example-go/config/').send({ values: { HELLO: 'again' } }).expect(201).expect('X-Deis-Release', '5');
  await deis.post('/v1/apps/example-go/releases/rollback/').expect(201, { version: 6 });
  const v6 = (await deis.get('/v1/apps/example-go/releases/v6').expect(200)).body;
  expect(v6).toMatchObject({ build: build.body.uuid, summary: 'test rolled back to v4' });
  expect((await deis.get('/v1/apps/example-go/config/').expect(200)).body.values).toEqual({});

  // An image build runs the image's own command: "cmd" is the process type to scale.
  await deis.post('/v1/apps/example-go/scale/').send({ cmd: 3 }).expect(204);
  const containers = (await deis.get('/v1/apps/example-go/containers/').expect(200)).body;
  expect(containers.count).toBe(3);
  expect(containers.results[0]).toEqual({
    owner: 'test', app: 'example-go', release: 'v6', created: DATE, updated: DATE, uuid: UUID, type: 'cmd', num: 1, state: 'up',
  });
  expect((await deis.get('/v1/apps/example-go/containers/cmd/').expect(200)).body.count).toBe(3);
  await deis.post('/v1/apps/example-go/run/').send({ command: 'echo hi' }).expect(200, [0, 'hi\n']);

  await deis.get('/v1/keys/').expect(200, { count: 0, next: null, previous: null, results: [] });
  const key = (await deis.post('/v1/keys/').send({ id: 'test@example.com', public: SSH_KEY }).expect(201)).body;
  expect(key).toEqual({ created: DATE, id: 'test@example.com', owner: 'test', public: SSH_KEY, updated: DATE, uuid: UUID });
  await deis.get('/v1/keys/').expect(200, { count: 1, next: null, previous: null, results: [key] });
  await deis.delete('/v1/keys/test@example.com').expect(204);

  await anon.post('/v1/auth/register/').send({ username: 'example', password: 'pw' }).expect(201);
  await deis.get('/v1/apps/example-go/perms/').expect(200, { users: [] });
  await deis.post('/v1/apps/example-go/perms/').send({ username: 'example' }).expect(201);
  await deis.get('/v1/apps/example-go/perms/').expect(200, { users: ['example'] });
  await deis.delete('/v1/apps/example-go/perms/example').expect(204);
  await deis.post('/v1/admin/perms').send({ username: 'example' }).expect(201);
  expect((await deis.get('/v1/admin/perms').expect(200)).body.results.map((u: { username: string }) => u.username)).toEqual(['test', 'example']);

  await deis.delete('/v1/apps/example-go/').expect(204);
  await deis.get('/v1/apps').expect(200, { count: 0, next: null, previous: null, results: [] });
  await deis.delete('/v1/auth/cancel/').expect(204);
  await deis.get('/v1/apps').expect(401);
});
