import { stateOf } from '../../helpers/emulator';
import { plainError, tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

const emu = withTsuruEmulator({ team: 'myteam', app: 'myapp' });

const messages = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
const own = async () => (await tsuruAs(emu).get('/1.0/apps/myapp/env?').expect(200)).body
  .filter((v: { name: string }) => !v.name.startsWith('TSURU_'));
const envEvents = async () => (await tsuruAs(emu).get('/1.1/events?kindname=app.update.env.set&kindname=app.update.env.unset&target.value=myapp').expect(200)).body
  .map((e: { Kind: { Name: string }; StartCustomData: { Data: string } }) => [e.Kind.Name, JSON.parse(e.StartCustomData.Data).version]);

test('env-set with the CLI\'s indexed form: a stream starting with tsuru\'s line, each line timestamped', async () => {
  const res = await tsuruAs(emu).post('/1.0/apps/myapp/env').type('form')
    .send('Envs.0.Name=FOO&Envs.0.Value=bar&Envs.1.Name=BAZ&Envs.1.Value=qux&NoRestart=&Private=').expect(200);
  expect(res.headers['content-type']).toBe('application/x-json-stream');
  const lines = messages(res.text);
  expect(lines[0]).toEqual({ Message: '---- Setting 2 new environment variables ----\n', Timestamp: '2014-01-01T00:00:00Z' });
  expect(await own()).toEqual([
    { name: 'FOO', value: 'bar', alias: '', public: true },
    { name: 'BAZ', value: 'qux', alias: '', public: true },
  ]);
});

test('private values are masked when read; JSON bodies work too', async () => {
  await tsuruAs(emu).post('/1.0/apps/myapp/env').type('form').send('Envs.0.Name=SECRET&Envs.0.Value=x&NoRestart=true&Private=true').expect(200);
  await tsuruAs(emu).post('/1.0/apps/myapp/env').send({ envs: [{ name: 'PLAIN', value: 'y' }] }).expect(200);
  expect(await own()).toEqual([
    { name: 'SECRET', value: '*** (private variable)', alias: '', public: false },
    { name: 'PLAIN', value: 'y', alias: '', public: true },
  ]);
  const one = await tsuruAs(emu).get('/1.0/apps/myapp/env?env=PLAIN').expect(200);
  expect(one.body).toEqual([{ name: 'PLAIN', value: 'y', alias: '', public: true }]);
});

test('the platform\'s own variables are listed, and cannot be set', async () => {
  const all = (await tsuruAs(emu).get('/1.0/apps/myapp/env').expect(200)).body;
  expect(all).toContainEqual({ name: 'TSURU_APPNAME', value: 'myapp', alias: '', public: true });
  const res = await tsuruAs(emu).post('/1.0/apps/myapp/env').type('form').send('Envs.0.Name=TSURU_APPNAME&Envs.0.Value=x').expect(400);
  expect(res.text).toMatch(/write-protected environment variable\n$/);
});

test('env-unset with repeated env and noRestart; each change is a new version and an event', async () => {
  await tsuruAs(emu).post('/1.0/apps/myapp/env').type('form').send('Envs.0.Name=A&Envs.0.Value=1&Envs.1.Name=B&Envs.1.Value=2').expect(200);
  const res = await tsuruAs(emu).delete('/1.0/apps/myapp/env?env=A&env=B&noRestart=false').expect(200);
  expect(messages(res.text)[0].Message).toBe('---- Unsetting 2 environment variables ----\n');
  expect(await own()).toEqual([]);
  expect(await envEvents()).toEqual([['app.update.env.unset', 3], ['app.update.env.set', 2]]);
});

test.each([
  ['a bad name', 'Envs.0.Name=1BAD&Envs.0.Value=x', "Invalid environment variable name: '1BAD'"],
  ['no variables', 'NoRestart=true', 'You must provide the list of environment variables'],
])('env-set with %s is a 400 and changes nothing', async (_what, form, message) => {
  const before = await stateOf(emu);
  const res = await tsuruAs(emu).post('/1.0/apps/myapp/env').type('form').send(form).expect(400);
  expect(res.text).toBe(plainError(message));
  expect(await stateOf(emu)).toEqual(before);
});

test('env of an unknown app is a 404; env-unset needs a name', async () => {
  await tsuruAs(emu).get('/1.0/apps/nope/env').expect(404);
  await tsuruAs(emu).post('/1.0/apps/nope/env').type('form').send('Envs.0.Name=A&Envs.0.Value=1').expect(404);
  await tsuruAs(emu).delete('/1.0/apps/myapp/env').expect(400);
});
