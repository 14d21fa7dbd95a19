import { stateOf } from '../../helpers/emulator';
import { asV10Client, deisAs, withDeisEmulator } from '../../helpers/deis';

const emu = withDeisEmulator({ app: 'example-go' });

const config = () => deisAs(emu).get('/v1/apps/example-go/config/').expect(200);

test('the initial config is empty', async () => {
  const res = await config();
  expect(res.body).toEqual({
    owner: 'admin', app: 'example-go', values: {}, memory: {}, cpu: {}, tags: {},
    created: '2014-01-01T00:00:00UTC', updated: '2014-01-01T00:00:00UTC', uuid: expect.any(String),
  });
});

test('set merges values, creates a release and names it in X-Deis-Release', async () => {
  const first = await deisAs(emu).post('/v1/apps/example-go/config/').send({ values: { HELLO: 'world' } })
    .expect(201).expect('X-Deis-Release', '2');
  expect(first.body.values).toEqual({ HELLO: 'world' });
  const second = await deisAs(emu).post('/v1/apps/example-go/config').send({ values: { OTHER: 'x' } }).expect(201).expect('X-Deis-Release', '3');
  expect(second.body.values).toEqual({ HELLO: 'world', OTHER: 'x' });
  expect(second.body.uuid).not.toBe(first.body.uuid);
  expect((await config()).body.values).toEqual({ HELLO: 'world', OTHER: 'x' });
});

test('a null value unsets a key', async () => {
  await deisAs(emu).post('/v1/apps/example-go/config/').send({ values: { HELLO: 'world', KEEP: '1' } }).expect(201);
  const res = await deisAs(emu).post('/v1/apps/example-go/config/').send({ values: { HELLO: null } }).expect(201).expect('X-Deis-Release', '3');
  expect(res.body.values).toEqual({ KEEP: '1' });
  const release = await deisAs(emu).get('/v1/apps/example-go/releases/v3/').expect(200);
  expect(release.body.summary).toBe('admin deleted HELLO');
});

test('accepts JSON-encoded strings, as the v1.0 client sends them', async () => {
  const res = await asV10Client(deisAs(emu)).post('/v1/apps/example-go/config/')
    .send({ values: JSON.stringify({ A: 'b', PORT: 5000 }), memory: '{"web": "512M"}', cpu: '{"web": "512"}', tags: '{"env": "prod"}' })
    .expect(201);
  expect(res.body).toMatchObject({ values: { A: 'b', PORT: 5000 }, memory: { web: '512M' }, cpu: { web: '512' }, tags: { env: 'prod' } });
  const release = await deisAs(emu).get('/v1/apps/example-go/releases/v2').expect(200);
  expect(release.body.summary).toBe('admin added A, PORT and admin changed limits for memory, cpu and admin added tag env');
});

test('accepts a form body with JSON-encoded maps', async () => {
  const res = await deisAs(emu).post('/v1/apps/example-go/config/').type('form').send({ values: '{"FORM": "yes"}' }).expect(201);
  expect(res.body.values).toEqual({ FORM: 'yes' });
});

test.each([
  [{ values: '{not json' }, { values: ['Enter valid JSON.'] }],
  [{ values: '[1, 2]' }, { values: ['Expected a JSON object.'] }],
  [{ values: { '1BAD': 'x' } }, { values: ['Config keys must start with a letter or underscore and only contain [A-z0-9_]'] }],
  [{ memory: { web: 'lots' } }, { memory: ['Memory limit format: <number><unit>, where unit = B, K, M or G'] }],
  [{ cpu: { web: 'many' } }, { cpu: ['CPU shares must be an integer between 0 and 1024'] }],
  [{ tags: { Env: 'x' } }, { tags: ['Tag keys can only contain [a-z]'] }],
])('rejects %j and changes nothing', async (body, errors) => {
  const before = await stateOf(emu);
  await deisAs(emu).post('/v1/apps/example-go/config/').send(body).expect(400, errors);
  expect(await stateOf(emu)).toEqual(before);
});

test('404 for an unknown app', async () => {
  await deisAs(emu).get('/v1/apps/nope/config/').expect(404);
  await deisAs(emu).post('/v1/apps/nope/config/').send({ values: { A: 'b' } }).expect(404);
});
