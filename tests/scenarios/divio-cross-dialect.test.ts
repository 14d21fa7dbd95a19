import { deisAs } from '../helpers/deis';
import { createApplication, divioAs, finishDeployment, REGION, withDivioEmulator } from '../helpers/divio';

/** One app, two views: Divio's live environment is what Deis sees, and a Deis app is a Divio application. */
const emu = withDivioEmulator();

test('a Divio application is a Deis app whose config and builds are its live environment\'s', async () => {
  const app = await createApplication(emu, 'both-ways');
  await divioAs(emu).post('/apps/v3/environment-variables/').send({ environment: app.live, name: 'FROM_DIVIO', value: 'yes' }).expect(201);
  await divioAs(emu).post('/apps/v3/environment-variables/').send({ environment: app.test, name: 'ONLY_TEST', value: 'no' }).expect(201);
  const d = await divioAs(emu).post('/apps/v3/deployments/').send({ environment: app.live }).expect(201);
  await finishDeployment(emu, d.body.uuid);
  expect((await deisAs(emu).get('/v1/apps/both-ways/').expect(200)).body.uuid).toBe(app.uuid);
  const config = await deisAs(emu).get('/v1/apps/both-ways/config/').expect(200);
  expect(config.body.values).toEqual({ FROM_DIVIO: 'yes' });
  const builds = await deisAs(emu).get('/v1/apps/both-ways/builds/').expect(200);
  expect(builds.body.count).toBe(1);
});

test('a Deis app is a Divio application with one environment, in the default region', async () => {
  await deisAs(emu).post('/v1/apps/').send({ id: 'from-deis' }).expect(201);
  const list = await divioAs(emu).get('/apps/v3/applications/?slug=from-deis').expect(200);
  expect(list.body.results[0]).toMatchObject({ slug: 'from-deis', name: 'from-deis', region: REGION });
  const environments = await divioAs(emu).get(`/apps/v3/environments/?application=${list.body.results[0].uuid}`).expect(200);
  expect(environments.body.results.map((e: { slug: string; is_production_grade: boolean }) => [e.slug, e.is_production_grade])).toEqual([['default', true]]);
});
