import { DEFAULT_FIXTURES, readFixtures } from '../../../src/store/fixtures';
import { startTestEmulator, stateOf, type TestEmulator } from '../../helpers/emulator';
import { deisAs } from '../../helpers/deis';
import { CLUSTER, medstackAs } from '../../helpers/medstack';
import { startReceiver } from '../../helpers/receiver';

/**
 * A service's name is unique within its cluster, as a Swarm service's is: another company's service of
 * the same name neither refuses a new one nor shows through it. Only the same name twice in one
 * cluster is the seed's 409.
 */
let emu: TestEmulator;
const ACE = `Basic ${Buffer.from('ace:ace-token').toString('base64')}`;
const ACME = '/v1/companies/acme/clusters/acme-us';

beforeAll(async () => {
  const base = readFixtures(DEFAULT_FIXTURES);
  emu = await startTestEmulator({
    webhookDelivery: { retryDelaysMs: [10, 10], timeoutMs: 1000 },
    fixtures: {
      ...base,
      tenants: [...base.tenants!, { id: 'acme', name: 'Acme' }],
      clusters: [...base.clusters!, { id: 'acme-us', tenant: 'acme', name: 'us', default: true }, { id: 'acme-eu', tenant: 'acme', name: 'eu' }],
      users: [...base.users!, { username: 'ace', password: 'pw', tenant: 'acme', superuser: true, tokens: ['ace-token'] }],
    },
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const SERVICE = { name: 'web', image: 'nginx:1.25', replicas: 1 };
const withoutId = ({ id: _id, ...rest }: { id: string }) => rest;

test('two companies each create a service named web: both 201, each answer the same as for a free name', async () => {
  const home = (await medstackAs(emu).post(`${CLUSTER}/services`).send(SERVICE).expect(201)).body;
  const acme = (await medstackAs(emu, ACE).post(`${ACME}/services`).send(SERVICE).expect(201)).body;
  expect(acme.id).not.toBe(home.id);
  expect(withoutId(acme)).toEqual(withoutId(home));
  expect(acme.name).toBe('web');

  await medstackAs(emu, ACE).get(`${ACME}/services/${acme.id}`).expect(200, acme);
  const patched = (await medstackAs(emu, ACE).patch(`${ACME}/services/${acme.id}`).send({ replicas: 2 }).expect(201)).body;
  expect(patched).toMatchObject({ id: acme.id, name: 'web', replicas: 2 });
  const replaced = (await medstackAs(emu, ACE).put(`${ACME}/services/${acme.id}`).send({ image: 'nginx:1.27' }).expect(201)).body;
  expect(replaced).toMatchObject({ id: acme.id, name: 'web', image: 'nginx:1.27' });
  expect((await medstackAs(emu, ACE).get(`${ACME}/services`).expect(200)).body.data.map((s: { id: string }) => s.id)).toEqual([acme.id]);
  expect((await medstackAs(emu).get(`${CLUSTER}/services`).expect(200)).body.data.map((s: { id: string }) => s.id)).toEqual([home.id]);
  await medstackAs(emu).get(`${CLUSTER}/services/${acme.id}`).expect(404);
});

test('the same name twice in one cluster is the 409 and changes nothing; another cluster of the company takes it', async () => {
  await medstackAs(emu, ACE).post(`${ACME}/services`).send(SERVICE).expect(201);
  const before = await stateOf(emu);
  const clash = await medstackAs(emu, ACE).post(`${ACME}/services`).send({ ...SERVICE, image: 'redis' }).expect(409);
  expect(clash.body).toEqual({ code: 409, type: 'conflict error', message: 'The service name web is not available' });
  expect(await stateOf(emu)).toEqual(before);
  const eu = (await medstackAs(emu, ACE).post('/v1/companies/acme/clusters/acme-eu/services').send(SERVICE).expect(201)).body;
  expect(eu.name).toBe('web');
});

test('a Deis app of the cluster holds its name there: a service of that name in the default cluster is the 409', async () => {
  await deisAs(emu).post('/v1/apps/').send({ id: 'from-deis' }).expect(201);
  await medstackAs(emu).post(`${CLUSTER}/services`).send({ ...SERVICE, name: 'from-deis' }).expect(409);
  await medstackAs(emu, ACE).post(`${ACME}/services`).send({ ...SERVICE, name: 'from-deis' }).expect(201);
});

test('service_usage and the in-use 409 name the services by their own names', async () => {
  await medstackAs(emu).post(`${CLUSTER}/services`).send(SERVICE).expect(201);
  const volume = (await medstackAs(emu, ACE).post(`${ACME}/volumes`).send({ name: 'data' }).expect(201)).body;
  await medstackAs(emu, ACE).post(`${ACME}/services`).send({ ...SERVICE, mounts: [{ source: 'data', target: '/data' }] }).expect(201);
  expect((await medstackAs(emu, ACE).get(`${ACME}/volumes`).expect(200)).body.data[0].service_usage).toEqual(['web']);
  const inUse = await medstackAs(emu, ACE).delete(`${ACME}/volumes/${volume.id}`).expect(409);
  expect(inUse.body.message).toBe('The volume is in use by: web');
});

test('webhooks show the service by its own name, deleted included', async () => {
  const receiver = await startReceiver();
  try {
    await medstackAs(emu).post(`${CLUSTER}/services`).send(SERVICE).expect(201);
    await medstackAs(emu, ACE).post('/v1/companies/acme/webhooks/outgoing').send({ url: receiver.url }).expect(201);
    const acme = (await medstackAs(emu, ACE).post(`${ACME}/services`).send(SERVICE).expect(201)).body;
    await medstackAs(emu, ACE).delete(`${ACME}/services/${acme.id}`).expect(204);
    const [created, deleted] = await Promise.all(['service.created', 'service.deleted'].map(async (type) =>
      (await receiver.waitFor(1, (r) => r.body.type === type))[0].body.data as { object: unknown }));
    expect(created.object).toEqual(acme);
    expect(deleted.object).toEqual({ id: acme.id, object: 'service', name: 'web', deleted: true });
  } finally {
    await receiver.close();
  }
});
