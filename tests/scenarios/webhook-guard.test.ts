import dns from 'node:dns/promises';
import { hostname } from 'node:os';
import request from 'supertest';
import { ADMIN_TARGET_REFUSAL } from '../../src/webhooks/adminGuard';
import { stateOf } from '../helpers/emulator';
import { COMPANY, medstackAs, withMedstackEmulator } from '../helpers/medstack';
import { deisAs } from '../helpers/deis';
import { startReceiver } from '../helpers/receiver';

const emu = withMedstackEmulator({ webhookDelivery: { retryDelaysMs: [10, 10], timeoutMs: 1000 } });
const HOOKS = `${COMPANY}/webhooks/outgoing`;
const gatewayPort = () => new URL(emu.urls.gateway!).port;

test.each([
  'http://127.0.0.1:PORT/_polypaas/reset',
  'http://localhost:PORT/_polypaas/reset',
  'http://[::1]:PORT//_polypaas/reset',
  'http://127.0.0.1:PORT/%5Fpolypaas/seed',
  'http://2130706433:PORT/_polypaas/reset',
  'https://0.0.0.0:PORT/_polypaas/reset',
  'https://[::ffff:127.0.0.1]:PORT/_polypaas/reset',
])('a webhook at the admin API (%s) is the dialect\'s 400, at creation and at update', async (pattern) => {
  const url = pattern.replace('PORT', gatewayPort());
  const before = await stateOf(emu);
  const res = await medstackAs(emu).post(HOOKS).send({ url }).expect(400);
  expect(res.body).toEqual({ code: 400, type: 'invalid_request_error', param: 'webhook_url', message: ADMIN_TARGET_REFUSAL, webhook_url: ADMIN_TARGET_REFUSAL });
  expect(await stateOf(emu)).toEqual(before);
  const hook = (await medstackAs(emu).post(HOOKS).send({ url: 'https://hooks.example.com/a' }).expect(201)).body;
  await medstackAs(emu).put(`${HOOKS}/${hook.id}`).send({ url }).expect(400);
});

test('other loopback receivers, on other ports, stay allowed', async () => {
  const receiver = await startReceiver();
  try {
    const hook = (await medstackAs(emu).post(HOOKS).send({ url: receiver.url }).expect(201)).body;
    await medstackAs(emu).post(`${HOOKS}/${hook.id}/test`).expect(202);
    await receiver.waitFor(1);
  } finally {
    await receiver.close();
  }
});

test('a name that resolves to this machine is refused at delivery, and the refusal is logged', async () => {
  const name = hostname();
  const resolved = await dns.lookup(name, { all: true });
  expect(resolved.length).toBeGreaterThan(0); // the machine's own name resolves (to loopback or one of its interfaces)
  await deisAs(emu).post('/v1/apps/').send({ id: 'survivor' }).expect(201);
  const hook = (await medstackAs(emu).post(HOOKS).send({ url: `https://${name}:${gatewayPort()}/_polypaas/reset` }).expect(201)).body;
  await medstackAs(emu).post(`${HOOKS}/${hook.id}/test`).expect(202);
  await emu.webhooksIdle();
  const log = (await request(emu.urls.gateway!).get('/_polypaas/webhooks/deliveries').expect(200)).body.deliveries;
  expect(log.at(-1)).toMatchObject({
    webhookId: hook.id, eventType: 'webhook.test', attempts: 1, statusCode: null, succeeded: false,
    error: `refused: ${ADMIN_TARGET_REFUSAL} (${name} resolves to this machine)`,
  });
  await deisAs(emu).get('/v1/apps/survivor').expect(200);
});
