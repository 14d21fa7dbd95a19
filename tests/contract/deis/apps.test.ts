import { asV10Client, deisAs, registerAndLogin, withDeisEmulator } from '../../helpers/deis';

const emu = withDeisEmulator();

const APP_SHAPE = {
  created: '2014-01-01T00:00:00UTC', updated: '2014-01-01T00:00:00UTC', owner: 'admin', structure: {},
  uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
};

describe('create', () => {
  test('201 with the app, Location set to its url', async () => {
    const res = await deisAs(emu).post('/v1/apps/').send({ id: 'example-go' }).expect(201).expect('Location', 'example-go.deisapp.local');
    expect(res.body).toEqual({ ...APP_SHAPE, id: 'example-go', url: 'example-go.deisapp.local' });
  });

  test('without an id, picks a free adjective-noun name', async () => {
    const res = await deisAs(emu).post('/v1/apps').expect(201);
    expect(res.body.id).toMatch(/^[a-z]+-[a-z]+$/);
    await deisAs(emu).get(`/v1/apps/${res.body.id}`).expect(200);
  });

  test.each([
    [{ id: 'Bad_Name' }, { id: ['App IDs can only contain [a-z0-9-]'] }],
    [{ id: 'a'.repeat(65) }, { id: ['Ensure this value has at most 64 characters (it has 65).'] }],
  ])('rejects %j', async (body, errors) => {
    await deisAs(emu).post('/v1/apps/').send(body).expect(400, errors);
  });

  test('a taken id is a 400', async () => {
    await deisAs(emu).post('/v1/apps/').send({ id: 'taken' }).expect(201);
    await deisAs(emu).post('/v1/apps/').send({ id: 'taken' }).expect(400, { id: ['App with this Id already exists.'] });
  });

  test('creates release v1 with an empty config', async () => {
    await deisAs(emu).post('/v1/apps/').send({ id: 'fresh' }).expect(201);
    const releases = await deisAs(emu).get('/v1/apps/fresh/releases/').expect(200);
    expect(releases.body.results).toEqual([expect.objectContaining({ version: 1, build: null, summary: 'admin created initial release' })]);
  });
});

describe('list, get, destroy', () => {
  test('paginates 100 a page, with page_size, page=N and page=last', async () => {
    for (const id of ['a1', 'a2', 'a3']) await deisAs(emu).post('/v1/apps/').send({ id }).expect(201);
    const all = await deisAs(emu).get('/v1/apps').expect(200);
    expect(all.body).toMatchObject({ count: 3, next: null, previous: null });
    expect(all.body.results.map((a: { id: string }) => a.id)).toEqual(['a1', 'a2', 'a3']);
    const first = await deisAs(emu).get('/v1/apps?page_size=2').expect(200);
    expect(first.body.results).toHaveLength(2);
    expect(first.body.next).toBe(`${emu.urls.deis}/v1/apps?page_size=2&page=2`);
    const last = await deisAs(emu).get('/v1/apps?page_size=2&page=last').expect(200);
    expect(last.body.results.map((a: { id: string }) => a.id)).toEqual(['a3']);
    expect(last.body).toMatchObject({ next: null, previous: `${emu.urls.deis}/v1/apps?page_size=2&page=1` });
    await deisAs(emu).get('/v1/apps?page=9').expect(404, { detail: 'Not found' });
    await deisAs(emu).get('/v1/apps?page=x').expect(404, { detail: 'Not found' });
  });

  test('pagination links keep the gateway prefix', async () => {
    for (const id of ['g1', 'g2']) await deisAs(emu).post('/v1/apps/').send({ id }).expect(201);
    const res = await (await import('supertest')).default(emu.urls.gateway!).get('/deis/v1/apps/?page_size=1')
      .set('Authorization', 'token polypaas-admin-token').expect(200);
    expect(res.body.next).toBe(`${emu.urls.gateway}/deis/v1/apps/?page_size=1&page=2`);
  });

  test('users see their own and shared apps; a superuser sees all', async () => {
    const alice = await registerAndLogin(emu, 'alice');
    const bob = await registerAndLogin(emu, 'bob');
    await deisAs(emu, alice).post('/v1/apps/').send({ id: 'alices' }).expect(201);
    await deisAs(emu, bob).post('/v1/apps/').send({ id: 'bobs' }).expect(201);
    const ids = async (token?: string) => (await deisAs(emu, token).get('/v1/apps').expect(200)).body.results.map((a: { id: string }) => a.id);
    expect(await ids(alice)).toEqual(['alices']);
    expect(await ids()).toEqual(['alices', 'bobs']);
    await deisAs(emu, bob).get('/v1/apps/alices').expect(403, { detail: 'You do not have permission to perform this action.' });
    await deisAs(emu, alice).post('/v1/apps/alices/perms/').send({ username: 'bob' }).expect(201);
    expect(await ids(bob)).toEqual(['alices', 'bobs']);
    await deisAs(emu, bob).get('/v1/apps/alices').expect(200);
  });

  test('get answers 404 for an unknown app', async () => {
    await deisAs(emu).get('/v1/apps/nope/').expect(404, { detail: 'Not found' });
  });

  test('destroy: the owner may, a collaborator may not', async () => {
    const alice = await registerAndLogin(emu, 'alice');
    const bob = await registerAndLogin(emu, 'bob');
    await deisAs(emu, alice).post('/v1/apps/').send({ id: 'doomed' }).expect(201);
    await deisAs(emu, alice).post('/v1/apps/doomed/perms/').send({ username: 'bob' }).expect(201);
    await deisAs(emu, bob).delete('/v1/apps/doomed/').expect(403);
    await deisAs(emu, alice).delete('/v1/apps/doomed/').expect(204);
    await deisAs(emu, alice).get('/v1/apps/doomed/').expect(404);
    await deisAs(emu, alice).delete('/v1/apps/doomed/').expect(404);
  });
});

describe('logs and run', () => {
  test('logs are text/plain holding one JSON-encoded string, for a 1.0 client', async () => {
    await deisAs(emu).post('/v1/apps/').send({ id: 'loggy' }).expect(201);
    emu.clock.advance(61_000);
    await deisAs(emu).post('/v1/apps/loggy/config/').send({ values: { A: '1' } }).expect(201);
    const res = await asV10Client(deisAs(emu)).get('/v1/apps/loggy/logs/').expect(200).expect('Content-Type', 'text/plain');
    expect(JSON.parse(res.text)).toBe('00:00:00 deis[api]: admin created initial release\n00:01:01 deis[api]: admin added A\n');
  });

  test('run needs a build', async () => {
    await deisAs(emu).post('/v1/apps/').send({ id: 'runner' }).expect(201);
    await deisAs(emu).post('/v1/apps/runner/run/').send({ command: 'echo hi' })
      .expect(400, { detail: 'No build associated with this release to run this command' });
  });

  test('run answers [rc, output] from the app environment', async () => {
    await deisAs(emu).post('/v1/apps/').send({ id: 'runner' }).expect(201);
    await deisAs(emu).post('/v1/apps/runner/builds/').send({ image: 'busybox' }).expect(201);
    await deisAs(emu).post('/v1/apps/runner/config/').send({ values: { GREETING: 'hello' } }).expect(201);
    await deisAs(emu).post('/v1/apps/runner/run').send({ command: 'echo hi' }).expect(200, [0, 'hi\n']);
    await deisAs(emu).post('/v1/apps/runner/run').send({ command: 'echo $GREETING world' }).expect(200, [0, 'hello world\n']);
    await deisAs(emu).post('/v1/apps/runner/run').send({ command: 'env' }).expect(200, [0, 'GREETING=hello\n']);
    await deisAs(emu).post('/v1/apps/runner/run').send({ command: 'rake db:migrate' }).expect(200, [127, '/bin/sh: 1: rake: not found\n']);
    await deisAs(emu).post('/v1/apps/runner/run').send({}).expect(400, { command: ['This field is required.'] });
    const runs = await deisAs(emu).get('/v1/apps/runner/containers/run/').expect(200);
    expect(runs.body.results.map((c: { num: number; state: string }) => [c.num, c.state])).toEqual([[1, 'exited'], [2, 'exited'], [3, 'exited'], [4, 'exited']]);
    const logs = await asV10Client(deisAs(emu)).get('/v1/apps/runner/logs').expect(200);
    expect(JSON.parse(logs.text)).toContain("admin runs 'echo hi'");
  });
});
