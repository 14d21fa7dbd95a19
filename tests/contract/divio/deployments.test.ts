import { stateOf } from '../../helpers/emulator';
import { createApplication, divioAs, finishDeployment, withDivioEmulator } from '../../helpers/divio';

const emu = withDivioEmulator();

test('a deployment answers at once, runs on the clock and ends done, successful and usable, with a build', async () => {
  const app = await createApplication(emu, 'deploys');
  const created = await divioAs(emu).post('/apps/v3/deployments/').send({ environment: app.test, build_mode: 'FORCE' }).expect(201);
  expect(created.body).toMatchObject({ environment: app.test, build_mode: 'FORCE', copy_from: null, adopt_deployment: null, provision_services: true });
  const running = await divioAs(emu).get(`/apps/v3/deployments/${created.body.uuid}/`).expect(200);
  expect(running.body).toMatchObject({ status: 'queued', percent: 0, success: null, ended_at: null, is_usable: false, duration: null });
  emu.clock.advance(1000);
  const building = await divioAs(emu).get(`/apps/v3/deployments/${created.body.uuid}/`).expect(200);
  expect(building.body).toMatchObject({ status: 'building', percent: 30, success: null });
  const done = await finishDeployment(emu, created.body.uuid);
  expect(done).toMatchObject({ status: 'done', percent: 100, success: true, is_usable: true, duration: 3 });
  expect(done.git_commit).toMatch(/^[0-9a-f]{40}$/);
  const builds = await divioAs(emu).get('/apps/v3/builds/').expect(200);
  expect(builds.body.results[0]).toMatchObject({ website: app.uuid, git_commit: done.git_commit, build_type: 'FORCE' });
});

test('a form body (the deploy scripts) works; a second deployment while one runs is refused', async () => {
  const app = await createApplication(emu, 'formdeploy');
  const first = await divioAs(emu).post('/apps/v3/deployments/').type('form').send({ environment: app.live }).expect(201);
  expect(first.body.build_mode).toBe('AUTO');
  const before = await stateOf(emu);
  await divioAs(emu).post('/apps/v3/deployments/').send({ environment: app.live })
    .expect(400, { non_field_errors: ['A deployment of this environment is already running.'] });
  expect(await stateOf(emu)).toEqual(before);
});

test('bad input: a missing or malformed environment, an unknown one, a wrong build mode', async () => {
  await divioAs(emu).post('/apps/v3/deployments/').send({}).expect(400, { environment: ['This field is required.'] });
  await divioAs(emu).post('/apps/v3/deployments/').expect(400, { non_field_errors: ['No data provided'] });
  await divioAs(emu).post('/apps/v3/deployments/').set('Content-Type', 'application/json').send('[1]')
    .expect(400, { non_field_errors: ['Invalid data. Expected a dictionary.'] });
  await divioAs(emu).post('/apps/v3/deployments/').set('Content-Type', 'application/json').send('{"environment":')
    .expect(400).then((r) => expect(r.body.detail).toMatch(/^JSON parse error/));
  await divioAs(emu).post('/apps/v3/deployments/').set('Content-Type', 'text/plain').send('environment')
    .expect(415, { detail: 'Unsupported media type "text/plain" in request.' });
  await divioAs(emu).post('/apps/v3/deployments/').send({ environment: 'null' }).expect(400, { environment: ['Must be a valid UUID.'] });
  await divioAs(emu).post('/apps/v3/deployments/').send({ environment: '4e610000-0000-4000-8000-000000000001' }).expect(404, { detail: 'Not found.' });
  const app = await createApplication(emu, 'modes');
  await divioAs(emu).post('/apps/v3/deployments/').send({ environment: app.test, build_mode: 'NEVER' }).expect(400, { build_mode: ['Select a valid choice.'] });
  await divioAs(emu).get('/apps/v3/deployments/null/').expect(404, { detail: 'Invalid UUID.' });
});

test('list newest first by application and environment; logs and variables answer without the trailing slash', async () => {
  const app = await createApplication(emu, 'history');
  await divioAs(emu).post('/apps/v3/environment-variables/').send({ environment: app.test, name: 'SECRET', value: 's', is_sensitive: true }).expect(201);
  await divioAs(emu).post('/apps/v3/environment-variables/').send({ environment: app.test, name: 'PLAIN', value: 'p' }).expect(201);
  const first = await divioAs(emu).post('/apps/v3/deployments/').send({ environment: app.test }).expect(201);
  await finishDeployment(emu, first.body.uuid);
  const second = await divioAs(emu).post('/apps/v3/deployments/').send({ environment: app.test, build_mode: 'ADOPT' }).expect(201);
  const list = await divioAs(emu).get(`/apps/v3/deployments/?application=${app.uuid}&environment=${app.test}`).expect(200);
  expect(list.body.results.map((d: { uuid: string }) => d.uuid)).toEqual([second.body.uuid, first.body.uuid]);
  expect((await divioAs(emu).get(`/apps/v3/deployments/?environment=${app.live}`).expect(200)).body.count).toBe(0);
  expect((await divioAs(emu).get('/apps/v3/deployments/?is_success=true').expect(200)).body.count).toBe(1);
  const logs = await divioAs(emu).get(`/apps/v3/deployments/${first.body.uuid}/logs`).expect(200);
  expect(logs.body.uuid).toBe(first.body.uuid);
  expect(logs.body.logs).toContain('Deployment successful');
  const variables = await divioAs(emu).get(`/apps/v3/deployments/${first.body.uuid}/environment-variables`).expect(200);
  expect(variables.body.environment_variables).toEqual({ SECRET: null, PLAIN: 'p' });
  const detail = await divioAs(emu).get(`/apps/v3/deployments/${first.body.uuid}/`).expect(200);
  expect(detail.body.environment_variables).toEqual(['SECRET', 'PLAIN']);
  const adopted = await finishDeployment(emu, second.body.uuid);
  expect(adopted.git_commit).toBe((await divioAs(emu).get(`/apps/v3/deployments/${first.body.uuid}/`)).body.git_commit);
});

test('bulk deploys every environment the query selects, and says which could not', async () => {
  const app = await createApplication(emu, 'bulk');
  await divioAs(emu).post('/apps/v3/deployments/').send({ environment: app.live }).expect(201);
  const res = await divioAs(emu).post(`/apps/v3/deployments/bulk/?application=${app.uuid}&build_mode=FORCE`).expect(200);
  expect(Object.keys(res.body.deployed)).toEqual([app.test]);
  expect(res.body.errored[app.live]).toEqual({ detail: 'A deployment of this environment is already running.' });
});

test('builds: get one; another organisation\'s is not found', async () => {
  const app = await createApplication(emu, 'built');
  const d = await divioAs(emu).post('/apps/v3/deployments/').send({ environment: app.test }).expect(201);
  await finishDeployment(emu, d.body.uuid);
  const list = await divioAs(emu).get('/apps/v3/builds/').expect(200);
  const build = await divioAs(emu).get(`/apps/v3/builds/${list.body.results[0].uuid}/`).expect(200);
  expect(build.body).toMatchObject({ website: app.uuid, repository: null, build_type: 'AUTO' });
  expect(build.body.docker_image).toContain('built-test');
  await divioAs(emu).get(`/apps/v3/builds/${app.uuid}/`).expect(404, { detail: 'Not found.' });
});
