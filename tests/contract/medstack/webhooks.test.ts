import request from 'supertest';
import { stateOf } from '../../helpers/emulator';
import { COMPANY, medstackAs, withMedstackEmulator } from '../../helpers/medstack';
import { startReceiver } from '../../helpers/receiver';

const emu = withMedstackEmulator({ webhookDelivery: { retryDelaysMs: [10, 10], timeoutMs: 1000 } });
const HOOKS = `${COMPANY}/webhooks/outgoing`;

test('create, list, get, update, delete', async () => {
  const hook = (await medstackAs(emu).post(HOOKS).send({ url: 'https://hooks.example.com/a', label: 'ops', cluster_id: 'default' }).expect(201)).body;
  expect(hook).toEqual({
    id: expect.any(String), object: 'outgoing_webhook', url: 'https://hooks.example.com/a', label: 'ops', cluster_id: 'default',
    metadata: { last_triggered: null, failure_count: 0 },
  });
  await medstackAs(emu).get(HOOKS).expect(200, { object: 'list', data: [hook] });
  await medstackAs(emu).get(`${HOOKS}/${hook.id}`).expect(200, hook);
  const updated = (await medstackAs(emu).put(`${HOOKS}/${hook.id}`).send({ label: 'everything', cluster_id: null }).expect(200)).body;
  expect(updated).toMatchObject({ url: 'https://hooks.example.com/a', label: 'everything', cluster_id: null });
  await medstackAs(emu).delete(`${HOOKS}/${hook.id}`).expect(204);
  await medstackAs(emu).get(`${HOOKS}/${hook.id}`).expect(404);
});

test.each([
  [{ url: 'http://hooks.example.com/a' }, 'webhook_url', 'Webhook url must use https protocol'],
  [{ url: 'not a url' }, 'webhook_url', 'Webhook url must be a valid URL'],
  [{ url: 'https://x.example.com', cluster_id: 'nope' }, 'cluster_id', 'No cluster nope in this company'],
  [{ label: 'no url' }, 'url', 'is required'],
])('%j is a 400 about %s', async (body, param, message) => {
  const before = await stateOf(emu);
  const res = await medstackAs(emu).post(HOOKS).send(body).expect(400);
  expect(res.body).toMatchObject({ code: 400, type: 'invalid_request_error', param, message, [param]: message });
  expect(await stateOf(emu)).toEqual(before);
});

test('the same url for the same cluster twice is a 409', async () => {
  await medstackAs(emu).post(HOOKS).send({ url: 'https://x.example.com' }).expect(201);
  await medstackAs(emu).post(HOOKS).send({ url: 'https://x.example.com' }).expect(409);
  await medstackAs(emu).post(HOOKS).send({ url: 'https://x.example.com', cluster_id: 'default' }).expect(201);
});

test('test is accepted at once and really delivered; metadata and the admin log follow', async () => {
  const receiver = await startReceiver([200]);
  try {
    const hook = (await medstackAs(emu).post(HOOKS).send({ url: receiver.url }).expect(201)).body;
    await medstackAs(emu).post(`${HOOKS}/${hook.id}/test`).expect(202);
    const [delivery] = await receiver.waitFor(1);
    expect(delivery.method).toBe('POST');
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.body).toEqual({
      id: expect.stringMatching(/^evt_\d+$/), object: 'event', type: 'webhook.test', created: '2014-01-01T00:00:00.000Z',
      company_id: 'polypaas', cluster_id: null, data: { object: { message: 'A test event from polypaas' } },
    });
    await emu.webhooksIdle();
    const after = (await medstackAs(emu).get(`${HOOKS}/${hook.id}`).expect(200)).body;
    expect(after.metadata).toEqual({ last_triggered: '2014-01-01T00:00:00.000Z', failure_count: 0 });
    const log = (await request(emu.urls.gateway!).get('/_polypaas/webhooks/deliveries').expect(200)).body.deliveries;
    expect(log).toEqual([expect.objectContaining({ webhookId: hook.id, eventType: 'webhook.test', attempts: 1, statusCode: 200, responseBody: 'answered 200', succeeded: true })]);
  } finally {
    await receiver.close();
  }
});

test('a failing receiver costs bounded retries and counts failures; a success resets the count', async () => {
  const receiver = await startReceiver([500, 500, 500, 500, 500, 500, 200]);
  try {
    const hook = (await medstackAs(emu).post(HOOKS).send({ url: receiver.url }).expect(201)).body;
    await medstackAs(emu).post(`${HOOKS}/${hook.id}/test`).expect(202);
    await receiver.waitFor(3);
    await emu.webhooksIdle();
    expect(receiver.received).toHaveLength(3);
    expect((await medstackAs(emu).get(`${HOOKS}/${hook.id}`).expect(200)).body.metadata.failure_count).toBe(1);
    await medstackAs(emu).post(`${HOOKS}/${hook.id}/test`).expect(202);
    await receiver.waitFor(6);
    await emu.webhooksIdle();
    expect((await medstackAs(emu).get(`${HOOKS}/${hook.id}`).expect(200)).body.metadata.failure_count).toBe(2);
    await medstackAs(emu).post(`${HOOKS}/${hook.id}/test`).expect(202);
    await receiver.waitFor(7);
    await emu.webhooksIdle();
    expect((await medstackAs(emu).get(`${HOOKS}/${hook.id}`).expect(200)).body.metadata.failure_count).toBe(0);
  } finally {
    await receiver.close();
  }
});

test('a dead receiver is recorded as failed, without a status', async () => {
  const receiver = await startReceiver();
  const url = receiver.url;
  await receiver.close();
  const hook = (await medstackAs(emu).post(HOOKS).send({ url }).expect(201)).body;
  await medstackAs(emu).post(`${HOOKS}/${hook.id}/test`).expect(202);
  await emu.webhooksIdle();
  const log = (await request(emu.urls.gateway!).get('/_polypaas/webhooks/deliveries').expect(200)).body.deliveries;
  expect(log.at(-1)).toMatchObject({ webhookId: hook.id, attempts: 3, statusCode: null, succeeded: false, error: expect.stringMatching(/ECONNREFUSED/) });
  expect((await medstackAs(emu).get(`${HOOKS}/${hook.id}`).expect(200)).body.metadata.failure_count).toBe(1);
});

test('unknown webhooks are 404s', async () => {
  await medstackAs(emu).get(`${HOOKS}/nope`).expect(404);
  await medstackAs(emu).put(`${HOOKS}/nope`).send({}).expect(404);
  await medstackAs(emu).post(`${HOOKS}/nope/test`).expect(404);
  await medstackAs(emu).delete(`${HOOKS}/nope`).expect(404);
});
