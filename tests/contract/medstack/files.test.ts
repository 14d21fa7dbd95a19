import { stateOf } from '../../helpers/emulator';
import { CLUSTER, medstackAs, withMedstackEmulator } from '../../helpers/medstack';

const emu = withMedstackEmulator();
const DATE = '2014-01-01T00:00:00.000Z';

describe('secrets', () => {
  test('create, list (never the value), delete', async () => {
    const secret = (await medstackAs(emu).post(`${CLUSTER}/secrets`).send({ name: 'api-key', data: 'hunter2' }).expect(201)).body;
    expect(secret).toEqual({ id: expect.any(String), object: 'secret', name: 'api-key', created: DATE });
    const listed = await medstackAs(emu).get(`${CLUSTER}/secrets`).expect(200);
    expect(listed.body).toEqual({ object: 'list', data: [secret] });
    expect(listed.text).not.toContain('hunter2');
    await medstackAs(emu).delete(`${CLUSTER}/secrets/${secret.id}`).expect(204);
    await medstackAs(emu).delete(`${CLUSTER}/secrets/${secret.id}`).expect(404);
  });

  test('a secret in use cannot be deleted (409) until the service lets go of it', async () => {
    const secret = (await medstackAs(emu).post(`${CLUSTER}/secrets`).send({ name: 'pw', data: 'x' }).expect(201)).body;
    const service = (await medstackAs(emu).post(`${CLUSTER}/services`).send({ name: 'user', image: 'x', secrets: [{ name: 'pw' }] }).expect(201)).body;
    const before = await stateOf(emu);
    const res = await medstackAs(emu).delete(`${CLUSTER}/secrets/${secret.id}`).expect(409);
    expect(res.body).toEqual({ code: 409, type: 'conflict error', message: 'The secret is in use by: user' });
    expect(await stateOf(emu)).toEqual(before);
    await medstackAs(emu).patch(`${CLUSTER}/services/${service.id}`).send({ secrets: [] }).expect(201);
    await medstackAs(emu).delete(`${CLUSTER}/secrets/${secret.id}`).expect(204);
  });
});

describe('configs', () => {
  test('create, list, get (with data), delete; in use is a 409', async () => {
    const config = (await medstackAs(emu).post(`${CLUSTER}/configs`).send({ name: 'app.ini', data: '[main]\nx=1' }).expect(201)).body;
    expect(config).toEqual({ id: expect.any(String), object: 'config', name: 'app.ini', data: '[main]\nx=1', created: DATE });
    await medstackAs(emu).get(`${CLUSTER}/configs`).expect(200, { object: 'list', data: [config] });
    await medstackAs(emu).get(`${CLUSTER}/configs/${config.id}`).expect(200, config);
    const service = (await medstackAs(emu).post(`${CLUSTER}/services`).send({ name: 'reader', image: 'x', configs: [{ name: 'app.ini' }] }).expect(201)).body;
    await medstackAs(emu).delete(`${CLUSTER}/configs/${config.id}`).expect(409);
    await medstackAs(emu).delete(`${CLUSTER}/services/${service.id}`).expect(204);
    await medstackAs(emu).delete(`${CLUSTER}/configs/${config.id}`).expect(204);
    await medstackAs(emu).get(`${CLUSTER}/configs/${config.id}`).expect(404);
  });
});

describe('volumes', () => {
  test('create, list with the services that mount it, delete once unused', async () => {
    const volume = (await medstackAs(emu).post(`${CLUSTER}/volumes`).send({ name: 'pgdata' }).expect(201)).body;
    expect(volume).toEqual({ id: expect.any(String), object: 'volume', name: 'pgdata', created: DATE, service_usage: [] });
    // A mount may name the volume by name or by id.
    const service = (await medstackAs(emu).post(`${CLUSTER}/services`)
      .send({ name: 'pg', image: 'postgres', mounts: [{ source: volume.id, target: '/var/lib/postgresql' }] }).expect(201)).body;
    await medstackAs(emu).get(`${CLUSTER}/volumes`).expect(200, { object: 'list', data: [{ ...volume, service_usage: ['pg'] }] });
    await medstackAs(emu).delete(`${CLUSTER}/volumes/${volume.id}`).expect(409);
    await medstackAs(emu).delete(`${CLUSTER}/services/${service.id}`).expect(204);
    await medstackAs(emu).delete(`${CLUSTER}/volumes/${volume.id}`).expect(204);
    await medstackAs(emu).get(`${CLUSTER}/volumes`).expect(200, { object: 'list', data: [] });
    await medstackAs(emu).delete(`${CLUSTER}/volumes/${volume.id}`).expect(404);
  });
});

test.each(['secrets', 'configs', 'volumes'])('%s: names are unique per cluster (409) and must be valid (400)', async (kind) => {
  const body = { name: 'dup', data: 'x' };
  await medstackAs(emu).post(`${CLUSTER}/${kind}`).send(body).expect(201);
  const clash = await medstackAs(emu).post(`${CLUSTER}/${kind}`).send(body).expect(409);
  expect(clash.body.type).toBe('conflict error');
  const bad = await medstackAs(emu).post(`${CLUSTER}/${kind}`).send({ ...body, name: '../etc' }).expect(400);
  expect(bad.body).toMatchObject({ param: 'name' });
  await medstackAs(emu).post(`${CLUSTER}/${kind}`).send({}).expect(400);
});
