import { deisAs } from '../../helpers/deis';
import { tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

const emu = withTsuruEmulator({ team: 'myteam', app: 'myapp' });

const messages = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line).Message);
/** Each unit as `process:version`, from app-info. */
const units = async () => (await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body.units
  .map((u: { processname: string; version: number }) => `${u.processname}:v${u.version}`);
const env = async () => (await tsuruAs(emu).get('/1.0/apps/myapp/env?').expect(200)).body
  .filter((v: { name: string }) => !v.name.startsWith('TSURU_')).map((v: { name: string; value: string }) => `${v.name}=${v.value}`);

beforeEach(async () => {
  // An image deploy: release v2, one "web" unit running it.
  await tsuruAs(emu).post('/1.0/apps/myapp/deploy').type('form').send('image=registry.example.com/myapp:1&origin=image').expect(200);
  expect(await units()).toEqual(['web:v2']);
});

test('env-set with NoRestart records the new version, and the units keep running the one they ran', async () => {
  const res = await tsuruAs(emu).post('/1.0/apps/myapp/env').type('form').send('Envs.0.Name=FOO&Envs.0.Value=bar&NoRestart=true&Private=').expect(200);
  expect(messages(res.text)).toEqual(['---- Setting 1 new environment variables ----\n']);
  expect(await env()).toEqual(['FOO=bar']);
  expect(await units()).toEqual(['web:v2']);
  const kinds = (await tsuruAs(emu).get('/1.1/events?kindname=app.update.env.set&target.value=myapp').expect(200)).body;
  expect(JSON.parse(kinds[0].StartCustomData.Data)).toMatchObject({ version: 3, noRestart: true });
});

test('env-unset with noRestart=true leaves the units too; the next restart moves them to the latest version', async () => {
  await tsuruAs(emu).post('/1.0/apps/myapp/env').type('form').send('Envs.0.Name=FOO&Envs.0.Value=bar&NoRestart=true').expect(200);
  const res = await tsuruAs(emu).delete('/1.0/apps/myapp/env?env=FOO&noRestart=true').expect(200);
  expect(messages(res.text)).toEqual(['---- Unsetting 1 environment variables ----\n']);
  expect(await units()).toEqual(['web:v2']);
  await tsuruAs(emu).post('/1.0/apps/myapp/restart').type('form').send('process=').expect(200);
  expect(await units()).toEqual(['web:v4']);
});

test('a restart through another dialect (Deis ps:restart) moves the units to the latest version too: one core rule', async () => {
  await tsuruAs(emu).post('/1.0/apps/myapp/env').type('form').send('Envs.0.Name=FOO&Envs.0.Value=bar&NoRestart=true').expect(200);
  expect(await units()).toEqual(['web:v2']);
  const restarted = await deisAs(emu).post('/v1/apps/myapp/containers/restart/').send({}).expect(200);
  expect(restarted.body.map((c: { release: string }) => c.release)).toEqual(['v3']);
  expect(await units()).toEqual(['web:v3']);
});

test('without NoRestart the units move at once, and the stream says so', async () => {
  const res = await tsuruAs(emu).post('/1.0/apps/myapp/env').type('form').send('Envs.0.Name=FOO&Envs.0.Value=bar&NoRestart=&Private=').expect(200);
  expect(messages(res.text)).toEqual(['---- Setting 1 new environment variables ----\n', '---- Restarting 1 unit(s) with version 3 ----\n']);
  expect(await units()).toEqual(['web:v3']);
});

test('units added after a change without restart run the latest version beside the old ones; stop and start move nothing', async () => {
  await tsuruAs(emu).post('/1.0/apps/myapp/env').send({ envs: [{ name: 'FOO', value: 'bar' }], norestart: true }).expect(200);
  await tsuruAs(emu).put('/1.0/apps/myapp/units').type('form').send('process=web&units=1').expect(200);
  expect(await units()).toEqual(['web:v2', 'web:v3']);
  await tsuruAs(emu).post('/1.0/apps/myapp/stop').type('form').send('process=').expect(200);
  await tsuruAs(emu).post('/1.0/apps/myapp/start').type('form').send('process=').expect(200);
  expect(await units()).toEqual(['web:v2', 'web:v3']);
  await tsuruAs(emu).post('/1.0/apps/myapp/restart').type('form').send('process=web').expect(200);
  expect(await units()).toEqual(['web:v3', 'web:v3']);
});

test('a deploy after a change without restart moves every unit to the deployed version', async () => {
  await tsuruAs(emu).post('/1.0/apps/myapp/env').type('form').send('Envs.0.Name=FOO&Envs.0.Value=bar&NoRestart=true').expect(200);
  await tsuruAs(emu).post('/1.0/apps/myapp/deploy').type('form').send('image=registry.example.com/myapp:2&origin=image').expect(200);
  expect(await units()).toEqual(['web:v4']);
  expect(await env()).toEqual(['FOO=bar']);
});
