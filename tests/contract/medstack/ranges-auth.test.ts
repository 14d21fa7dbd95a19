import request from 'supertest';
import { stateOf } from '../../helpers/emulator';
import { ADMIN_BASIC, CLUSTER, medstackAs, withMedstackEmulator } from '../../helpers/medstack';

const emu = withMedstackEmulator();
const SERVICES = `${CLUSTER}/services`;

/** Every out-of-range number the seed's types let through: a ratio is a fraction, the rest are counts or durations. */
const OUT_OF_RANGE: [field: string, value: number, message: string][] = [
  ['update_max_failure_ratio', 1.5, 'must be <= 1'],
  ['update_max_failure_ratio', -0.1, 'must be >= 0'],
  ['rollback_max_failure_ratio', 2, 'must be <= 1'],
  ['rollback_max_failure_ratio', -1, 'must be >= 0'],
  ['update_delay', -1, 'must be >= 0'],
  ['rollback_delay', -5, 'must be >= 0'],
  ['update_parallelism', -1, 'must be >= 0'],
  ['rollback_parallelism', -2, 'must be >= 0'],
  ['update_monitor', -1, 'must be >= 0'],
  ['rollback_monitor', -1, 'must be >= 0'],
  ['healthcheck_interval', -1, 'must be >= 0'],
  ['healthcheck_timeout', -1, 'must be >= 0'],
];

test.each(OUT_OF_RANGE)('%s = %d is the seed\'s 400 naming the field, on create and on update', async (field, value, message) => {
  const before = await stateOf(emu);
  const res = await medstackAs(emu).post(SERVICES).send({ name: 'ranged', image: 'redis', [field]: value }).expect(400);
  expect(res.body).toEqual({ code: 400, type: 'invalid_request_error', param: field, message, [field]: message });
  expect(await stateOf(emu)).toEqual(before);
  const service = (await medstackAs(emu).post(SERVICES).send({ name: 'ranged', image: 'redis' }).expect(201)).body;
  await medstackAs(emu).patch(`${SERVICES}/${service.id}`).send({ [field]: value }).expect(400);
  await medstackAs(emu).put(`${SERVICES}/${service.id}`).send({ image: 'redis', [field]: value }).expect(400);
});

test('1e400 (Infinity once parsed) is refused, not stored and read back as null', async () => {
  const res = await medstackAs(emu).post(SERVICES).set('Content-Type', 'application/json')
    .send('{"name":"huge","image":"redis","update_max_failure_ratio":1e400}').expect(400);
  expect(res.body).toMatchObject({ code: 400, param: 'update_max_failure_ratio', message: 'must be <= 1' });
  await medstackAs(emu).get(`${SERVICES}`).expect(200, { object: 'list', data: [] });
});

test('the ends of every range are accepted and read back', async () => {
  const body = {
    name: 'edges', image: 'redis', update_max_failure_ratio: 1, rollback_max_failure_ratio: 0, update_delay: 0, rollback_delay: 0,
    update_parallelism: 0, rollback_parallelism: 0, update_monitor: 0, rollback_monitor: 0, healthcheck_interval: 0, healthcheck_timeout: 0,
  };
  const service = (await medstackAs(emu).post(SERVICES).send(body).expect(201)).body;
  const { name: _name, image: _image, ...numbers } = body;
  expect((await medstackAs(emu).get(`${SERVICES}/${service.id}`).expect(200)).body).toMatchObject(numbers);
});

describe('Basic credentials are exactly "Basic <base64>"', () => {
  test.each([
    [`${ADMIN_BASIC} junk`],
    [`${ADMIN_BASIC} ${ADMIN_BASIC}`],
    [`Basic ${Buffer.from('admin:polypaas-admin-token').toString('base64')}!!`],
    [`Basic YWRtaW46cG9seXBhYXMtYWRtaW4tdG9rZW4=====`],
  ])('%s is a 401', async (authorization) => {
    const res = await request(emu.urls.medstack!).get(`/v1/companies/current`).set('Authorization', authorization).expect(401);
    expect(res.body).toEqual({ code: 401, type: 'unauthorized', message: 'Use HTTP Basic authentication' });
  });

  test('the valid header alone still works, with or without padding and surrounding spaces', async () => {
    await request(emu.urls.medstack!).get(`/v1/companies/current`).set('Authorization', `  ${ADMIN_BASIC}  `).expect(200);
    await request(emu.urls.medstack!).get(`/v1/companies/current`).set('Authorization', ADMIN_BASIC.replace(/=+$/, '')).expect(200);
  });
});
