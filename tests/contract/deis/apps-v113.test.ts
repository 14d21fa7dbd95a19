import { ADMIN_TOKEN, stateOf } from '../../helpers/emulator';
import { asV10Client, asV113Client, deisAs, registerAndLogin, withDeisEmulator } from '../../helpers/deis';

/**
 * App commands of the last v1 client (1.13.4), sent as it sends them (JSON, its User-Agent, no
 * X-Deis-Version), and, where the two controllers answer differently, the 1.0 client's answer too.
 */
const emu = withDeisEmulator({ app: 'example-go' });
const v113 = (token = ADMIN_TOKEN) => asV113Client(deisAs(emu, token));
const v10 = () => asV10Client(deisAs(emu));

const deployWithWorkers = async () => {
  await deisAs(emu).post('/v1/apps/example-go/builds/')
    .send({ image: 'example-go', procfile: { web: 'bin/web', worker: 'bin/worker' } }).expect(201);
  await deisAs(emu).post('/v1/apps/example-go/scale/').send({ web: 2, worker: 1 }).expect(204);
};

describe('deis limits:set --cpu web=512, then limits:list', () => {
  test('the 1.13 client sends the share as a string and reads back an integer', async () => {
    const set = await v113().post('/v1/apps/example-go/config/').send({ cpu: { web: '512' } }).expect(201).expect('DEIS_API_VERSION', '1.7');
    expect(set.body.cpu).toEqual({ web: 512 });
    const listed = await v113().get('/v1/apps/example-go/config/').expect(200);
    expect(listed.body.cpu).toEqual({ web: 512 });
  });

  test('the 1.0 client keeps the string it sent, as v1.0.1 does', async () => {
    const set = await v10().post('/v1/apps/example-go/config/').send({ cpu: JSON.stringify({ web: '512' }) }).expect(201).expect('DEIS_API_VERSION', '1.0');
    expect(set.body.cpu).toEqual({ web: '512' });
  });

  test('memory limits and config values stay strings for the 1.13 client', async () => {
    const set = await v113().post('/v1/apps/example-go/config/').send({ memory: { web: '512M' }, values: { PORT: '5000' } }).expect(201);
    expect(set.body).toMatchObject({ memory: { web: '512M' }, values: { PORT: '5000' } });
  });

  test('a share that is no integer is still a 400', async () => {
    const res = await v113().post('/v1/apps/example-go/config/').send({ cpu: { web: 'lots' } }).expect(400);
    expect(res.body).toHaveProperty('cpu');
  });
});

describe('deis logs [-n N]', () => {
  /** The emulator's clock runs on between tests, so lines are compared without their time. */
  const messages = (text: string) => text.split('\n').filter(Boolean).map((line) => line.replace(/^\d\d:\d\d:\d\d /, ''));
  const withThreeLines = async () => {
    for (const key of ['A', 'B']) await deisAs(emu).post('/v1/apps/example-go/config/').send({ values: { [key]: '1' } }).expect(201);
  };
  const LINES = ['deis[api]: admin created initial release', 'deis[api]: admin added A', 'deis[api]: admin added B'];

  test('the 1.13 client gets the log as plain text; the 1.0 client gets the same text JSON-encoded', async () => {
    await withThreeLines();
    const plain = await v113().get('/v1/apps/example-go/logs').expect(200).expect('Content-Type', 'text/plain').expect('DEIS_API_VERSION', '1.7');
    expect(messages(plain.text)).toEqual(LINES);
    expect(plain.text.endsWith('\n')).toBe(true);
    const encoded = await v10().get('/v1/apps/example-go/logs/').expect(200).expect('Content-Type', 'text/plain').expect('DEIS_API_VERSION', '1.0');
    expect(encoded.text).toBe(JSON.stringify(plain.text));
  });

  test('-n sends log_lines: the latest N lines, under either version', async () => {
    await withThreeLines();
    expect(messages((await v113().get('/v1/apps/example-go/logs?log_lines=2').expect(200)).text)).toEqual(LINES.slice(1));
    expect(messages(JSON.parse((await v10().get('/v1/apps/example-go/logs/?log_lines=1').expect(200)).text))).toEqual(LINES.slice(2));
    expect(messages((await v113().get('/v1/apps/example-go/logs?log_lines=50').expect(200)).text)).toEqual(LINES);
  });

  test.each(['0', '-1', 'x', ''])('log_lines=%j is a 400 in the DRF format', async (value) => {
    const res = await v113().get(`/v1/apps/example-go/logs?log_lines=${value}`).expect(400);
    expect(res.body).toHaveProperty('log_lines');
  });
});

describe('deis ps:restart [type[.num]]', () => {
  test('every container: 200 with the restarted containers as a plain list', async () => {
    await deployWithWorkers();
    emu.clock.advance(5_000);
    const res = await v113().post('/v1/apps/example-go/containers/restart/').send({}).expect(200).expect('Content-Type', 'application/json');
    expect(res.body.map((c: { type: string; num: number }) => `${c.type}.${c.num}`)).toEqual(['cmd.1', 'web.1', 'web.2', 'worker.1']);
    const listed = await v113().get('/v1/apps/example-go/containers/').expect(200);
    expect(res.body).toEqual(listed.body.results);
    expect(res.body[1]).toMatchObject({ owner: 'admin', app: 'example-go', release: 'v2', type: 'web', num: 1, state: 'up' });
    expect(res.body[1].updated).not.toBe(res.body[1].created);
  });

  test('one type, and one container', async () => {
    await deployWithWorkers();
    const web = await v113().post('/v1/apps/example-go/containers/web/restart/').send({}).expect(200);
    expect(web.body.map((c: { num: number }) => c.num)).toEqual([1, 2]);
    const one = await v113().post('/v1/apps/example-go/containers/web/2/restart/').send({}).expect(200);
    expect(one.body).toEqual([expect.objectContaining({ type: 'web', num: 2, state: 'up' })]);
  });

  test('nothing to restart is an empty list', async () => {
    await deployWithWorkers();
    await v113().post('/v1/apps/example-go/containers/nope/restart/').send({}).expect(200, []);
    await v113().post('/v1/apps/example-go/containers/web/9/restart/').send({}).expect(200, []);
    await v113().post('/v1/apps/example-go/containers/web/x/restart/').send({}).expect(200, []);
  });

  test('the slash is optional; an unknown app is a 404', async () => {
    await deployWithWorkers();
    await v113().post('/v1/apps/example-go/containers/worker/restart').send({}).expect(200);
    await v113().post('/v1/apps/ghost/containers/restart/').send({}).expect(404);
  });
});

describe('deis apps:transfer', () => {
  test('the owner hands the app to another user, who then owns it', async () => {
    const alice = await registerAndLogin(emu, 'alice');
    await registerAndLogin(emu, 'bob');
    await v113(alice).post('/v1/apps/').send({ id: 'alices' }).expect(201);
    const res = await v113(alice).post('/v1/apps/alices/').send({ owner: 'bob' }).expect(200);
    expect(res.text).toBe('');
    expect((await v113().get('/v1/apps/alices/').expect(200)).body.owner).toBe('bob');
  });

  test('a superuser may transfer anyone\'s app; without owner nothing changes', async () => {
    await registerAndLogin(emu, 'bob');
    const before = await stateOf(emu);
    await v113().post('/v1/apps/example-go/').send({}).expect(200);
    expect(await stateOf(emu)).toEqual(before);
    await v113().post('/v1/apps/example-go/').send({ owner: 'bob' }).expect(200);
    expect((await v113().get('/v1/apps/example-go').expect(200)).body.owner).toBe('bob');
  });

  test('a user it is only shared with may not (403); an unknown new owner is a 404', async () => {
    const bob = await registerAndLogin(emu, 'bob');
    await deisAs(emu).post('/v1/apps/example-go/perms/').send({ username: 'bob' }).expect(201);
    const before = await stateOf(emu);
    await v113(bob).post('/v1/apps/example-go/').send({ owner: 'bob' }).expect(403);
    await v113().post('/v1/apps/example-go/').send({ owner: 'ghost' }).expect(404);
    expect(await stateOf(emu)).toEqual(before);
  });
});

describe('the API version of each answer', () => {
  test('the 1.13 client is served as 1.7; a 1.0 client as 1.0, errors included', async () => {
    await v113().get('/v1/apps/').expect(200).expect('DEIS_API_VERSION', '1.7');
    await v113().get('/v1/apps/ghost/').expect(404).expect('DEIS_API_VERSION', '1.7');
    await v10().get('/v1/apps/ghost/').expect(404).expect('DEIS_API_VERSION', '1.0');
  });

  test("the later controller's Deis-Version header must name major version 1", async () => {
    await v113().get('/v1/apps/').set('Deis-Version', '1').expect(200);
    const res = await v113().get('/v1/apps/').set('Deis-Version', '2');
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ error: 'Client and server versions do not match. Client version: 2 Server version: 1' });
  });
});
