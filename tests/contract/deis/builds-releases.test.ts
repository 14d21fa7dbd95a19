import { deisAs, withDeisEmulator } from '../../helpers/deis';

const emu = withDeisEmulator({ app: 'example-go' });

const app = () => deisAs(emu).get('/v1/apps/example-go').expect(200).then((r) => r.body);

describe('builds', () => {
  test('an image build makes release 2 and starts one cmd process', async () => {
    const res = await deisAs(emu).post('/v1/apps/example-go/builds/').send({ image: 'deis/example-go:latest' })
      .expect(201).expect('X-Deis-Release', '2');
    expect(res.body).toEqual({
      app: 'example-go', created: '2014-01-01T00:00:00UTC', dockerfile: '', image: 'deis/example-go:latest', owner: 'admin',
      procfile: {}, sha: '', updated: '2014-01-01T00:00:00UTC', uuid: expect.any(String),
    });
    expect((await app()).structure).toEqual({ cmd: 1 });
  });

  test('a buildpack build with a web process starts web=1; the procfile may be a JSON string', async () => {
    await deisAs(emu).post('/v1/apps/example-go/builds/')
      .send({ image: 'example-go', sha: '060da68f654e75fac06dbedd1995d5f8ad9084db', procfile: '{"web": "example-go", "worker": "work"}' })
      .expect(201);
    expect((await app()).structure).toEqual({ web: 1 });
    const release = await deisAs(emu).get('/v1/apps/example-go/releases/v2').expect(200);
    expect(release.body.summary).toBe('admin deployed 060da68');
  });

  test('lists newest first and fetches one by uuid', async () => {
    const a = await deisAs(emu).post('/v1/apps/example-go/builds/').send({ image: 'one' }).expect(201);
    emu.clock.advance(1000);
    const b = await deisAs(emu).post('/v1/apps/example-go/builds/').send({ image: 'two' }).expect(201).expect('X-Deis-Release', '3');
    const list = await deisAs(emu).get('/v1/apps/example-go/builds/').expect(200);
    expect(list.body.results.map((x: { uuid: string }) => x.uuid)).toEqual([b.body.uuid, a.body.uuid]);
    const one = await deisAs(emu).get(`/v1/apps/example-go/builds/${a.body.uuid}/`).expect(200);
    expect(one.body.image).toBe('one');
    await deisAs(emu).get('/v1/apps/example-go/builds/no-such-build').expect(404);
  });

  test('image is required', async () => {
    await deisAs(emu).post('/v1/apps/example-go/builds/').send({ sha: 'abc' }).expect(400, { image: ['This field is required.'] });
  });
});

describe('releases', () => {
  beforeEach(async () => {
    await deisAs(emu).post('/v1/apps/example-go/builds/').send({ image: 'img:1' }).expect(201);
    await deisAs(emu).post('/v1/apps/example-go/config/').send({ values: { A: '1' } }).expect(201);
  });

  test('lists newest first with summaries', async () => {
    const res = await deisAs(emu).get('/v1/apps/example-go/releases/').expect(200);
    expect(res.body.count).toBe(3);
    expect(res.body.results.map((r: { version: number; summary: string }) => [r.version, r.summary])).toEqual([
      [3, 'admin added A'], [2, 'admin deployed img:1'], [1, 'admin created initial release'],
    ]);
    expect(res.body.results[0].build).toBe(res.body.results[1].build);
  });

  test('gets one by version; an unknown version is a 404', async () => {
    const res = await deisAs(emu).get('/v1/apps/example-go/releases/v1/').expect(200);
    expect(res.body).toMatchObject({ version: 1, build: null, app: 'example-go', owner: 'admin' });
    await deisAs(emu).get('/v1/apps/example-go/releases/v99/').expect(404, { detail: 'Not found' });
  });

  test('rollback without a version goes back one, copying build and config', async () => {
    const res = await deisAs(emu).post('/v1/apps/example-go/releases/rollback/').expect(201);
    expect(res.body).toEqual({ version: 4 });
    const v4 = (await deisAs(emu).get('/v1/apps/example-go/releases/v4').expect(200)).body;
    const v2 = (await deisAs(emu).get('/v1/apps/example-go/releases/v2').expect(200)).body;
    expect(v4).toMatchObject({ build: v2.build, config: v2.config, summary: 'admin rolled back to v2' });
    expect((await deisAs(emu).get('/v1/apps/example-go/config').expect(200)).body.values).toEqual({});
  });

  test('rollback to a given version (JSON number or form string); unknown versions are a 404', async () => {
    await deisAs(emu).post('/v1/apps/example-go/releases/rollback/').send({ version: 1 }).expect(201, { version: 4 });
    await deisAs(emu).post('/v1/apps/example-go/releases/rollback/').type('form').send({ version: '3' }).expect(201, { version: 5 });
    await deisAs(emu).post('/v1/apps/example-go/releases/rollback/').send({ version: 42 }).expect(404);
    await deisAs(emu).post('/v1/apps/example-go/releases/rollback/').send({ version: 'abc' }).expect(400);
  });

  test('a rollback moves running processes onto the new release', async () => {
    await deisAs(emu).post('/v1/apps/example-go/releases/rollback/').send({ version: 2 }).expect(201, { version: 4 });
    const containers = await deisAs(emu).get('/v1/apps/example-go/containers').expect(200);
    expect(containers.body.results.map((c: { release: string }) => c.release)).toEqual(['v4']);
  });
});
