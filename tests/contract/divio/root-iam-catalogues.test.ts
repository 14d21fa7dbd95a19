import { divioAnonymous, divioAs, ORGANISATION, OTHER_REGION, PLAN_GROUP, REGION, TEMPLATE, TEMPLATE_URL, withDivioEmulator } from '../../helpers/divio';

const emu = withDivioEmulator();

test('GET /apps/v3/ needs no token and maps every collection to its absolute URL', async () => {
  const res = await divioAnonymous(emu).get('/apps/v3/').expect(200);
  expect(res.body.applications).toBe(`${emu.urls.divio}/apps/v3/applications/`);
  expect(Object.keys(res.body)).toEqual(expect.arrayContaining(['deployments', 'environments', 'environment-variables', 'regions']));
  const viaGateway = await divioAnonymous(emu).get('/apps/v3').expect(200);
  expect(viaGateway.body.regions).toBe(`${emu.urls.divio}/apps/v3/regions/`);
  await divioAs(emu, 'bogus').get('/apps/v3/').expect(401);
});

test('an unknown URL is Django\'s 404 page; a wrong method is DRF\'s 405', async () => {
  const missing = await divioAs(emu).get('/apps/v3/nothing-here/').expect(404);
  expect(missing.headers['content-type']).toMatch(/^text\/html/);
  const wrong = await divioAs(emu).put('/apps/v3/regions/').expect(405);
  expect(wrong.body).toEqual({ detail: 'Method "PUT" not allowed.' });
});

test('divio login: /iam/v3/me/ names the user of the token', async () => {
  const res = await divioAs(emu).get('/iam/v3/me/').expect(200);
  expect(res.body).toMatchObject({ email: 'admin@polypaas.local', first_name: '', last_name: '' });
  expect(res.body.uuid).toMatch(/^[0-9a-f-]{36}$/);
  expect((await divioAs(emu).get('/iam/v3/me/').expect(200)).body.uuid).toBe(res.body.uuid);
  await divioAnonymous(emu).get('/iam/v3/me/').expect(401);
});

test('organisations: the caller\'s own, listed and by id (UUID or base32); another is not found', async () => {
  const list = await divioAs(emu).get('/iam/v3/organisations/').expect(200);
  expect(list.body).toEqual({ count: 1, next: null, previous: null, results: [{ uuid: ORGANISATION, name: 'polypaas' }] });
  await divioAs(emu).get(`/iam/v3/organisations/${ORGANISATION}/`).expect(200, { uuid: ORGANISATION, name: 'polypaas' });
  await divioAs(emu).get(`/iam/v3/organisations/${REGION}/`).expect(404, { detail: 'Not found.' });
  await divioAs(emu).get('/iam/v3/organisations/xyz/').expect(404, { detail: 'Invalid UUID.' });
});

test('plan groups: offered to the organisation, with their regions', async () => {
  const list = await divioAs(emu).get(`/billing/v3/application-plan-groups/?organisation=${ORGANISATION}`).expect(200);
  expect(list.body.results.map((g: { name: string }) => g.name)).toEqual(['Starter', 'Business']);
  const group = await divioAs(emu).get(`/billing/v3/application-plan-groups/${PLAN_GROUP}/`).expect(200);
  expect(group.body).toEqual({ uuid: PLAN_GROUP, name: 'Starter', regions: [REGION, OTHER_REGION] });
  await divioAs(emu).get(`/billing/v3/application-plan-groups/?organisation=${REGION}`).expect(404);
  await divioAs(emu).get(`/billing/v3/application-plan-groups/${REGION}/`).expect(404);
});

test('regions: paginated, repeated ?uuid= filter, and one by id', async () => {
  const all = await divioAs(emu).get('/apps/v3/regions/').expect(200);
  expect(all.body.count).toBe(2);
  expect(all.body.results[0]).toMatchObject({ uuid: REGION, short_name: 'local-eu', is_default: true, ram_unit_price: '1.50' });
  const some = await divioAs(emu).get(`/apps/v3/regions/?uuid=${OTHER_REGION}&uuid=${REGION}`).expect(200);
  expect(some.body.count).toBe(2);
  const one = await divioAs(emu).get(`/apps/v3/regions/?uuid=${OTHER_REGION}`).expect(200);
  expect(one.body.results.map((r: { name: string }) => r.name)).toEqual(['Local (US)']);
  await divioAs(emu).get(`/apps/v3/regions/${OTHER_REGION}/`).expect(200);
  await divioAs(emu).get('/apps/v3/regions/?uuid=bad').expect(400, { uuid: ['Must be a valid UUID.'] });
  await divioAs(emu).get('/apps/v3/regions/?page=3').expect(404, { detail: 'Invalid page.' });
});

test('app templates: url, services and release commands; divio-cli gets one without the trailing slash', async () => {
  const list = await divioAs(emu).get('/apps/v3/app-templates/').expect(200);
  expect(list.body.results[0]).toMatchObject({ uuid: TEMPLATE, name: 'Django', url: TEMPLATE_URL, is_default: true });
  const one = await divioAs(emu).get(`/apps/v3/app-templates/${TEMPLATE}`).expect(200);
  expect(one.body.services).toEqual([{ id: 'postgres-14', prefix: 'DEFAULT' }, { id: 's3-storage', prefix: 'DEFAULT' }]);
  expect(one.body.release_commands).toEqual([{ label: 'Django migrate', command: 'python manage.py migrate' }]);
  await divioAs(emu).get(`/apps/v3/app-templates/${REGION}/`).expect(404, { detail: 'Not found.' });
});
