import { ORGANISATION, REGION, createApplication, divioAs, finishDeployment, withDivioEmulator } from '../../helpers/divio';

const emu = withDivioEmulator();

/** An organisation no caller belongs to: a valid UUID that filters everything out. */
const ELSEWHERE = '0a1d0000-0000-4000-8000-0000000000ff';

type Entry = { uuid: string };
const uuids = (body: { results: Entry[] }) => body.results.map((e) => e.uuid);
const get = async (path: string) => (await divioAs(emu).get(path).expect(200)).body;

/**
 * alpha (one finished deployment of live), beta (a deployment of test still running), a fork and a
 * mirror of alpha, a second apart: eight environments, in creation order, which is not the names' order.
 */
async function landscape() {
  const alpha = await createApplication(emu, 'alpha');
  emu.clock.advance(1000);
  const beta = await createApplication(emu, 'beta');
  const copy = async (name: string, type: string) => {
    emu.clock.advance(1000);
    const made = await divioAs(emu).post(`/apps/v3/applications/${alpha.uuid}/copy/`)
      .send({ target_name: name, target_organisation: ORGANISATION, type }).expect(201);
    const envs = await get(`/apps/v3/environments/?application=${made.body.uuid}`);
    const [test, live] = uuids(envs);
    return { uuid: made.body.uuid as string, test, live };
  };
  const fork = await copy('Alpha Fork', 'FORK');
  const mirror = await copy('Zeta Mirror', 'MIRROR');
  const done = await divioAs(emu).post('/apps/v3/deployments/').send({ environment: alpha.live }).expect(201);
  await finishDeployment(emu, done.body.uuid);
  const running = await divioAs(emu).post('/apps/v3/deployments/').send({ environment: beta.test }).expect(201);
  return { alpha, beta, fork, mirror, done: done.body.uuid as string, running: running.body.uuid as string };
}

describe('ListEnvironments: every filter, together, ordered and paged', () => {
  test('deployment state, copies, organisation, name search and pending commits', async () => {
    const { alpha, beta, fork, mirror } = await landscape();
    const all = [alpha.test, alpha.live, beta.test, beta.live, fork.test, fork.live, mirror.test, mirror.live];
    const list = async (query: string) => uuids(await get(`/apps/v3/environments/?${query}`));
    expect(await list('')).toEqual(all);
    expect(await list('deployed=true')).toEqual([alpha.live]);
    expect(await list('deployed=false')).toEqual(all.filter((id) => id !== alpha.live));
    expect(await list('deploying=true')).toEqual([beta.test]);
    expect(await list('deploying=false')).toHaveLength(7);
    expect(await list('last_deployment_failed=true')).toEqual([]);
    expect(await list('last_deployment_failed=false')).toEqual(all);
    expect(await list('is_mirror=true')).toEqual([mirror.test, mirror.live]);
    expect(await list('is_mirror=false&copy_type=FORK')).toEqual([fork.test, fork.live]);
    expect(await list('is_mirror=false&copy_type=MIRROR')).toEqual([]);
    expect(await list(`related_to_application=${alpha.uuid}`)).toEqual([alpha.test, alpha.live, fork.test, fork.live, mirror.test, mirror.live]);
    expect(await list(`related_to_application=${beta.uuid}&deploying=true`)).toEqual([beta.test]);
    expect(await list(`organisation=${ORGANISATION}&application=${fork.uuid}`)).toEqual([fork.test, fork.live]);
    expect(await list(`organisation=${ELSEWHERE}`)).toEqual([]);
    // The search is lowercased, the names it looks in are not: `app env` as one string.
    expect(await list('name_search=ALPHA')).toEqual([alpha.test, alpha.live, fork.test, fork.live]);
    expect(await list('name_search=a-fork%20l')).toEqual([fork.live]);
    expect(await list('name_search=')).toEqual(all);
    expect(await list('with_pending_commits=true')).toEqual([]);
    expect(await list('with_pending_commits=false&slug=live&deployed=false')).toEqual([beta.live, fork.live, mirror.live]);
  });

  test('ordered by application name either way, ties in creation order; counted and paged after the filters', async () => {
    const { alpha, beta, fork, mirror } = await landscape();
    const ordered = await get('/apps/v3/environments/?o=application');
    expect(uuids(ordered)).toEqual([alpha.test, alpha.live, fork.test, fork.live, beta.test, beta.live, mirror.test, mirror.live]);
    const reversed = await get('/apps/v3/environments/?o=-application');
    expect(uuids(reversed)).toEqual([mirror.test, mirror.live, beta.test, beta.live, fork.test, fork.live, alpha.test, alpha.live]);
    const page = await get(`/apps/v3/environments/?related_to_application=${alpha.uuid}&slug=live&o=-application&page_size=2&page=2`);
    expect(page).toMatchObject({ count: 3, next: null });
    expect(uuids(page)).toEqual([alpha.live]);
    expect(page.previous).toContain('page_size=2');
    await divioAs(emu).get('/apps/v3/environments/?page=3&page_size=4').expect(404, { detail: 'Invalid page.' });
  });

  test('an entry shows its last deployment, its variables and its primary domain; archived applications leave', async () => {
    const { alpha, beta, done } = await landscape();
    await divioAs(emu).post('/apps/v3/environment-variables/').send({ environment: alpha.live, name: 'LATER', value: 'x' }).expect(201);
    const domain = await divioAs(emu).post('/apps/v3/domains/').send({ environment: alpha.live, name: 'alpha.example.com' }).expect(201);
    const [live] = (await get(`/apps/v3/environments/?application=${alpha.uuid}&slug=live`)).results;
    expect(live).toMatchObject({ primary_domain: domain.body.uuid, environment_variables: ['LATER'], is_production_grade: true });
    expect(live.pending_commits_lookup).toMatch(/^[0-9a-f]{40}\.\.main$/);
    // The deployment shows the variables it was made with: none, LATER came after it.
    expect(live.last_finished_deployment).toMatchObject({ uuid: done, region: REGION, status: 'done', success: true, environment_variables: [] });
    expect(live.last_finished_deployment.git_commit).toBe(live.pending_commits_lookup.split('..')[0]);
    await divioAs(emu).delete(`/apps/v3/applications/${beta.uuid}/`).send({ verify_name: 'The beta' }).expect(200);
    expect((await get('/apps/v3/environments/')).count).toBe(6);
    expect((await get(`/apps/v3/environments/?application=${beta.uuid}`)).count).toBe(0);
  });
});

describe('ListDomains, ListEnvironmentVariables and ListDeployments: filters together, paged', () => {
  test('domains in environment order, then oldest first; by organisation, application, environment and name', async () => {
    const { alpha, beta } = await landscape();
    const add = async (environment: string, name: string) =>
      (await divioAs(emu).post('/apps/v3/domains/').send({ environment, name }).expect(201)).body.uuid as string;
    const b = await add(beta.live, 'b.example.com');
    const a2 = await add(alpha.live, 'a2.example.com');
    const a1 = await add(alpha.test, 'a1.example.com');
    const a3 = await add(alpha.live, 'a3.example.com');
    await divioAs(emu).post(`/apps/v3/domains/${a3}/verify/`).expect(200);
    const list = async (query: string) => uuids(await get(`/apps/v3/domains/?${query}`));
    expect(await list(`organisation=${ORGANISATION}`)).toEqual([a1, a2, a3, b]);
    expect(await list(`organisation=${ELSEWHERE}`)).toEqual([]);
    expect(await list(`application=${alpha.uuid}&environment=${alpha.live}`)).toEqual([a2, a3]);
    expect(await list(`application=${alpha.uuid}&environment=${beta.live}`)).toEqual([]);
    expect(await list(`application=${beta.uuid}&name=b.example.com`)).toEqual([b]);
    const page = await get(`/apps/v3/domains/?application=${alpha.uuid}&page_size=2&page=2`);
    expect(page.count).toBe(3);
    expect(page.results).toEqual([expect.objectContaining({ uuid: a3, state: 'OK', last_check_status: true, is_primary: false })]);
  });

  test('variables in environment order, then their own; by applications, environments, slug, ids and flags', async () => {
    const { alpha, beta } = await landscape();
    const add = async (environment: string, name: string, isSensitive = false) => (await divioAs(emu).post('/apps/v3/environment-variables/')
      .send({ environment, name, value: 'v', is_sensitive: isSensitive }).expect(201)).body.uuid as string;
    const liveA = await add(alpha.live, 'A');
    const testB = await add(alpha.test, 'B', true);
    const testA = await add(alpha.test, 'A');
    const betaC = await add(beta.test, 'C');
    const list = async (query: string) => uuids(await get(`/apps/v3/environment-variables/?${query}`));
    expect(await list(`application=${beta.uuid}&application=${alpha.uuid}`)).toEqual([testB, testA, liveA, betaC]);
    expect(await list(`application=${alpha.uuid}&environment_slug=live`)).toEqual([liveA]);
    expect(await list(`environment=${beta.test}&environment=${alpha.test}&is_sensitive=false`)).toEqual([testA, betaC]);
    expect(await list(`application=${alpha.uuid}&environment=${beta.test}`)).toEqual([]);
    expect(await list(`application=${alpha.uuid}&uuid=${liveA}&uuid=${testB}&name=A`)).toEqual([liveA]);
    expect(await list(`application=${alpha.uuid}&is_read_only=true`)).toEqual([]);
    expect(await list(`application=${ELSEWHERE}`)).toEqual([]);
    const page = await get(`/apps/v3/environment-variables/?application=${alpha.uuid}&is_read_only=false&page_size=2&page=2`);
    expect(page.count).toBe(3);
    expect(page.results).toEqual([expect.objectContaining({ uuid: liveA, name: 'A', order: 1 })]);
  });

  test('deployments newest first; by organisation, application, environment and outcome; a running one shows today\'s variables', async () => {
    const { alpha, beta, done, running } = await landscape();
    await divioAs(emu).post('/apps/v3/environment-variables/').send({ environment: beta.test, name: 'NOW', value: 'x' }).expect(201);
    const list = async (query: string) => uuids(await get(`/apps/v3/deployments/?${query}`));
    expect(await list(`organisation=${ORGANISATION}`)).toEqual([running, done]);
    expect(await list(`organisation=${ELSEWHERE}`)).toEqual([]);
    expect(await list('is_success=true')).toEqual([done]);
    // A running deployment has no outcome yet: neither successful nor failed.
    expect(await list('is_success=false')).toEqual([]);
    expect(await list(`application=${alpha.uuid}&environment=${beta.test}`)).toEqual([]);
    const page = await get(`/apps/v3/deployments/?application=${beta.uuid}&environment=${beta.test}&page_size=1`);
    expect(page.count).toBe(1);
    expect(page.results[0]).toMatchObject({ uuid: running, success: null, ended_at: null, region: REGION, environment_variables: ['NOW'], git_commit: null });
    const second = await get('/apps/v3/deployments/?page_size=1&page=2');
    expect(uuids(second)).toEqual([done]);
  });

  test('a bulk deployment takes the environments the query selects, the first `limit` of them', async () => {
    const { alpha, beta, fork } = await landscape();
    const first = await divioAs(emu).post(`/apps/v3/deployments/bulk/?application=${alpha.uuid}&limit=1`).expect(200);
    expect(Object.keys(first.body.deployed)).toEqual([alpha.test]);
    const tests = await divioAs(emu).post('/apps/v3/deployments/bulk/?slug=test&limit=3').expect(200);
    expect(Object.keys(tests.body.deployed)).toEqual([fork.test]);
    expect(Object.keys(tests.body.errored)).toEqual([alpha.test, beta.test]);
  });
});
