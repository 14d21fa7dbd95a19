import { createApplication, divioAs, finishDeployment, withDivioEmulator } from '../../helpers/divio';

const emu = withDivioEmulator();

test('logs: the environment\'s lines oldest first, paged with previous and a next that always tails', async () => {
  const app = await createApplication(emu, 'logged');
  await divioAs(emu).patch(`/apps/v3/environments/${app.test}/`).send({ branch: 'dev' }).expect(200);
  const d = await divioAs(emu).post('/apps/v3/deployments/').send({ environment: app.test }).expect(201);
  await finishDeployment(emu, d.body.uuid);
  const all = await divioAs(emu).get(`/apps/v3/environments/${app.test}/logs/`).expect(200);
  const messages = all.body.results.map((e: { message: string }) => e.message);
  expect(messages[0]).toBe('admin environment.update');
  expect(messages.at(-1)).toBe('Deployment successful');
  expect(all.body.results[1]).toMatchObject({ service: 'deployment' });
  expect(all.body.previous).toBeNull();
  const tail = await divioAs(emu).get(all.body.next.replace(emu.urls.divio, '')).expect(200);
  expect(tail.body.results).toEqual([]);
  expect(tail.body.next).toBe(all.body.next);
  const lastTwo = await divioAs(emu).get(`/apps/v3/environments/${app.test}/logs/?limit=2`).expect(200);
  expect(lastTwo.body.results.map((e: { message: string }) => e.message)).toEqual(messages.slice(-2));
  const older = await divioAs(emu).get(lastTwo.body.previous.replace(emu.urls.divio, '')).expect(200);
  expect(older.body.results.map((e: { message: string }) => e.message)).toEqual(messages.slice(-4, -2));
  expect(older.body.previous).not.toBeNull();
  const live = await divioAs(emu).get(`/apps/v3/environments/${app.live}/logs/`).expect(200);
  expect(live.body.results).toEqual([]);
});

test('logs: from_ts and to_ts bound the lines (minutes precision); a bad one is a field error', async () => {
  const app = await createApplication(emu, 'bounded');
  await divioAs(emu).patch(`/apps/v3/environments/${app.test}/`).send({ branch: 'one' }).expect(200);
  emu.clock.advance(3_600_000);
  await divioAs(emu).patch(`/apps/v3/environments/${app.test}/`).send({ branch: 'two' }).expect(200);
  const res = await divioAs(emu).get(`/apps/v3/environments/${app.test}/logs/?from_ts=2014-01-01T00:30&to_ts=2014-01-01T02:00`).expect(200);
  expect(res.body.results).toHaveLength(1);
  await divioAs(emu).get(`/apps/v3/environments/${app.test}/logs/?from_ts=yesterday`).expect(400, { from_ts: ['Enter a valid date/time.'] });
  await divioAs(emu).get(`/apps/v3/environments/${app.test}/logs/?limit=0`).expect(400);
});

test('metrics: deployments and instances over the window; an unmeasured metric has no points; metric is required', async () => {
  const app = await createApplication(emu, 'measured');
  const d = await divioAs(emu).post('/apps/v3/deployments/').send({ environment: app.live }).expect(201);
  await finishDeployment(emu, d.body.uuid);
  emu.clock.advance(120_000);
  const res = await divioAs(emu).get(`/apps/v3/environments/${app.live}/metrics/?metric=deployments&metric=instances&metric=cpu`).expect(200);
  expect(res.body.interval).toBe(60);
  expect(res.body.metrics.cpu).toEqual([]);
  const deployments = res.body.metrics.deployments.map((p: { value: number }) => p.value);
  expect(deployments.reduce((a: number, b: number) => a + b, 0)).toBe(1);
  expect(res.body.metrics.instances.at(-1).value).toBe(1);
  expect(res.body.metrics.instances[0].value).toBe(0);
  await divioAs(emu).get(`/apps/v3/environments/${app.live}/metrics/`).expect(400, { metric: ['This field is required.'] });
});
