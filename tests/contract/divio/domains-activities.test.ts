import { stateOf } from '../../helpers/emulator';
import { createApplication, divioAs, ORGANISATION, withDivioEmulator } from '../../helpers/divio';

const emu = withDivioEmulator();

describe('domains', () => {
  test('create, list by environment, get; the first is primary; a taken or malformed name is a field error', async () => {
    const app = await createApplication(emu, 'dom');
    const first = await divioAs(emu).post('/apps/v3/domains/').send({ environment: app.live, name: 'www.example.com' }).expect(201);
    expect(first.body).toMatchObject({ name: 'www.example.com', environment: app.live });
    await divioAs(emu).post('/apps/v3/domains/').type('form').send({ environment: app.live, name: 'example.com' }).expect(201);
    const list = await divioAs(emu).get(`/apps/v3/domains/?environment=${app.live}`).expect(200);
    expect(list.body.results.map((d: { name: string; is_primary: boolean }) => [d.name, d.is_primary]))
      .toEqual([['www.example.com', true], ['example.com', false]]);
    const one = await divioAs(emu).get(`/apps/v3/domains/${first.body.uuid}/`).expect(200);
    expect(one.body).toMatchObject({ state: 'UNKNOWN', last_check_status: null, additional_actions: ['verify'] });
    const before = await stateOf(emu);
    await divioAs(emu).post('/apps/v3/domains/').send({ environment: app.test, name: 'example.com' })
      .expect(400, { name: ['Domain with this name already exists.'] });
    await divioAs(emu).post('/apps/v3/domains/').send({ environment: app.test, name: 'not a host' }).expect(400, { name: ['Enter a valid domain name.'] });
    expect(await stateOf(emu)).toEqual(before);
  });

  test('make primary, toggle redirect, update, transfer, verify and destroy', async () => {
    const app = await createApplication(emu, 'moves');
    const a = await divioAs(emu).post('/apps/v3/domains/').send({ environment: app.live, name: 'a.example.com' }).expect(201);
    const b = await divioAs(emu).post('/apps/v3/domains/').send({ environment: app.live, name: 'b.example.com' }).expect(201);
    await divioAs(emu).post(`/apps/v3/domains/${b.body.uuid}/make-primary/`).expect(200);
    expect((await divioAs(emu).get(`/apps/v3/domains/${a.body.uuid}/`)).body.is_primary).toBe(false);
    await divioAs(emu).post(`/apps/v3/domains/${a.body.uuid}/toggle-redirect/`).expect(200, { redirect_to_primary: true, uuid: a.body.uuid });
    const patched = await divioAs(emu).patch(`/apps/v3/domains/${a.body.uuid}/`).send({ domain_config: { hsts: true } }).expect(200);
    expect(patched.body).toEqual({ uuid: a.body.uuid, name: 'a.example.com', is_redirect_to_primary: true, domain_config: { hsts: true } });
    await divioAs(emu).put(`/apps/v3/domains/${a.body.uuid}/`).send({ is_redirect_to_primary: false }).expect(200);
    const verified = await divioAs(emu).post(`/apps/v3/domains/${a.body.uuid}/verify/`).send({}).expect(200);
    expect(verified.body.data).toMatchObject({ action: 'verify', ok: true });
    expect((await divioAs(emu).get(`/apps/v3/domains/${a.body.uuid}/`)).body).toMatchObject({ state: 'OK', last_check_status: true });
    // The list reads every domain's last check at once: the checked one is OK, the other still unknown.
    const listed = (await divioAs(emu).get(`/apps/v3/domains/?application=${app.uuid}&organisation=${ORGANISATION}`).expect(200)).body.results;
    expect(listed.map((d: { name: string; state: string }) => [d.name, d.state])).toEqual([['a.example.com', 'OK'], ['b.example.com', 'UNKNOWN']]);
    await divioAs(emu).post(`/apps/v3/domains/${a.body.uuid}/unknown-action/`).send({}).expect(404, { detail: 'Not found.' });
    await divioAs(emu).post(`/apps/v3/domains/${a.body.uuid}/transfer/`).send({ target_environment: app.test })
      .expect(200, { target_environment: app.test });
    await divioAs(emu).delete(`/apps/v3/domains/${b.body.uuid}/`).expect(204);
    expect((await divioAs(emu).get(`/apps/v3/domains/?application=${app.uuid}`)).body.results.map((d: { name: string }) => d.name)).toEqual(['a.example.com']);
  });
});

describe('application activities', () => {
  test('every change is an activity, newest first, filtered by type and user; one by id', async () => {
    const app = await createApplication(emu, 'busy');
    await divioAs(emu).patch(`/apps/v3/environments/${app.test}/`).send({ branch: 'dev' }).expect(200);
    const list = await divioAs(emu).get(`/apps/v3/application-activities/?application=${app.uuid}`).expect(200);
    expect(list.body.results.map((a: { type: string }) => a.type)).toEqual(['environment.update', 'app.create']);
    expect(list.body.results[1]).toMatchObject({
      application: app.uuid, organisation: ORGANISATION, user_name: 'admin', user_email: 'admin@polypaas.local', user_is_removed: false,
      description: 'admin created the application',
    });
    const typed = await divioAs(emu).get('/apps/v3/application-activities/?type=app.create&user_name=admin').expect(200);
    expect(typed.body.count).toBe(1);
    const one = await divioAs(emu).get(`/apps/v3/application-activities/${list.body.results[0].uuid}/`).expect(200);
    expect(one.body.context).toMatchObject({ environment: 'test', branch: 'dev' });
    await divioAs(emu).get(`/apps/v3/application-activities/${app.uuid}/`).expect(404, { detail: 'Not found.' });
  });

  test('filtered by organisation and paged; an archived application\'s activities are gone, one by id too', async () => {
    const app = await createApplication(emu, 'paged');
    await divioAs(emu).patch(`/apps/v3/environments/${app.test}/`).send({ branch: 'dev' }).expect(200);
    const mine = await divioAs(emu).get(`/apps/v3/application-activities/?organisation=${ORGANISATION}&page_size=1`).expect(200);
    expect(mine.body.count).toBe(2);
    expect(mine.body.results).toHaveLength(1);
    expect(mine.body.next).toContain('page=2');
    const second = await divioAs(emu).get(mine.body.next.replace(emu.urls.divio, '')).expect(200);
    expect(second.body.results.map((a: { type: string }) => a.type)).toEqual(['app.create']);
    const elsewhere = await divioAs(emu).get(`/apps/v3/application-activities/?organisation=${app.uuid}`).expect(200);
    expect(elsewhere.body.count).toBe(0);
    await divioAs(emu).delete(`/apps/v3/applications/${app.uuid}/`).send({ verify_name: 'The paged' }).expect(200);
    expect((await divioAs(emu).get('/apps/v3/application-activities/').expect(200)).body.count).toBe(0);
    await divioAs(emu).get(`/apps/v3/application-activities/${mine.body.results[0].uuid}/`).expect(404, { detail: 'Not found.' });
  });
});

describe('copy an application', () => {
  test('a fork gets the environments, branches and variables; a mirror counts on its source', async () => {
    const app = await createApplication(emu, 'source');
    await divioAs(emu).post('/apps/v3/environment-variables/').send({ environment: app.test, name: 'A', value: '1' }).expect(201);
    const fork = await divioAs(emu).post(`/apps/v3/applications/${app.uuid}/copy/`)
      .send({ target_name: 'My Fork', target_organisation: ORGANISATION, type: 'FORK' }).expect(201);
    expect(fork.body).toMatchObject({ slug: 'my-fork', name: 'My Fork', copied_from: app.uuid, copy_type: 'FORK' });
    const envs = await divioAs(emu).get(`/apps/v3/environments/?application=${fork.body.uuid}`).expect(200);
    expect(envs.body.results.map((e: { slug: string; environment_variables: string[] }) => [e.slug, e.environment_variables]))
      .toEqual([['test', ['A']], ['live', []]]);
    await divioAs(emu).post(`/apps/v3/applications/${app.uuid}/copy/`).send({ target_name: 'Mirror', target_organisation: ORGANISATION, type: 'MIRROR' }).expect(201);
    expect((await divioAs(emu).get(`/apps/v3/applications/${app.uuid}/`)).body.mirrors_count).toBe(1);
    await divioAs(emu).post(`/apps/v3/applications/${app.uuid}/copy/`).send({ target_name: 'X', target_organisation: app.uuid, type: 'FORK' })
      .expect(400, { target_organisation: [`Invalid pk "${app.uuid}" - object does not exist.`] });
  });
});
