import { matrixFixtures, TOKENS, type Intruder } from '../../helpers/accessMatrix';
import { client, startTestEmulator, stateOf, type TestEmulator } from '../../helpers/emulator';
import { finishDeployment } from '../../helpers/divio';

/**
 * The access matrix for what hangs off an application (environments, deployments, variables, domains,
 * builds, activities): alice's app through Divio; a superuser of another organisation gets 404, a user of
 * hers it was never shared with 403, and neither changes anything.
 */
let emu: TestEmulator;
const ids: Record<string, string> = {};
const as = (who: keyof typeof TOKENS) => client(emu.urls.divio!, `Token ${TOKENS[who]}`);

beforeAll(async () => {
  emu = await startTestEmulator({ fixtures: matrixFixtures() });
  const apps = await as('owner').get('/apps/v3/applications/?slug=target').expect(200);
  ids.app = apps.body.results[0].uuid;
  ids.environment = (await as('owner').get(`/apps/v3/environments/?application=${ids.app}`).expect(200)).body.results[0].uuid;
  ids.variable = (await as('owner').post('/apps/v3/environment-variables/').send({ environment: ids.environment, name: 'A', value: '1' }).expect(201)).body.uuid;
  ids.other = (await as('owner').post('/apps/v3/environment-variables/').send({ environment: ids.environment, name: 'B', value: '2' }).expect(201)).body.uuid;
  ids.domain = (await as('owner').post('/apps/v3/domains/').send({ environment: ids.environment, name: 'target.example.com' }).expect(201)).body.uuid;
  ids.deployment = (await as('owner').post('/apps/v3/deployments/').send({ environment: ids.environment }).expect(201)).body.uuid;
  await finishDeployment(emu, ids.deployment, TOKENS.owner);
  ids.build = (await as('owner').get('/apps/v3/builds/').expect(200)).body.results[0].uuid;
  ids.activity = (await as('owner').get('/apps/v3/application-activities/').expect(200)).body.results[0].uuid;
});
afterAll(() => emu.close());

type Call = [string, 'get' | 'post' | 'put' | 'patch' | 'delete', () => string, (() => object)?];
const CALLS: Call[] = [
  ['GetEnvironment', 'get', () => `/apps/v3/environments/${ids.environment}/`],
  ['PartialUpdateEnvironment', 'patch', () => `/apps/v3/environments/${ids.environment}/`, () => ({ branch: 'evil' })],
  ['UpdateEnvironment', 'put', () => `/apps/v3/environments/${ids.environment}/`, () => ({ branch: 'evil' })],
  ['DestroyEnvironment', 'delete', () => `/apps/v3/environments/${ids.environment}/`],
  ['CopyEnvironment', 'post', () => `/apps/v3/environments/${ids.environment}/copy/`, () => ({ new_slug: 'evil' })],
  ['StopEnvironment', 'post', () => `/apps/v3/environments/${ids.environment}/stop/`],
  ['GetEnvironmentLogs', 'get', () => `/apps/v3/environments/${ids.environment}/logs/`],
  ['GetEnvironmentMetrics', 'get', () => `/apps/v3/environments/${ids.environment}/metrics/?metric=instances`],
  ['CreateEnvironment', 'post', () => '/apps/v3/environments/', () => ({ application: ids.app, slug: 'evil', branch: 'x' })],
  ['CreateDeployment', 'post', () => '/apps/v3/deployments/', () => ({ environment: ids.environment })],
  ['GetDeployment', 'get', () => `/apps/v3/deployments/${ids.deployment}/`],
  ['GetDeploymentLogs', 'get', () => `/apps/v3/deployments/${ids.deployment}/logs`],
  ['GetDeploymentEnvironmentVariables', 'get', () => `/apps/v3/deployments/${ids.deployment}/environment-variables`],
  ['CreateEnvironmentVariable', 'post', () => '/apps/v3/environment-variables/', () => ({ environment: ids.environment, name: 'EVIL' })],
  ['GetEnvironmentVariable', 'get', () => `/apps/v3/environment-variables/${ids.variable}/`],
  ['UpdateEnvironmentVariable', 'put', () => `/apps/v3/environment-variables/${ids.variable}/`, () => ({ name: 'EVIL' })],
  ['PartialUpdateEnvironmentVariable', 'patch', () => `/apps/v3/environment-variables/${ids.variable}/`, () => ({ value: 'evil' })],
  ['DestroyEnvironmentVariable', 'delete', () => `/apps/v3/environment-variables/${ids.variable}/`],
  ['MoveAfterEnvironmentVariable', 'post', () => `/apps/v3/environment-variables/${ids.variable}/move-after/`, () => ({ target: ids.other })],
  ['CreateDomain', 'post', () => '/apps/v3/domains/', () => ({ environment: ids.environment, name: 'evil.example.com' })],
  ['GetDomain', 'get', () => `/apps/v3/domains/${ids.domain}/`],
  ['PartialUpdateDomain', 'patch', () => `/apps/v3/domains/${ids.domain}/`, () => ({ is_redirect_to_primary: true })],
  ['DestroyDomain', 'delete', () => `/apps/v3/domains/${ids.domain}/`],
  ['MakePrimaryDomain', 'post', () => `/apps/v3/domains/${ids.domain}/make-primary/`],
  ['ToggleRedirectDomain', 'post', () => `/apps/v3/domains/${ids.domain}/toggle-redirect/`],
  ['AdditionalDomainAction', 'post', () => `/apps/v3/domains/${ids.domain}/verify/`, () => ({})],
];
const REFUSAL: Record<Intruder, number> = { outsider: 404, stranger: 403 };

test.each(CALLS.flatMap((c) => (['outsider', 'stranger'] as const).map((who) => [c[0], who, c] as const)))(
  '%s as the %s is refused and changes nothing', async (_id, who, [, method, path, body]) => {
    const before = await stateOf(emu);
    const req = as(who)[method](path());
    await (body ? req.send(body()) : req).expect(REFUSAL[who]);
    expect(await stateOf(emu)).toEqual(before);
  },
);

test.each(['outsider', 'stranger'] as const)('lists show the %s nothing of the app; its builds and activities are not found', async (who) => {
  for (const path of ['/apps/v3/applications/', '/apps/v3/environments/', '/apps/v3/deployments/', `/apps/v3/domains/?application=${ids.app}`,
    `/apps/v3/environment-variables/?application=${ids.app}`, '/apps/v3/builds/', '/apps/v3/application-activities/']) {
    const res = await as(who).get(path).expect(200);
    expect({ path, count: res.body.count }).toEqual({ path, count: 0 });
  }
  await as(who).get(`/apps/v3/builds/${ids.build}/`).expect(404);
  await as(who).get(`/apps/v3/application-activities/${ids.activity}/`).expect(404);
});
