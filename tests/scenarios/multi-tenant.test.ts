import { DEFAULT_FIXTURES, readFixtures } from '../../src/store/fixtures';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { deisAs } from '../helpers/deis';
import { medstackAs } from '../helpers/medstack';

/**
 * One tenant, "studio", is at once a Tsuru-style team, a Divio-style organisation and a MedStack company.
 * Dana belongs to it and to the default tenant; she sees the apps of both, through every dialect,
 * and nothing of "acme", where she is no member.
 */
let emu: TestEmulator;
const dana = { medstack: `Basic ${Buffer.from('dana:dana-token').toString('base64')}` };

beforeAll(async () => {
  const base = readFixtures(DEFAULT_FIXTURES);
  emu = await startTestEmulator({
    fixtures: {
      ...base,
      tenants: [...base.tenants!, { id: 'studio', name: 'Studio', uuid: '5e3b2c7a-1f0d-4c59-9d2e-7a1b3c4d5e6f' }, { id: 'acme', name: 'Acme' }],
      clusters: [...base.clusters!, { id: 'studio-eu', tenant: 'studio', name: 'eu', default: true }, { id: 'acme-us', tenant: 'acme', name: 'us', default: true }],
      users: [
        ...base.users!,
        { username: 'dana', password: 'pw', email: 'dana@studio.example', tenant: 'studio', tenants: [{ tenant: 'polypaas' }], tokens: ['dana-token'] },
        { username: 'sid', password: 'pw', tenant: 'studio' },
        { username: 'ace', password: 'pw', tenant: 'acme', superuser: true },
      ],
      apps: [
        { name: 'home-site', owner: 'admin' },
        { name: 'studio-api', owner: 'sid' },
        { name: 'studio-web', owner: 'dana' },
        { name: 'acme-shop', owner: 'ace' },
      ],
    },
  });
});
afterAll(() => emu.close());

test('through Deis, Dana lists and reads the apps of both her tenants and nothing else', async () => {
  const listed = (await deisAs(emu, 'dana-token').get('/v1/apps').expect(200)).body;
  expect(listed.results.map((a: { id: string }) => a.id)).toEqual(['home-site', 'studio-api', 'studio-web']);
  await deisAs(emu, 'dana-token').get('/v1/apps/studio-api/config').expect(200);
  await deisAs(emu, 'dana-token').get('/v1/apps/acme-shop').expect(404);
});

test('through MedStack, each of her companies shows its own services; the other company does not exist', async () => {
  const current = (await medstackAs(emu, dana.medstack).get('/v1/companies/current').expect(200)).body;
  expect(current.id).toBe('studio');
  const studio = (await medstackAs(emu, dana.medstack).get('/v1/companies/studio/clusters/studio-eu/services').expect(200)).body.data;
  expect(studio.map((s: { name: string }) => s.name)).toEqual(['studio-api', 'studio-web']);
  const home = (await medstackAs(emu, dana.medstack).get('/v1/companies/polypaas/clusters/default/services').expect(200)).body.data;
  expect(home.map((s: { name: string }) => s.name)).toEqual(['home-site']);
  await medstackAs(emu, dana.medstack).get('/v1/companies/acme/clusters').expect(404);
  await medstackAs(emu, dana.medstack).get('/v1/companies/acme/clusters/acme-us/services').expect(404);
});

test('the superuser of the other tenant sees only its own, in every dialect', async () => {
  const ace = { medstack: `Basic ${Buffer.from('ace:pw').toString('base64')}` };
  const services = (await medstackAs(emu, ace.medstack).get('/v1/companies/acme/clusters/acme-us/services').expect(200)).body.data;
  expect(services.map((s: { name: string }) => s.name)).toEqual(['acme-shop']);
  await medstackAs(emu, ace.medstack).get('/v1/companies/studio/clusters').expect(404);
  const login = await deisAs(emu).post('/v1/auth/login/').send({ username: 'ace', password: 'pw' }).expect(200);
  const apps = (await deisAs(emu, login.body.token).get('/v1/apps').expect(200)).body.results;
  expect(apps.map((a: { id: string }) => a.id)).toEqual(['acme-shop']);
});
