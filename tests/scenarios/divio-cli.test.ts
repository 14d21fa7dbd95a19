import request from 'supertest';
import { ADMIN_TOKEN, noSpecViolations } from '../helpers/emulator';
import { ORGANISATION, PLAN_GROUP, REGION, TEMPLATE_URL, withDivioEmulator } from '../helpers/divio';

/**
 * divio-cli 4.0.5's commands, request by request as ../shared/upstream/divio/divio-cli-requests.txt records
 * them: the new Client (login, app-template list) sends no body and needs exactly 200; the old CloudClient
 * sends `Content-Type: application/json` and the body `{}` even on GETs, and drops the trailing slash of
 * the deployment log URL. Each command reads only the fields the research file says it reads.
 */
const emu = withDivioEmulator();

const newClient = (path: string) => request(emu.urls.divio!).get(path)
  .set('Authorization', `Token ${ADMIN_TOKEN}`).set('User-Agent', 'python-requests/2.28.1').expect(noSpecViolations);
const oldClient = (method: 'get' | 'post', path: string, body: object = {}) => request(emu.urls.divio!)[method](path)
  .set('Authorization', `Token ${ADMIN_TOKEN}`).set('User-Agent', 'divio-cli/4.0.5.post9+ge897bae (Linux/6.1; CPython/3.11.2)')
  .set('Content-Type', 'application/json').send(JSON.stringify(body)).expect(noSpecViolations);

/** json_response_request_paginate: follow `next` (absolute) until it is null. */
async function paginated(path: string): Promise<Record<string, unknown>[]> {
  const results: Record<string, unknown>[] = [];
  let next: string | null = path;
  while (next) {
    const res: request.Response = await oldClient('get', next.replace(emu.urls.divio!, '')).expect(200);
    results.push(...res.body.results);
    next = res.body.next;
  }
  return results;
}

/** What `divio app create`'s wizard does to check one answer: post that field alone, read that field's errors. */
async function fieldErrors(field: string, value: unknown): Promise<unknown> {
  const res = await oldClient('post', '/apps/v3/applications/', { [field]: value }).expect(400);
  return res.body[field];
}

test('login, login --check and app-template list (the new Client: exactly 200)', async () => {
  for (let i = 0; i < 2; i++) {
    const me = await newClient('/iam/v3/me/');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('admin@polypaas.local');
  }
  const templates = await newClient('/apps/v3/app-templates/');
  expect(templates.status).toBe(200);
  expect(templates.body.results.map((t: { uuid: string; name: string; url: string }) => [t.name, t.url])).toContainEqual(['Django', TEMPLATE_URL]);
});

test('app create (wizard), then deploy, deploy-log, env-vars, deployments list and app list', async () => {
  // The wizard validates each answer alone: a valid one has no errors under its own key.
  expect(await fieldErrors('name', 'My shop')).toBeUndefined();
  expect(await fieldErrors('slug', 'my-shop')).toBeUndefined();
  expect(await fieldErrors('slug', 'My Shop!')).toEqual(['Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.']);
  expect(await fieldErrors('organisation', ORGANISATION)).toBeUndefined();
  const groups = await paginated(`/billing/v3/application-plan-groups/?organisation=${ORGANISATION}`);
  expect(await fieldErrors('plan_group', groups[0].uuid)).toBeUndefined();
  const regions = await paginated(`/apps/v3/regions/?${(groups[0].regions as string[]).map((r) => `uuid=${r}`).join('&')}`);
  expect(regions.map((r) => r.uuid)).toEqual([REGION, expect.any(String)]);
  expect(await fieldErrors('region', REGION)).toBeUndefined();
  expect(await fieldErrors('app_template', 'not-a-url')).toEqual(['Enter a valid URL.']);

  const created = await oldClient('post', '/apps/v3/applications/', {
    name: 'My shop', slug: 'my-shop', organisation: ORGANISATION, plan_group: PLAN_GROUP, region: REGION,
    app_template: TEMPLATE_URL, release_commands: [], repository: null, branch: 'main',
  }).expect(201);
  const app = created.body.uuid as string;
  const [testEnvironment] = await paginated(`/apps/v3/environments/?application=${app}&slug=test`);
  expect(testEnvironment).toMatchObject({ slug: 'test', branch: 'main', last_finished_deployment: null });

  // divio app deploy test --remote-id A: nothing deployed yet, so it starts one and polls until ended_at.
  const before = await paginated(`/apps/v3/deployments/?application=${app}&environment=${testEnvironment.uuid}`);
  expect(before).toEqual([]);
  const started = await oldClient('post', '/apps/v3/deployments/', { environment: testEnvironment.uuid, build_mode: 'AUTO' }).expect(201);
  const labels: string[] = [];
  let deployment = (await oldClient('get', `/apps/v3/deployments/${started.body.uuid}/`).expect(200)).body;
  while (deployment.ended_at === null) {
    labels.push(`${deployment.status} ${deployment.percent}%`);
    emu.clock.advance(3000);
    deployment = (await oldClient('get', `/apps/v3/deployments/${started.body.uuid}/`).expect(200)).body;
  }
  expect(labels[0]).toBe('queued 0%');
  expect(deployment).toMatchObject({ status: 'done', success: true, uuid: started.body.uuid });

  // A second `deploy` finds the latest one finished (results[0]) and starts anew.
  const latest = await paginated(`/apps/v3/deployments/?application=${app}&environment=${testEnvironment.uuid}`);
  expect(latest[0].uuid).toBe(started.body.uuid);
  expect((await oldClient('get', `/apps/v3/deployments/${latest[0].uuid}/`).expect(200)).body.ended_at).not.toBeNull();

  // divio app deploy-log test
  const environment = (await oldClient('get', `/apps/v3/environments/${testEnvironment.uuid}/`).expect(200)).body;
  const log = await oldClient('get', `/apps/v3/deployments/${environment.last_finished_deployment.uuid}/logs`).expect(200);
  expect(log.body).toEqual({ uuid: started.body.uuid, logs: expect.stringContaining('Deployment successful') });

  // divio app env-vars list / get FOO
  await oldClient('post', '/apps/v3/environment-variables/', { environment: testEnvironment.uuid, name: 'FOO', value: 'bar' }).expect(201);
  const environments = await paginated(`/apps/v3/environments/?application=${app}`);
  const vars = await paginated(`/apps/v3/environment-variables/?environment=${environments[0].uuid}`);
  expect(vars.map((v) => [v.name, v.value, v.is_sensitive, v.environment])).toEqual([['FOO', 'bar', false, testEnvironment.uuid]]);
  const foo = await paginated(`/apps/v3/environment-variables/?environment=${environments[0].uuid}&name=FOO`);
  expect(foo).toHaveLength(1);
  const all = await paginated(`/apps/v3/environment-variables/?application=${app}`);
  expect(all).toHaveLength(1);

  // divio app deployments list: environment, uuid, started_at, ended_at, status, success
  const listed = await paginated(`/apps/v3/deployments/?application=${app}&environment=${testEnvironment.uuid}`);
  expect(listed.map((d) => [d.environment, d.status, d.success])).toEqual([[testEnvironment.uuid, 'done', true]]);

  // divio app list (and its organisation's name unless --json)
  const apps = await paginated('/apps/v3/applications/');
  expect(apps.map((a) => [a.slug, a.name])).toEqual([['my-shop', 'My shop']]);
  const organisation = await oldClient('get', `/iam/v3/organisations/${apps[0].organisation}/`).expect(200);
  expect(organisation.body.name).toBe('polypaas');
});

test('--limit: page_size, and `next` followed as an absolute URL', async () => {
  for (const slug of ['one', 'two', 'three']) {
    await oldClient('post', '/apps/v3/applications/', { name: slug, slug, organisation: ORGANISATION, plan_group: PLAN_GROUP, region: REGION }).expect(201);
  }
  const first = await oldClient('get', '/apps/v3/applications/?page_size=2').expect(200);
  expect(first.body.count).toBe(3);
  expect(first.body.next).toMatch(new RegExp(`^${emu.urls.divio}/apps/v3/applications/\\?page_size=2&page=2$`));
  expect(await paginated('/apps/v3/applications/?page_size=2')).toHaveLength(3);
});
