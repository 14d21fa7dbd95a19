import { toBase32 } from '../../../dialects/divio/ids';
import { stateOf } from '../../helpers/emulator';
import {
  BUSINESS_PLAN_GROUP, createApplication, divioAnonymous, divioAs, newApplication, ORGANISATION, OTHER_REGION, PLAN_GROUP, REGION,
  TEMPLATE_URL, withDivioEmulator,
} from '../../helpers/divio';

const emu = withDivioEmulator();

describe('CreateApplication', () => {
  test('creates the application with test and live environments at once, in that order', async () => {
    const res = await divioAs(emu).post('/apps/v3/applications/')
      .send(newApplication('shop', { app_template: TEMPLATE_URL, branch: 'develop', tags: ['web'] })).expect(201);
    expect(res.body).toMatchObject({
      name: 'The shop', organisation: ORGANISATION, region: REGION, app_template: TEMPLATE_URL, branch: 'develop', repository: null,
      release_commands: [{ label: 'Django migrate', command: 'python manage.py migrate' }], tags: ['web'],
    });
    const environments = await divioAs(emu).get(`/apps/v3/environments/?application=${res.body.uuid}`).expect(200);
    expect(environments.body.results.map((e: { slug: string; branch: string }) => [e.slug, e.branch])).toEqual([['test', 'develop'], ['live', 'develop']]);
    expect(environments.body.results.map((e: { is_production_grade: boolean }) => e.is_production_grade)).toEqual([false, true]);
  });

  test('a form body works as JSON does', async () => {
    const res = await divioAs(emu).post('/apps/v3/applications/').type('form').send(newApplication('formed')).expect(201);
    expect(res.body.name).toBe('The formed');
  });

  test('every missing field is reported at once, also when the body holds one field only', async () => {
    const before = await stateOf(emu);
    const res = await divioAs(emu).post('/apps/v3/applications/').send({ slug: 'fine-slug' }).expect(400);
    expect(res.body).toEqual({
      name: ['This field is required.'], organisation: ['This field is required.'], plan_group: ['This field is required.'],
      region: ['This field is required.'],
    });
    expect(await stateOf(emu)).toEqual(before);
  });

  test('an invalid field is reported with the missing ones: the slug taken, a malformed id, an unknown organisation', async () => {
    await createApplication(emu, 'taken');
    const taken = await divioAs(emu).post('/apps/v3/applications/').send({ slug: 'taken' }).expect(400);
    expect(taken.body.slug).toEqual(['Application with this slug already exists.']);
    expect(taken.body.name).toEqual(['This field is required.']);
    const bad = await divioAs(emu).post('/apps/v3/applications/')
      .send(newApplication('x', { organisation: 'not-a-uuid', region: 'whgzabvjmjeklhia6exvwjemza', slug: 'Bad Slug' })).expect(400);
    expect(bad.body).toEqual({
      organisation: ['Must be a valid UUID.'], region: ['This region is not available for the selected plan group.'],
      slug: ['Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.'],
    });
    const unknown = await divioAs(emu).post('/apps/v3/applications/')
      .send(newApplication('y', { organisation: '0a1d0000-0000-4000-8000-0000000000ff' })).expect(400);
    expect(unknown.body).toEqual({ organisation: ['Invalid pk "0a1d0000-0000-4000-8000-0000000000ff" - object does not exist.'] });
  });

  test('a region the plan group does not offer, and a template that is no URL, are field errors', async () => {
    const res = await divioAs(emu).post('/apps/v3/applications/')
      .send(newApplication('z', { plan_group: BUSINESS_PLAN_GROUP, region: OTHER_REGION, app_template: 'not a url' })).expect(400);
    expect(res.body).toEqual({ app_template: ['Enter a valid URL.'] });
    const region = await divioAs(emu).post('/apps/v3/applications/')
      .send(newApplication('z', { plan_group: BUSINESS_PLAN_GROUP, region: OTHER_REGION })).expect(400);
    expect(region.body).toEqual({ region: ['This region is not available for the selected plan group.'] });
  });

  test('without a token: 401 with DRF\'s detail and WWW-Authenticate', async () => {
    const res = await divioAnonymous(emu).post('/apps/v3/applications/').send(newApplication('anon')).expect(401);
    expect(res.body).toEqual({ detail: 'Authentication credentials were not provided.' });
    expect(res.headers['www-authenticate']).toBe('Token');
    const bad = await divioAs(emu, 'nope').get('/apps/v3/applications/').expect(401);
    expect(bad.body).toEqual({ detail: 'Invalid token.' });
  });
});

describe('ListApplications and GetApplication', () => {
  test('filters by slug, organisation, name_search and uuid, and orders by o', async () => {
    const a = await createApplication(emu, 'alpha');
    const b = await createApplication(emu, 'beta', { name: 'Zulu' });
    const api = divioAs(emu);
    const slug = await api.get('/apps/v3/applications/?slug=beta').expect(200);
    expect(slug.body).toMatchObject({ count: 1, next: null, previous: null });
    expect(slug.body.results[0]).toMatchObject({ uuid: b.uuid, slug: 'beta', name: 'Zulu', can_add_environment: true });
    expect((await api.get(`/apps/v3/applications/?organisation=${ORGANISATION}`).expect(200)).body.count).toBe(2);
    expect((await api.get('/apps/v3/applications/?name_search=zul').expect(200)).body.results.map((x: { slug: string }) => x.slug)).toEqual(['beta']);
    expect((await api.get(`/apps/v3/applications/?uuid=${a.uuid}&uuid=${b.uuid}`).expect(200)).body.count).toBe(2);
    const ordered = await api.get('/apps/v3/applications/?o=-name').expect(200);
    expect(ordered.body.results.map((x: { name: string }) => x.name)).toEqual(['Zulu', 'The alpha']);
    const paged = await api.get('/apps/v3/applications/?page_size=1').expect(200);
    expect(paged.body.next).toBe(`${emu.urls.divio}/apps/v3/applications/?page_size=1&page=2`);
  });

  test('get answers by UUID and by the 26-character base32 form; a malformed id is "Invalid UUID."', async () => {
    const { uuid } = await createApplication(emu, 'ids');
    // The real server's form of the README's example pair, then of this application's uuid.
    expect(toBase32('b1cd9006-a962-48a5-9d00-f12f5b248cc8')).toBe('whgzabvjmjeklhia6exvwjemza');
    const base32 = toBase32(uuid);
    const res = await divioAs(emu).get(`/apps/v3/applications/${base32}/`).expect(200);
    expect(res.body).toMatchObject({ uuid, slug: 'ids', permissions: ['view_application', 'change_application', 'delete_application'] });
    expect((await divioAs(emu).get('/apps/v3/applications/null/').expect(404)).body).toEqual({ detail: 'Invalid UUID.' });
    expect((await divioAs(emu).get(`/apps/v3/applications/${REGION}/`).expect(404)).body).toEqual({ detail: 'Not found.' });
    expect((await divioAs(emu).get(`/apps/v3/applications/?organisation=nope`).expect(400)).body).toEqual({ organisation: ['Must be a valid UUID.'] });
  });
});

describe('update, archive and transfer', () => {
  test('PUT and PATCH change the settings; a wrong type is a field error', async () => {
    const { uuid } = await createApplication(emu, 'settings');
    const put = await divioAs(emu).put(`/apps/v3/applications/${uuid}/`).send({ name: 'Renamed', port: 8080, tags: ['a'], release_commands: [{ label: 'Migrate', command: 'manage.py migrate' }] }).expect(200);
    expect(put.body).toMatchObject({ uuid, name: 'Renamed', port: 8080, tags: ['a'], startup_probe_max_retries: 30 });
    expect(put.body.release_commands).toEqual([{ label: 'Migrate', command: 'manage.py migrate' }]);
    const patch = await divioAs(emu).patch(`/apps/v3/applications/${uuid}`).type('form').send({ maintenance_window_start: '3' }).expect(200);
    expect(patch.body).toMatchObject({ name: 'Renamed', maintenance_window_start: 3, port: 8080 });
    const bad = await divioAs(emu).patch(`/apps/v3/applications/${uuid}/`).send({ port: 'eighty' }).expect(400);
    expect(bad.body).toEqual({ port: ['A valid integer is required.'] });
    expect((await divioAs(emu).put(`/apps/v3/applications/${uuid}/`).send({ port: 1 }).expect(400)).body).toEqual({ name: ['This field is required.'] });
  });

  test('archive needs the name repeated; an archived application is gone from lists', async () => {
    const { uuid } = await createApplication(emu, 'old');
    const wrong = await divioAs(emu).delete(`/apps/v3/applications/${uuid}/`).send({ verify_name: 'other' }).expect(400);
    expect(wrong.body).toEqual({ verify_name: ['The name does not match the application\'s name.'] });
    const done = await divioAs(emu).delete(`/apps/v3/applications/${uuid}/`).send({ verify_name: 'The old' }).expect(200);
    expect(done.body).toEqual({ status: true, message: 'The application was archived.', code: 'success' });
    expect((await divioAs(emu).get('/apps/v3/applications/').expect(200)).body.count).toBe(0);
    await divioAs(emu).get(`/apps/v3/applications/${uuid}/`).expect(404);
  });

  test('delete_immediately removes the application', async () => {
    const { uuid } = await createApplication(emu, 'gone');
    await divioAs(emu).delete(`/apps/v3/applications/${uuid}/`).send({ verify_name: 'gone', delete_immediately: true }).expect(200);
    await divioAs(emu).get(`/apps/v3/applications/${uuid}/`).expect(404);
    const state = await divioAs(emu).get(`/apps/v3/environments/?application=${uuid}`).expect(200);
    expect(state.body.count).toBe(0);
  });

  test('transfer to an organisation the caller does not belong to is refused', async () => {
    const { uuid } = await createApplication(emu, 'moving');
    const res = await divioAs(emu).post(`/apps/v3/applications/${uuid}/transfer/`).send({ organisation: PLAN_GROUP }).expect(400);
    expect(res.body).toEqual({ organisation: [`Invalid pk "${PLAN_GROUP}" - object does not exist.`] });
    const same = await divioAs(emu).post(`/apps/v3/applications/${uuid}/transfer/`).send({ organisation: ORGANISATION }).expect(200);
    expect(same.body).toEqual({ uuid, organisation: ORGANISATION });
  });
});
