import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { deisAs } from '../helpers/deis';
import { CLUSTER, medstackAs } from '../helpers/medstack';

/** Many clients at once over real connections: every rule holds as if they had come one by one. */
let emu: TestEmulator;
beforeAll(async () => { emu = await startTestEmulator(); });
afterAll(() => emu.close());
beforeEach(() => emu.reset());

test('the same app name from many clients at once: exactly one wins', async () => {
  const results = await Promise.all(Array.from({ length: 25 }, () => deisAs(emu).post('/v1/apps/').send({ id: 'contested' })));
  expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  expect(results.filter((r) => r.status === 400)).toHaveLength(24);
});

test('concurrent config changes through two dialects get consecutive release numbers, none lost', async () => {
  const service = (await medstackAs(emu).post(`${CLUSTER}/services`).send({ name: 'busy', image: 'x' }).expect(201)).body;
  const sends = Array.from({ length: 30 }, (_, i) => (i % 2
    ? deisAs(emu).post('/v1/apps/busy/config/').send({ values: { [`K${i}`]: String(i) } })
    : medstackAs(emu).patch(`${CLUSTER}/services/${service.id}`).send({ replicas: i % 5 })));
  const results = await Promise.all(sends);
  expect(results.every((r) => r.status === 201)).toBe(true);
  const releases = (await deisAs(emu).get('/v1/apps/busy/releases').expect(200)).body.results.map((r: { version: number }) => r.version);
  expect(releases).toEqual(Array.from({ length: releases.length }, (_, i) => releases.length - i));
  const values = (await deisAs(emu).get('/v1/apps/busy/config').expect(200)).body.values;
  expect(Object.keys(values)).toHaveLength(15);
});
