import { stateOf } from '../../helpers/emulator';
import { deisAs, withDeisEmulator } from '../../helpers/deis';

const emu = withDeisEmulator({ app: 'example-go' });

const buildWithProcfile = () => deisAs(emu).post('/v1/apps/example-go/builds/')
  .send({ image: 'example-go', sha: 'abcdef0123', procfile: { web: 'bin/web', worker: 'bin/worker' } }).expect(201);

test('scaling before any build is a 400', async () => {
  await deisAs(emu).post('/v1/apps/example-go/scale/').send({ web: 1 }).expect(400, { detail: 'No build associated with this release' });
});

test('scale creates containers of the latest release, 204', async () => {
  await buildWithProcfile();
  await deisAs(emu).post('/v1/apps/example-go/scale/').send({ web: 3, worker: 1 }).expect(204);
  const all = await deisAs(emu).get('/v1/apps/example-go/containers/').expect(200);
  expect(all.body.count).toBe(4);
  expect(all.body.results[0]).toEqual({
    owner: 'admin', app: 'example-go', release: 'v2', created: '2014-01-01T00:00:00UTC', updated: '2014-01-01T00:00:00UTC',
    uuid: expect.any(String), type: 'web', num: 1, state: 'up',
  });
  const web = await deisAs(emu).get('/v1/apps/example-go/containers/web/').expect(200);
  expect(web.body.results.map((c: { num: number }) => c.num)).toEqual([1, 2, 3]);
  const one = await deisAs(emu).get('/v1/apps/example-go/containers/worker/1/').expect(200);
  expect(one.body).toMatchObject({ type: 'worker', num: 1 });
  await deisAs(emu).get('/v1/apps/example-go/containers/worker/2/').expect(404);
  expect((await deisAs(emu).get('/v1/apps/example-go').expect(200)).body.structure).toEqual({ web: 3, worker: 1 });
});

test('scaling down removes the newest; a form body works too', async () => {
  await buildWithProcfile();
  await deisAs(emu).post('/v1/apps/example-go/scale/').send({ web: 3 }).expect(204);
  await deisAs(emu).post('/v1/apps/example-go/scale').type('form').send({ web: '1' }).expect(204);
  const web = await deisAs(emu).get('/v1/apps/example-go/containers/web').expect(200);
  expect(web.body.results.map((c: { num: number }) => c.num)).toEqual([1]);
});

test('a new release replaces containers, keeping types and numbers', async () => {
  await buildWithProcfile();
  await deisAs(emu).post('/v1/apps/example-go/scale/').send({ web: 2 }).expect(204);
  const before = (await deisAs(emu).get('/v1/apps/example-go/containers').expect(200)).body.results;
  await deisAs(emu).post('/v1/apps/example-go/config/').send({ values: { X: '1' } }).expect(201);
  const after = (await deisAs(emu).get('/v1/apps/example-go/containers').expect(200)).body.results;
  expect(after.map((c: { type: string; num: number; release: string }) => [c.type, c.num, c.release])).toEqual([['web', 1, 'v3'], ['web', 2, 'v3']]);
  expect(after[0].uuid).not.toBe(before[0].uuid);
});

test.each([
  [{ web: -1 }, 'Must be greater than or equal to zero'],
  [{ nope: 1 }, 'Container type nope does not exist in application'],
])('rejects %j without changing anything', async (body, detail) => {
  await buildWithProcfile();
  const before = await stateOf(emu);
  await deisAs(emu).post('/v1/apps/example-go/scale/').send(body).expect(400, { detail });
  expect(await stateOf(emu)).toEqual(before);
});

test('a count that is not a number is a 400', async () => {
  await buildWithProcfile();
  await deisAs(emu).post('/v1/apps/example-go/scale/').send({ web: 'lots' }).expect(400);
});
