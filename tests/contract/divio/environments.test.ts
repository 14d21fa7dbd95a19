import { stateOf } from '../../helpers/emulator';
import { BUSINESS_PLAN_GROUP, createApplication, divioAs, finishDeployment, withDivioEmulator } from '../../helpers/divio';

const emu = withDivioEmulator();

describe('ListEnvironments and GetEnvironment', () => {
  test('filters by application and slug; the list items carry what divio-cli reads', async () => {
    const app = await createApplication(emu, 'envs');
    await createApplication(emu, 'other');
    const res = await divioAs(emu).get(`/apps/v3/environments/?application=${app.uuid}&slug=test`).expect(200);
    expect(res.body.count).toBe(1);
    expect(res.body.results[0]).toMatchObject({
      uuid: app.test, application: app.uuid, slug: 'test', branch: 'main', last_finished_deployment: null,
      is_production_grade: false, environment_variables: [], primary_domain: null, pending_commits_lookup: null,
    });
    expect(res.body.results[0].app_name).toMatch(/^envs-test-[0-9a-f]{32}$/);
    expect((await divioAs(emu).get('/apps/v3/environments/').expect(200)).body.count).toBe(4);
    expect((await divioAs(emu).get('/apps/v3/environments/?o=-application').expect(200)).body.results[0].application).not.toBe(app.uuid);
  });

  test('the detail has ssh_endpoint, the names of its variables and the deployments it knows', async () => {
    const app = await createApplication(emu, 'detail');
    await divioAs(emu).post('/apps/v3/environment-variables/').send({ environment: app.live, name: 'FOO', value: 'bar' }).expect(201);
    const before = await divioAs(emu).get(`/apps/v3/environments/${app.live}/`).expect(200);
    expect(before.body).toMatchObject({
      application: { uuid: app.uuid, slug: 'detail', name: 'The detail' }, slug: 'live', is_production_grade: true,
      ssh_endpoint: { host: 'ssh.deisapp.local', port: 22, user: 'detail-live' }, environment_variables: ['FOO'],
      last_finished_deployment: null, deployed_url: null, divio_domain: 'detail.deisapp.local',
    });
    const d = await divioAs(emu).post('/apps/v3/deployments/').send({ environment: app.live }).expect(201);
    const running = await divioAs(emu).get(`/apps/v3/environments/${app.live}/`).expect(200);
    expect(running.body.currently_running_deployment.uuid).toBe(d.body.uuid);
    await finishDeployment(emu, d.body.uuid);
    const after = await divioAs(emu).get(`/apps/v3/environments/${app.live}`).expect(200);
    expect(after.body).toMatchObject({ currently_running_deployment: null, deployed_url: 'https://detail.deisapp.local' });
    expect(after.body.last_finished_deployment).toMatchObject({ uuid: d.body.uuid, status: 'done', success: true });
    expect(after.body.pending_commits_lookup).toMatch(/^[0-9a-f]{40}\.\.main$/);
  });

  test('another organisation\'s environment, an unknown one and a malformed id', async () => {
    await divioAs(emu).get('/apps/v3/environments/4e610000-0000-4000-8000-000000000001/').expect(404, { detail: 'Not found.' });
    await divioAs(emu).get('/apps/v3/environments/test/').expect(404, { detail: 'Invalid UUID.' });
    await divioAs(emu).get('/apps/v3/environments/?application=test').expect(400, { application: ['Must be a valid UUID.'] });
  });
});

describe('create, update, copy, stop and destroy', () => {
  test('CreateEnvironment takes a form body; a taken slug or a missing field is a DRF error', async () => {
    const app = await createApplication(emu, 'made', { plan_group: BUSINESS_PLAN_GROUP });
    const res = await divioAs(emu).post('/apps/v3/environments/').type('form')
      .send({ application: app.uuid, slug: 'ci-cd', branch: 'cicdtest' }).expect(201);
    expect(res.body).toMatchObject({ application: app.uuid, slug: 'ci-cd', branch: 'cicdtest', alternative_dockerfile: null });
    await divioAs(emu).post('/apps/v3/environments/').send({ application: app.uuid, slug: 'ci-cd', branch: 'x' })
      .expect(400, { non_field_errors: ['The fields application, slug must make a unique set.'] });
    const missing = await divioAs(emu).post('/apps/v3/environments/').send({ slug: 'x' }).expect(400);
    expect(missing.body).toEqual({ application: ['This field is required.'], branch: ['This field is required.'] });
    await divioAs(emu).post('/apps/v3/environments/').send({ application: app.uuid, slug: 'bad slug!', branch: 'x' }).expect(400);
  });

  test('PATCH with a form body changes the branch; PUT needs it', async () => {
    const app = await createApplication(emu, 'branches');
    const res = await divioAs(emu).patch(`/apps/v3/environments/${app.test}/`).type('form').send({ branch: 'feature' }).expect(200);
    expect(res.body).toEqual({ uuid: app.test, branch: 'feature', alternative_dockerfile: null });
    await divioAs(emu).put(`/apps/v3/environments/${app.test}/`).send({ alternative_dockerfile: 'Dockerfile.prod' })
      .expect(400, { branch: ['This field is required.'] });
    const put = await divioAs(emu).put(`/apps/v3/environments/${app.test}/`).send({ branch: 'main', alternative_dockerfile: 'Dockerfile.prod' }).expect(200);
    expect(put.body.alternative_dockerfile).toBe('Dockerfile.prod');
  });

  test('copy with new_slug copies branch and variables, until the plan\'s limit', async () => {
    const app = await createApplication(emu, 'copies');
    await divioAs(emu).post('/apps/v3/environment-variables/').send({ environment: app.live, name: 'KEY', value: 'v', is_sensitive: true }).expect(201);
    const copy = await divioAs(emu).post(`/apps/v3/environments/${app.live}/copy/`).type('form').send({ new_slug: 'staging' }).expect(201);
    expect(copy.body).toMatchObject({ slug: 'staging', environment_variables: ['KEY'], is_production_grade: false });
    const before = await stateOf(emu);
    const refused = await divioAs(emu).post(`/apps/v3/environments/${app.live}/copy/`).type('form').send({ new_slug: 'another' }).expect(400);
    expect(refused.body).toEqual({ non_field_errors: ['Can not add another Environment.'] });
    expect(await stateOf(emu)).toEqual(before);
    const application = await divioAs(emu).get(`/apps/v3/applications/${app.uuid}/`).expect(200);
    expect(application.body.can_add_environment).toBe(false);
    await divioAs(emu).post(`/apps/v3/environments/${app.live}/copy/`).send({ new_slug: 'Not_Valid' }).expect(400);
  });

  test('destroy removes a copy; live stays; stop answers 200 with no body', async () => {
    const app = await createApplication(emu, 'gone');
    const copy = await divioAs(emu).post(`/apps/v3/environments/${app.test}/copy/`).send({ new_slug: 'tmp' }).expect(201);
    await divioAs(emu).delete(`/apps/v3/environments/${copy.body.uuid}/`).expect(204);
    await divioAs(emu).get(`/apps/v3/environments/${copy.body.uuid}/`).expect(404);
    await divioAs(emu).delete(`/apps/v3/environments/${app.live}/`).expect(400, { non_field_errors: ['The live environment can not be deleted.'] });
    const stop = await divioAs(emu).post(`/apps/v3/environments/${app.test}/stop/`).expect(200);
    expect(stop.text).toBe('');
  });
});
