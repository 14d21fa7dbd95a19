import { stateOf } from '../helpers/emulator';
import { deisAs, withDeisEmulator } from '../helpers/deis';
import { CLUSTER, medstackAs } from '../helpers/medstack';

const CEILING = 100;
const emu = withDeisEmulator({ app: 'big', maxScale: CEILING });
const SERVICES = `${CLUSTER}/services`;

/** How long the pipeline spent on the latest request, by its own journal. */
const lastDuration = () => emu.journal.list().at(-1)!.durationMs;

beforeEach(async () => {
  await deisAs(emu).post('/v1/apps/big/builds/').send({ image: 'big', procfile: { web: 'bin/web' } }).expect(201);
});

test('Deis: above the ceiling is a DRF 400 that changes nothing, answered at once', async () => {
  const before = await stateOf(emu);
  const res = await deisAs(emu).post('/v1/apps/big/scale/').send({ web: 200000 }).expect(400);
  expect(res.body).toEqual({ detail: `Must be less than or equal to ${CEILING} (the emulator's --max-scale)` });
  expect(lastDuration()).toBeLessThan(250);
  expect(await stateOf(emu)).toEqual(before);
});

test('Deis: the ceiling itself is allowed, and scaling and a later config set stay quick', async () => {
  await deisAs(emu).post('/v1/apps/big/scale/').send({ web: CEILING }).expect(204);
  const scaleMs = lastDuration();
  await deisAs(emu).post('/v1/apps/big/config/').send({ values: { AFTER: 'scale' } }).expect(201);
  const configMs = lastDuration();
  expect((await deisAs(emu).get('/v1/apps/big/containers/web/').expect(200)).body.count).toBe(CEILING);
  // Generous bounds for a shared CI machine; bench/shared-limits.ts measures the real figures.
  expect(scaleMs).toBeLessThan(250);
  expect(configMs).toBeLessThan(250);
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
