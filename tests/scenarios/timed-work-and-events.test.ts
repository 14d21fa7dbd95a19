import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ManualClock } from '../../src/core/clock';
import { startTestEmulator } from '../helpers/emulator';
import { CLUSTER, COMPANY, medstackAs } from '../helpers/medstack';
import { startReceiver, type Received } from '../helpers/receiver';

let dir: string;
beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'polypaas-timed-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('nodes still in transition when the emulator stops settle after a restart with --db, on time, and webhooks hear of it', async () => {
  const db = path.join(dir, 'state.db');
  const receiver = await startReceiver([200]);
  const first = await startTestEmulator({ db, dialects: ['medstack'], nodeDurations: { provisionMs: 3000 } });
  await medstackAs(first).post(`${COMPANY}/webhooks/outgoing`).send({ url: receiver.url }).expect(201);
  const early = (await medstackAs(first).post(`${CLUSTER}/nodes`).send({ size_id: 'node_size_small' }).expect(202)).body;
  first.clock.advance(2500);
  const late = (await medstackAs(first).post(`${CLUSTER}/nodes`).send({ size_id: 'node_size_small' }).expect(202)).body;
  await first.webhooksIdle();
  await first.close();
  const runningNodes = (r: Received) => r.body.type === 'node.updated' && (r.body.data as { object: { status: string } }).object.status === 'running';
  expect(receiver.received.filter(runningNodes)).toEqual([]);

  // The second run starts at 4 s: the early node (due at 3 s) is up at once, the late one (due at 5.5 s) later.
  const clock = new ManualClock('2014-01-01T00:00:04Z');
  const second = await startTestEmulator({ db, dialects: ['medstack'], clock });
  const statusOf = async (id: string) => (await medstackAs(second).get(`${CLUSTER}/nodes/${id}`).expect(202)).body.status;
  try {
    expect(await statusOf(early.id)).toBe('running');
    expect((await receiver.waitFor(1, runningNodes)).map((r) => (r.body.data as { object: { id: string } }).object.id)).toEqual([early.id]);
    expect(await statusOf(late.id)).toBe('provisioning');
    clock.advance(1499);
    expect(await statusOf(late.id)).toBe('provisioning');
    clock.advance(1);
    expect(await statusOf(late.id)).toBe('running');
  } finally {
    await second.close();
    await receiver.close();
  }
});

test('webhook event ids never repeat across resets and restores (they used to restart at evt_1)', async () => {
  const emu = await startTestEmulator({ dialects: ['medstack'] });
  const receiver = await startReceiver([200]);
  const admin = request(emu.urls.gateway!);
  const hooks = `${COMPANY}/webhooks/outgoing`;
  const deliverTest = async () => {
    const hook = (await medstackAs(emu).get(hooks).expect(200)).body.data[0]
      ?? (await medstackAs(emu).post(hooks).send({ url: receiver.url }).expect(201)).body;
    await medstackAs(emu).post(`${hooks}/${hook.id}/test`).expect(202);
    await emu.webhooksIdle();
  };
  try {
    await deliverTest();
    await admin.post('/_polypaas/snapshot').send({ name: 'one-hook' }).expect(201);
    await deliverTest();
    emu.reset();
    await deliverTest();
    await admin.post('/_polypaas/restore').send({ name: 'one-hook' }).expect(200);
    await deliverTest();
    const ids = (await receiver.waitFor(4)).map((r) => r.body.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  } finally {
    await receiver.close();
    await emu.close();
  }
});
