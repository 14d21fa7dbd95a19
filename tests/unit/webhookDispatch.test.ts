import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { medstackWebhookPayload } from '../../dialects/medstack/mappers';
import { DEFAULT_DISPATCHER_OPTIONS, WebhookDispatcher, type PayloadRenderer } from '../../src/webhooks/dispatcher';
import { startTestCore, type TestCore } from '../helpers/core';
import { startReceiver } from '../helpers/receiver';

let t: TestCore;
let dispatcher: WebhookDispatcher | undefined;
beforeEach(() => { t = startTestCore(); });
afterEach(() => {
  dispatcher?.close();
  dispatcher = undefined;
  t.store.close();
});

/** A second dialect's renderer, shaped nothing like MedStack's, so a body tells which one wrote it. */
const otherDialect: PayloadRenderer = (event) => ({ type: event.kind, payload: { kind: event.kind, target: event.targetValue } });

const startDispatcher = () => {
  dispatcher = new WebhookDispatcher(t.core, { medstack: medstackWebhookPayload, other: otherDialect }, { ...DEFAULT_DISPATCHER_OPTIONS, retryDelaysMs: [] });
  return dispatcher;
};

test('each webhook gets its body from the renderer of the dialect it belongs to', async () => {
  const receiver = await startReceiver([200]);
  try {
    startDispatcher();
    const m = t.core.webhooks.create(t.admin, 'polypaas', 'medstack', { url: `${receiver.url}?m` });
    const o = t.core.webhooks.create(t.admin, 'polypaas', 'other', { url: `${receiver.url}?o` });
    t.core.webhooks.test(t.admin, 'polypaas', m.id);
    t.core.webhooks.test(t.admin, 'polypaas', o.id);
    await receiver.waitFor(2);
    await dispatcher!.idle();
    const byPath = Object.fromEntries(receiver.received.map((r) => [r.path, r.body]));
    expect(byPath['/hook?m']).toMatchObject({ object: 'event', type: 'webhook.test', data: { object: { message: 'A test event from polypaas' } } });
    expect(byPath['/hook?o']).toEqual({ kind: 'webhook.test', target: 'polypaas' });
  } finally {
    await receiver.close();
  }
});

test('a webhook of a dialect this emulator does not serve gets nothing, and nothing breaks', async () => {
  startDispatcher();
  const hook = t.core.webhooks.create(t.admin, 'polypaas', 'unserved', { url: 'http://127.0.0.1:9/never' });
  t.core.webhooks.test(t.admin, 'polypaas', hook.id);
  await dispatcher!.idle();
  expect(t.core.webhooks.deliveries()).toEqual([]);
});

test('the payload shows the state as the event left it, even when the next change commits before delivery', async () => {
  const receiver = await startReceiver([200]);
  try {
    startDispatcher();
    t.core.webhooks.create(t.admin, 'polypaas', 'medstack', { url: receiver.url });
    const created = t.core.workloads.create(t.admin, 'polypaas', 'default', 'api', { image: 'nginx:1' });
    t.core.workloads.update(t.admin, 'polypaas', 'default', created.app.id, { image: 'nginx:2' }, 'patch');
    t.core.workloads.update(t.admin, 'polypaas', 'default', created.app.id, { image: 'nginx:3' }, 'patch');
    const got = await receiver.waitFor(3);
    expect(got.map((r) => [r.body.type, (r.body.data as { object: { image: string } }).object.image]).sort())
      .toEqual([['service.created', 'nginx:1'], ['service.updated', 'nginx:2'], ['service.updated', 'nginx:3']]);
  } finally {
    await receiver.close();
  }
});

test('a renderer that throws costs a failed delivery record, not the write that caused the event', async () => {
  dispatcher = new WebhookDispatcher(t.core, { broken: () => { throw new Error('no shape for this'); } }, DEFAULT_DISPATCHER_OPTIONS);
  const hook = t.core.webhooks.create(t.admin, 'polypaas', 'broken', { url: 'http://127.0.0.1:9/never' });
  expect(() => t.core.webhooks.test(t.admin, 'polypaas', hook.id)).not.toThrow();
  expect(t.core.webhooks.deliveries()).toEqual([expect.objectContaining({
    webhookId: hook.id, eventType: 'webhook.test', attempts: 0, succeeded: false, error: 'the payload could not be rendered: no shape for this',
  })]);
});

describe('finding subscribers', () => {
  /** How many SQL statements `work` prepares: drizzle prepares one per query it runs. */
  const statementsRunBy = (work: () => void) => {
    const spy = jest.spyOn(t.store.sqlite, 'prepare');
    try {
      work();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  };
  const anEvent = () => t.core.events.record({ tenantId: 'polypaas', clusterId: 'default' }, 'app.scale', 'admin', { app: 'x' });

  test('costs no query while no webhook exists, and finds one as soon as it is created', () => {
    const event = anEvent();
    t.core.webhooks.subscribersOf(event);
    expect(statementsRunBy(() => t.core.webhooks.subscribersOf(event))).toBe(0);
    const hook = t.core.webhooks.create(t.admin, 'polypaas', 'medstack', { url: 'https://hooks.example.com/a' });
    expect(t.core.webhooks.subscribersOf(event).map((w) => w.id)).toEqual([hook.id]);
    t.core.webhooks.remove(t.admin, 'polypaas', hook.id);
    expect(t.core.webhooks.subscribersOf(event)).toEqual([]);
    expect(statementsRunBy(() => t.core.webhooks.subscribersOf(event))).toBe(0);
  });

  test('forgets what it knew on a reset and on a restore', async () => {
    const event = anEvent();
    const hook = t.core.webhooks.create(t.admin, 'polypaas', 'medstack', { url: 'https://hooks.example.com/a' });
    expect(t.core.webhooks.subscribersOf(event)).toHaveLength(1);
    const dir = mkdtempSync(path.join(tmpdir(), 'polypaas-hooks-'));
    try {
      await t.store.backupTo(path.join(dir, 'with-hook.db'));
      t.store.tx(() => t.store.wipe());
      expect(t.core.webhooks.subscribersOf(event)).toEqual([]);
      t.store.restoreFrom(path.join(dir, 'with-hook.db'));
      expect(t.core.webhooks.subscribersOf(event).map((w) => w.id)).toEqual([hook.id]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
