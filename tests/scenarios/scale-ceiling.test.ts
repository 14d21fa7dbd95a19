import { stateOf } from '../helpers/emulator';
import { deisAs, withDeisEmulator } from '../helpers/deis';
import { CLUSTER, medstackAs } from '../helpers/medstack';

const CEILING = 100;
const emu = withDeisEmulator({ app: 'big', maxScale: CEILING });
const SERVICES = `${CLUSTER}/services`;

beforeEach(async () => {
  await deisAs(emu).post('/v1/apps/big/builds/').send({ image: 'big', procfile: { web: 'bin/web' } }).expect(201);
});

test('Deis: above the ceiling is a DRF 400 that changes nothing', async () => {
  const before = await stateOf(emu);
  const res = await deisAs(emu).post('/v1/apps/big/scale/').send({ web: 200000 }).expect(400);
  expect(res.body).toEqual({ detail: `Must be less than or equal to ${CEILING} (the emulator's --max-scale)` });
  expect(await stateOf(emu)).toEqual(before);
});

// How long the largest allowed scale and a later write take is measured by bench/shared-limits.ts, not asserted here.
test('Deis: the ceiling itself is allowed, and a later config set redeploys every container', async () => {
  await deisAs(emu).post('/v1/apps/big/scale/').send({ web: CEILING }).expect(204);
  const release = await deisAs(emu).post('/v1/apps/big/config/').send({ values: { AFTER: 'scale' } }).expect(201);
  const containers = (await deisAs(emu).get('/v1/apps/big/containers/web/').expect(200)).body;
  expect(containers.count).toBe(CEILING);
  expect(new Set(containers.results.map((c: { release: string }) => c.release))).toEqual(new Set([`v${release.headers['x-deis-release']}`]));
});

test.each([
  [CEILING + 1],
  [2 ** 31 - 1],
])('MedStack: %d replicas is the seed\'s 400 naming replicas, on create and on update', async (replicas) => {
  const before = await stateOf(emu);
  const message = `must be ${CEILING} or fewer (the emulator's --max-scale)`;
  const res = await medstackAs(emu).post(SERVICES).send({ name: 'wide', image: 'redis', replicas }).expect(400);
  expect(res.body).toEqual({ code: 400, type: 'invalid_request_error', param: 'replicas', message, replicas: message });
  expect(await stateOf(emu)).toEqual(before);
  const service = (await medstackAs(emu).post(SERVICES).send({ name: 'narrow', image: 'redis', replicas: CEILING }).expect(201)).body;
  await medstackAs(emu).patch(`${SERVICES}/${service.id}`).send({ replicas }).expect(400);
  expect((await medstackAs(emu).get(`${SERVICES}/${service.id}`).expect(200)).body.replicas).toBe(CEILING);
});
