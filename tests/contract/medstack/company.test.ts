import request from 'supertest';
import { deisAnonymous } from '../../helpers/deis';
import { ADMIN_BASIC, CLUSTER, COMPANY, medstackAs, withMedstackEmulator } from '../../helpers/medstack';

const emu = withMedstackEmulator();
const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

test('the current company comes from the credentials', async () => {
  await medstackAs(emu).get('/v1/companies/current').expect(200, {
    id: 'polypaas', name: 'polypaas', street_address: '1 Loopback Lane', city: 'Toronto', province: 'ON', country: 'CA',
    postal_code: 'M5V 0A1', phone_number: '+1-555-0100', object: 'company',
  });
});

test('the password works as the Basic secret too', async () => {
  await medstackAs(emu, basic('admin', 'polypaas')).get('/v1/companies/current').expect(200);
});

test('clusters: list and get', async () => {
  const cluster = { id: 'default', label: 'default', object: 'cluster', infrastructure_provider: { id: 'local' }, region: { name: 'local-1' } };
  await medstackAs(emu).get(`${COMPANY}/clusters`).expect(200, { object: 'list', data: [cluster] });
  await medstackAs(emu).get(CLUSTER).expect(200, cluster);
});

test("another company's ids and unknown clusters are 404s", async () => {
  await medstackAs(emu).get('/v1/companies/someone-else/clusters').expect(404, { code: 404, type: 'not_found', message: 'Company not found' });
  await medstackAs(emu).get(`${COMPANY}/clusters/nope`).expect(404, { code: 404, type: 'not_found', message: 'Cluster not found' });
});

test('a user of another tenant sees only their own company', async () => {
  await request(emu.urls.gateway!).post('/_polypaas/seed').send({
    tenants: [{ id: 'acme', name: 'Acme' }], clusters: [{ id: 'acme-1', tenant: 'acme', name: 'acme-1' }],
    users: [{ username: 'wile', password: 'e', tenant: 'acme', tokens: ['acme-token'] }],
  }).expect(200);
  const wile = medstackAs(emu, basic('wile', 'acme-token'));
  await wile.get('/v1/companies/current').expect(200).then((r) => expect(r.body.id).toBe('acme'));
  await wile.get(`${COMPANY}/clusters`).expect(404);
  await wile.get('/v1/companies/acme/clusters/default').expect(404);
  await wile.get('/v1/companies/acme/clusters/acme-1').expect(200);
});

test.each([
  ['', 'Authentication credentials are missing'],
  [basic('admin', 'wrong'), 'Invalid credentials'],
  [basic('ghost', 'polypaas-admin-token'), 'Invalid credentials'],
  ['Bearer polypaas-admin-token', 'Use HTTP Basic authentication'],
  [`Basic ${Buffer.from('no-colon').toString('base64')}`, 'Basic credentials must be user:token'],
])('"%s" is a 401', async (authorization, message) => {
  const res = await medstackAs(emu, authorization).get('/v1/companies/current').expect(401);
  expect(res.body).toEqual({ code: 401, type: 'unauthorized', message });
  expect(res.headers['www-authenticate']).toBe('Basic realm="MedStack Control"');
});

test('a user registered through Deis joins the default company', async () => {
  await deisAnonymous(emu).post('/v1/auth/register/').send({ username: 'dee', password: 'pw' }).expect(201);
  await medstackAs(emu, basic('dee', 'pw')).get(`${COMPANY}/clusters/default`).expect(200);
  expect(ADMIN_BASIC).toBe(basic('admin', 'polypaas-admin-token'));
});
