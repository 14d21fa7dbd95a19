import { startEmulator, type Emulator } from '../../src/http/emulator';
import { client } from '../helpers/emulator';
import { ADMIN_BASIC, CLUSTER, COMPANY } from '../helpers/medstack';
import { startReceiver } from '../helpers/receiver';

/**
 * The MedStack lifecycle on the real clock and the real timer: a node comes up by itself, and a
 * webhook receiver on loopback gets every change as it happens.
 */
let emu: Emulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
  emu = await startEmulator({ ports: 0, strict: true, nodeDurations: { provisionMs: 300, resizeMs: 300, rebootMs: 300, deleteMs: 300 } });
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});

const poll = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still waiting: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

test('volume, secret and config; a service using them; scale; a node comes up; webhooks follow', async () => {
  const ms = client(emu.urls.medstack!, ADMIN_BASIC);
  const hook = (await ms.post(`${COMPANY}/webhooks/outgoing`).send({ url: receiver.url, cluster_id: 'default', label: 'scenario' }).expect(201)).body;

  await ms.post(`${CLUSTER}/volumes`).send({ name: 'uploads' }).expect(201);
  await ms.post(`${CLUSTER}/secrets`).send({ name: 'django-secret', data: 'not-telling' }).expect(201);
  await ms.post(`${CLUSTER}/configs`).send({ name: 'settings', data: 'DEBUG=0' }).expect(201);
  const service = (await ms.post(`${CLUSTER}/services`).send({
    name: 'clinic', image: 'clinic/web:1.0', replicas: 1,
    secrets: [{ name: 'django-secret', file_name: '/run/secrets/django', mode: '0400' }],
    configs: [{ name: 'settings', file_name: '/app/settings.env' }],
    mounts: [{ source: 'uploads', target: '/app/uploads' }],
    environment_variables: [{ key: 'DJANGO_SETTINGS_MODULE', value: 'clinic.settings' }],
  }).expect(201)).body;

  await ms.patch(`${CLUSTER}/services/${service.id}`).send({ replicas: 3 }).expect(201);
  const tasks = (await ms.get(`${CLUSTER}/tasks`).expect(200)).body.data;
  expect(tasks).toHaveLength(3);
  expect(tasks.every((t: { service_id: string; status: { state: string } }) => t.service_id === service.id && t.status.state === 'running')).toBe(true);

  const node = (await ms.post(`${CLUSTER}/nodes`).send({ size_id: 'node_size_medium' }).expect(202)).body;
  expect(node.status).toBe('provisioning');
  const up = await poll(async () => (await ms.get(`${CLUSTER}/nodes/${node.id}`).expect(202)).body, (n) => n.status === 'running');
  expect(up).toMatchObject({ id: node.id, size: 'node_size_medium', swarm_manager: true });

  const events = await receiver.waitFor(4);
  await receiver.waitFor(1, (r) => r.body.type === 'node.updated');
  const types = receiver.received.map((r) => r.body.type);
  expect(types).toEqual(expect.arrayContaining(['service.created', 'service.updated', 'node.created', 'node.updated']));
  expect(events.every((r) => r.body.company_id === 'polypaas' && r.body.cluster_id === 'default')).toBe(true);
  const created = receiver.received.find((r) => r.body.type === 'service.created')!.body;
  expect(created.data).toEqual({ object: expect.objectContaining({ id: service.id, name: 'clinic', object: 'service' }) });
  const nodeUp = receiver.received.find((r) => r.body.type === 'node.updated')!.body;
  expect(nodeUp.data).toEqual({ object: expect.objectContaining({ id: node.id, status: 'running' }) });

  await ms.delete(`${CLUSTER}/services/${service.id}`).expect(204);
  const deleted = (await receiver.waitFor(1, (r) => r.body.type === 'service.deleted'))[0].body;
  expect(deleted.data).toEqual({ object: { id: service.id, object: 'service', name: 'clinic', deleted: true } });

  await emu.webhooksIdle();
  const metadata = (await ms.get(`${COMPANY}/webhooks/outgoing/${hook.id}`).expect(200)).body.metadata;
  expect(metadata.failure_count).toBe(0);
  expect(metadata.last_triggered).not.toBeNull();
});
