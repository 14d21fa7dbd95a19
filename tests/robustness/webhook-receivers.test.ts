import request from 'supertest';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { CLUSTER, COMPANY, medstackAs } from '../helpers/medstack';
import { startReceiver, startStuckReceiver } from '../helpers/receiver';

const HOOKS = `${COMPANY}/webhooks/outgoing`;
const SERVICES = `${CLUSTER}/services`;

let emu: TestEmulator | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await emu?.close();
  await Promise.all(closers.splice(0).map((close) => close()));
});

const deliveries = async (e: TestEmulator) =>
  (await request(e.urls.gateway!).get('/_polypaas/webhooks/deliveries').expect(200)).body.deliveries as Record<string, unknown>[];

async function hookTo(e: TestEmulator, url: string): Promise<string> {
  return (await medstackAs(e).post(HOOKS).send({ url }).expect(201)).body.id;
}

test('four receivers answering a byte every 100 ms are cut at the deadline, and a healthy one is served after it', async () => {
  emu = await startTestEmulator({ webhookDelivery: { timeoutMs: 600, retryDelaysMs: [] } });
  const slow = await Promise.all([0, 1, 2, 3].map(() => startStuckReceiver(100)));
  const healthy = await startReceiver();
  closers.push(...slow.map((r) => r.close), healthy.close);
  const slowHooks = await Promise.all(slow.map((r) => hookTo(emu!, r.url)));
  const healthyHook = await hookTo(emu, healthy.url);

  const started = Date.now();
  for (const id of [...slowHooks, healthyHook]) await medstackAs(emu).post(`${HOOKS}/${id}/test`).expect(202);
  // The four slow ones hold the four slots until their deadline, not for ever.
  await healthy.waitFor(1, () => true, 5000);
  expect(Date.now() - started).toBeGreaterThanOrEqual(550);

  await emu.webhooksIdle();
  const cut = (await deliveries(emu)).filter((d) => slowHooks.includes(d.webhookId as string));
  expect(cut).toHaveLength(4);
  for (const d of cut) expect(d).toMatchObject({ attempts: 1, statusCode: null, succeeded: false, error: 'no complete answer within 600 ms' });
  expect(slow.map((r) => r.requests())).toEqual([1, 1, 1, 1]);
});

test('one slow receiver with many events holds one slot, not all of them', async () => {
  emu = await startTestEmulator({ webhookDelivery: { timeoutMs: 3000, retryDelaysMs: [] } });
  const slow = await startStuckReceiver(100);
  const healthy = await startReceiver();
  closers.push(slow.close, healthy.close);
  const slowHook = await hookTo(emu, slow.url);
  const healthyHook = await hookTo(emu, healthy.url);

  const started = Date.now();
  for (let i = 0; i < 6; i++) await medstackAs(emu).post(`${HOOKS}/${slowHook}/test`).expect(202);
  await medstackAs(emu).post(`${HOOKS}/${healthyHook}/test`).expect(202);
  await healthy.waitFor(1, () => true, 5000);
  // Served while the slow receiver's first delivery still waits for its 3 s deadline.
  expect(Date.now() - started).toBeLessThan(3000);
  expect(slow.requests()).toBe(1);
});

test('large payloads to dead receivers are bounded in bytes; what was dropped is in the delivery log', async () => {
  const maxQueueBytes = 200_000;
  // The dead receivers hold their deliveries for the whole test: what happens is decided by bytes alone.
  emu = await startTestEmulator({ webhookDelivery: { timeoutMs: 60_000, retryDelaysMs: [], maxQueueBytes } });
  const dead = await Promise.all([0, 1].map(() => startStuckReceiver()));
  closers.push(...dead.map((r) => r.close));
  const hooks = await Promise.all(dead.map((r) => hookTo(emu!, r.url)));
  const big = 'x'.repeat(60_000);
  const service = (await medstackAs(emu).post(SERVICES)
    .send({ name: 'bulky', image: 'redis', environment_variables: [{ key: 'BIG', value: big }] }).expect(201)).body;
  for (let i = 0; i < 10; i++) await medstackAs(emu).patch(`${SERVICES}/${service.id}`).send({ replicas: 1 + (i % 2) }).expect(201);

  // 22 deliveries (created + 10 updates, for two webhooks) of 60 KB each; 200 KB holds three: the two
  // in flight, one per webhook, and one waiting. The other 19 are dropped as they come, and logged.
  let dropped: Record<string, unknown>[] = [];
  for (const deadline = Date.now() + 5000; dropped.length < 19 && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    dropped = (await deliveries(emu)).filter((d) => hooks.includes(d.webhookId as string));
  }
  expect(dropped).toHaveLength(19);
  for (const d of dropped) {
    expect(d).toMatchObject({
      attempts: 0, succeeded: false, statusCode: null,
      error: expect.stringMatching(new RegExp(`^dropped: the delivery queue was full \\(limits 1000 deliveries, ${maxQueueBytes} bytes; this payload \\d+ bytes\\)$`)),
      payload: { omitted: expect.stringMatching(/^payload of \d+ bytes, not kept in the log$/) },
    });
  }
  expect(JSON.stringify(dropped)).not.toContain(big);
  expect(dead.map((r) => r.requests())).toEqual([1, 1]);
});
