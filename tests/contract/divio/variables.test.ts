import { stateOf } from '../../helpers/emulator';
import { createApplication, divioAs, withDivioEmulator } from '../../helpers/divio';

const emu = withDivioEmulator();

const create = (environment: string, name: string, extra: Record<string, unknown> = {}) =>
  divioAs(emu).post('/apps/v3/environment-variables/').send({ environment, name, value: `${name.toLowerCase()}-value`, ...extra }).expect(201);

test('create, get, list with the environment or the application and a name filter; sensitive values are hidden', async () => {
  const app = await createApplication(emu, 'vars');
  const created = await create(app.test, 'FOO');
  expect(created.body).toMatchObject({ name: 'FOO', environment: app.test, value: 'foo-value', is_sensitive: false, is_read_only: false, order: 1 });
  await create(app.test, 'TOKEN', { is_sensitive: true });
  await create(app.live, 'FOO');
  const got = await divioAs(emu).get(`/apps/v3/environment-variables/${created.body.uuid}/`).expect(200);
  expect(got.body).toMatchObject({ uuid: created.body.uuid, name: 'FOO', value: 'foo-value' });
  const test = await divioAs(emu).get(`/apps/v3/environment-variables/?environment=${app.test}`).expect(200);
  expect(test.body.results.map((v: { name: string; value: string | null }) => [v.name, v.value])).toEqual([['FOO', 'foo-value'], ['TOKEN', null]]);
  const named = await divioAs(emu).get(`/apps/v3/environment-variables/?environment=${app.test}&name=FOO`).expect(200);
  expect(named.body.count).toBe(1);
  const all = await divioAs(emu).get(`/apps/v3/environment-variables/?application=${app.uuid}`).expect(200);
  expect(all.body.results.map((v: { environment: string }) => v.environment)).toEqual([app.test, app.test, app.live]);
  expect((await divioAs(emu).get(`/apps/v3/environment-variables/?application=${app.uuid}&is_sensitive=true`)).body.count).toBe(1);
});

test('listing needs an environment or an application', async () => {
  await divioAs(emu).get('/apps/v3/environment-variables/').expect(400, { non_field_errors: ['Provide an application or an environment.'] });
});

test('bad input: a taken or invalid name, a missing environment; nothing changes', async () => {
  const app = await createApplication(emu, 'badvars');
  await create(app.test, 'TAKEN');
  const before = await stateOf(emu);
  await divioAs(emu).post('/apps/v3/environment-variables/').send({ environment: app.test, name: 'TAKEN' })
    .expect(400, { non_field_errors: ['The fields environment, name must make a unique set.'] });
  const invalid = await divioAs(emu).post('/apps/v3/environment-variables/').send({ environment: app.test, name: '1-bad' }).expect(400);
  expect(Object.keys(invalid.body)).toEqual(['name']);
  await divioAs(emu).post('/apps/v3/environment-variables/').send({ name: 'X' }).expect(400, { environment: ['This field is required.'] });
  expect(await stateOf(emu)).toEqual(before);
});

test('update, partial update and destroy', async () => {
  const app = await createApplication(emu, 'edits');
  const v = await create(app.test, 'OLD');
  const put = await divioAs(emu).put(`/apps/v3/environment-variables/${v.body.uuid}/`).send({ name: 'NEW', value: 'x' }).expect(200);
  expect(put.body).toMatchObject({ name: 'NEW', value: 'x' });
  const patch = await divioAs(emu).patch(`/apps/v3/environment-variables/${v.body.uuid}/`).type('form')
    .send({ is_pattern_replacement_active: 'true' }).expect(200);
  expect(patch.body).toMatchObject({ name: 'NEW', value: 'x', is_pattern_replacement_active: true });
  await divioAs(emu).put(`/apps/v3/environment-variables/${v.body.uuid}/`).send({ value: 'y' }).expect(400, { name: ['This field is required.'] });
  await divioAs(emu).delete(`/apps/v3/environment-variables/${v.body.uuid}/`).expect(204);
  await divioAs(emu).get(`/apps/v3/environment-variables/${v.body.uuid}/`).expect(404, { detail: 'Not found.' });
});

test('move before and after another variable of the same environment', async () => {
  const app = await createApplication(emu, 'order');
  const a = await create(app.test, 'A');
  const b = await create(app.test, 'B');
  const c = await create(app.test, 'C');
  await divioAs(emu).post(`/apps/v3/environment-variables/${c.body.uuid}/move-before/`).send({ target: a.body.uuid })
    .expect(200, { target: a.body.uuid });
  await divioAs(emu).post(`/apps/v3/environment-variables/${a.body.uuid}/move-after/`).send({ target: b.body.uuid }).expect(200);
  const list = await divioAs(emu).get(`/apps/v3/environment-variables/?environment=${app.test}`).expect(200);
  expect(list.body.results.map((v: { name: string; order: number }) => [v.name, v.order])).toEqual([['C', 1], ['B', 2], ['A', 3]]);
  const other = await create(app.live, 'D');
  await divioAs(emu).post(`/apps/v3/environment-variables/${a.body.uuid}/move-after/`).send({ target: other.body.uuid })
    .expect(400, { target: [`Invalid pk "${other.body.uuid}" - object does not exist.`] });
});
