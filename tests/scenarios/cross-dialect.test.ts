import { DEFAULT_FIXTURES, readFixtures } from '../../src/store/fixtures';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { deisAs } from '../helpers/deis';
import { CLUSTER, medstackAs } from '../helpers/medstack';

/** One core, two views: a MedStack service is a Deis app, and a Deis app is a MedStack service. */
let emu: TestEmulator;
beforeAll(async () => {
  const base = readFixtures(DEFAULT_FIXTURES);
  emu = await startTestEmulator({
    fixtures: {
      ...base,
      tenants: [...base.tenants!, { id: 'acme', name: 'Acme' }],
      clusters: [...base.clusters!, { id: 'acme-us', tenant: 'acme', name: 'us', default: true }],
      users: [...base.users!, { username: 'ace', password: 'pw', tenant: 'acme', superuser: true, tokens: ['ace-token'] }],
    },
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

test('a service created through MedStack is an app through Deis', async () => {
  const service = (await medstackAs(emu).post(`${CLUSTER}/services`)
    .send({ name: 'from-medstack', image: 'nginx:1.25', replicas: 2, environment_variables: [{ key: 'PORT', value: '80' }] }).expect(201)).body;
  const app = (await deisAs(emu).get('/v1/apps/from-medstack').expect(200)).body;
  expect(app).toMatchObject({ id: 'from-medstack', uuid: service.id, owner: 'admin', structure: { cmd: 2 } });
  expect((await deisAs(emu).get('/v1/apps/from-medstack/config').expect(200)).body.values).toEqual({ PORT: '80' });
  const containers = (await deisAs(emu).get('/v1/apps/from-medstack/containers').expect(200)).body.results;
  const tasks = (await medstackAs(emu).get(`${CLUSTER}/tasks`).expect(200)).body.data;
  expect(containers.map((c: { uuid: string }) => c.uuid)).toEqual(tasks.map((t: { id: string }) => t.id));

  await deisAs(emu).post('/v1/apps/from-medstack/scale').send({ cmd: 4 }).expect(204);
  expect((await medstackAs(emu).get(`${CLUSTER}/services/${service.id}`).expect(200)).body.replicas).toBe(4);
  await deisAs(emu).delete('/v1/apps/from-medstack').expect(204);
  await medstackAs(emu).get(`${CLUSTER}/services/${service.id}`).expect(404);
});

test('an app created through Deis is a service in the default cluster through MedStack', async () => {
  const app = (await deisAs(emu).post('/v1/apps/').send({ id: 'from-deis' }).expect(201)).body;
  const fresh = (await medstackAs(emu).get(`${CLUSTER}/services/${app.uuid}`).expect(200)).body;
  expect(fresh).toMatchObject({ id: app.uuid, name: 'from-deis', image: '', replicas: 0, environment_variables: [], object: 'service' });

  await deisAs(emu).post('/v1/apps/from-deis/builds/').send({ image: 'deis/example-go:latest' }).expect(201);
  await deisAs(emu).post('/v1/apps/from-deis/config/').send({ values: { HELLO: 'world' } }).expect(201);
  const built = (await medstackAs(emu).get(`${CLUSTER}/services/${app.uuid}`).expect(200)).body;
  expect(built).toMatchObject({ image: 'deis/example-go:latest', replicas: 1, environment_variables: [{ key: 'HELLO', value: 'world' }] });
  const listed = (await medstackAs(emu).get(`${CLUSTER}/services`).expect(200)).body.data.map((s: { name: string }) => s.name);
  expect(listed).toEqual(['from-deis']);

  await medstackAs(emu).patch(`${CLUSTER}/services/${app.uuid}`).send({ replicas: 3, environment_variables: [{ key: 'HELLO', value: 'medstack' }] }).expect(201);
  expect((await deisAs(emu).get('/v1/apps/from-deis').expect(200)).body.structure).toEqual({ cmd: 3 });
  expect((await deisAs(emu).get('/v1/apps/from-deis/config').expect(200)).body.values).toEqual({ HELLO: 'medstack' });
  await medstackAs(emu).delete(`${CLUSTER}/services/${app.uuid}`).expect(204);
  await deisAs(emu).get('/v1/apps/from-deis').expect(404);
});

test('a service named like another company\'s app is, through Deis, the app <name>-<cluster>: one app, two names', async () => {
  await deisAs(emu).post('/v1/apps/').send({ id: 'shop' }).expect(201);
  const acmeServices = '/v1/companies/acme/clusters/acme-us/services';
  const ace = { medstack: `Basic ${Buffer.from('ace:ace-token').toString('base64')}`, deis: 'ace-token' };
  const service = (await medstackAs(emu, ace.medstack).post(acmeServices).send({ name: 'shop', image: 'nginx:1.25' }).expect(201)).body;
  expect(service.name).toBe('shop');

  const apps = (await deisAs(emu, ace.deis).get('/v1/apps').expect(200)).body.results;
  expect(apps.map((a: { id: string; uuid: string }) => [a.id, a.uuid])).toEqual([['shop-acme-us', service.id]]);
  await deisAs(emu, ace.deis).post('/v1/apps/shop-acme-us/config/').send({ values: { FROM: 'deis' } }).expect(201);
  const seen = (await medstackAs(emu, ace.medstack).get(`${acmeServices}/${service.id}`).expect(200)).body;
  expect(seen).toMatchObject({ name: 'shop', environment_variables: [{ key: 'FROM', value: 'deis' }] });
  await deisAs(emu, ace.deis).get('/v1/apps/shop').expect(404);
  await deisAs(emu).get('/v1/apps/shop').expect(200);
});
