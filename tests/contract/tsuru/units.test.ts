import request from 'supertest';
import { ADMIN_TOKEN, stateOf } from '../../helpers/emulator';
import { plainError, PYTHON_APP, tarGz, tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

const emu = withTsuruEmulator({ team: 'myteam', app: 'myapp' });

const messages = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line).Message);
const units = async () => (await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body.units
  .map((u: { processname: string; status: string }) => `${u.processname}:${u.status}`);

beforeEach(async () => {
  await request(emu.urls.tsuru!).post('/1.0/apps/myapp/deploy').set('Authorization', `bearer ${ADMIN_TOKEN}`)
    .attach('file', tarGz(PYTHON_APP), 'archive.tar.gz').expect(200);
});

describe('unit-add, unit-remove, unit-set', () => {
  test('add per process, as the CLI sends it; the stream says what changed', async () => {
    const res = await tsuruAs(emu).put('/1.0/apps/myapp/units').type('form').send('process=worker&units=1').expect(200);
    expect(messages(res.text)).toEqual(['---- Adding 1 new unit(s) to process "worker" ----\n', ' ---> Process "worker" has 1 unit(s)\n']);
    await tsuruAs(emu).put('/1.0/apps/myapp/units').type('form').send('process=web&units=2').expect(200);
    expect(await units()).toEqual(['web:started', 'web:started', 'web:started', 'worker:started']);
  });

  test('an empty process means web; without a web process, the only one; else it is refused', async () => {
    await tsuruAs(emu).put('/1.0/apps/myapp/units').type('form').send('process=&units=2').expect(200);
    expect(await units()).toEqual(['web:started', 'web:started', 'web:started']);
    await request(emu.urls.tsuru!).post('/1.0/apps/myapp/deploy').set('Authorization', `bearer ${ADMIN_TOKEN}`)
      .attach('file', tarGz({ Procfile: 'a: x\nb: y\n' }), 'archive.tar.gz').expect(200);
    const res = await tsuruAs(emu).put('/1.0/apps/myapp/units').type('form').send('process=&units=1').expect(400);
    expect(res.text).toBe(plainError('You must provide the process name'));
  });

  test('remove from the query of a DELETE; more than there are is a 400', async () => {
    await tsuruAs(emu).put('/1.0/apps/myapp/units').type('form').send('process=web&units=2').expect(200);
    await tsuruAs(emu).delete('/1.0/apps/myapp/units?process=web&units=2').expect(200);
    expect(await units()).toEqual(['web:started']);
    await tsuruAs(emu).delete('/1.0/apps/myapp/units?process=web&units=5').expect(400);
  });

  test('unit-set reads the app, then adds the difference', async () => {
    const before = (await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body.units.filter((u: { processname: string }) => u.processname === 'web').length;
    await tsuruAs(emu).put('/1.0/apps/myapp/units').type('form').send(`process=web&units=${3 - before}`).expect(200);
    expect(await units()).toEqual(['web:started', 'web:started', 'web:started']);
  });

  test.each([
    ['units=0&process=web'], ['units=-1&process=web'], ['units=two&process=web'], ['process=web'],
  ])('%s is a 400 and changes nothing', async (form) => {
    const before = await stateOf(emu);
    const res = await tsuruAs(emu).put('/1.0/apps/myapp/units').type('form').send(form).expect(400);
    expect(res.text).toBe(plainError('Invalid number of units: the number must be an integer greater than 0.'));
    expect(await stateOf(emu)).toEqual(before);
  });

  test('an unknown process is a 400, an app without a deploy too', async () => {
    await tsuruAs(emu).put('/1.0/apps/myapp/units').type('form').send('process=nope&units=1').expect(400);
    await tsuruAs(emu).post('/1.0/apps').type('form').send('name=fresh&teamOwner=myteam').expect(201);
    await tsuruAs(emu).put('/1.0/apps/fresh/units').type('form').send('process=web&units=1').expect(400);
  });
});

describe('start, stop, restart', () => {
  test('stop and start every process, or one', async () => {
    await tsuruAs(emu).put('/1.0/apps/myapp/units').type('form').send('process=worker&units=1').expect(200);
    const stopped = await tsuruAs(emu).post('/1.0/apps/myapp/stop').type('form').send('process=').expect(200);
    expect(messages(stopped.text)).toEqual(['---- Stopping the app "myapp" ----\n', ' ---> 2 unit(s) stopped\n']);
    expect(await units()).toEqual(['web:stopped', 'worker:stopped']);
    await tsuruAs(emu).post('/1.0/apps/myapp/start').type('form').send('process=worker').expect(200);
    expect(await units()).toEqual(['web:stopped', 'worker:started']);
    await tsuruAs(emu).post('/1.0/apps/myapp/restart').type('form').send('process=').expect(200);
    expect(await units()).toEqual(['web:started', 'worker:started']);
    await tsuruAs(emu).post('/1.0/apps/myapp/restart').type('form').send('process=nope').expect(400);
    await tsuruAs(emu).post('/1.0/apps/ghost/restart').type('form').send('process=').expect(404);
  });
});

describe('cname', () => {
  test('add and remove; the app shows them', async () => {
    await tsuruAs(emu).post('/1.0/apps/myapp/cname').type('form').send('cname=www.example.com').expect(200);
    expect((await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body.cname).toEqual(['www.example.com']);
    const taken = await tsuruAs(emu).post('/1.0/apps/myapp/cname').type('form').send('cname=www.example.com').expect(400);
    expect(taken.text).toBe(plainError('cname already exists!'));
    await tsuruAs(emu).post('/1.0/apps/myapp/cname').type('form').send('cname=not a host').expect(400);
    await tsuruAs(emu).delete('/1.0/apps/myapp/cname?cname=www.example.com').expect(200);
    expect((await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body.cname).toEqual([]);
    await tsuruAs(emu).delete('/1.0/apps/myapp/cname?cname=www.example.com').expect(404);
    await tsuruAs(emu).delete('/1.0/apps/myapp/cname').expect(400);
  });
});

describe('run and log', () => {
  test('app-run streams the command\'s output; a failing command ends with an error line', async () => {
    await tsuruAs(emu).post('/1.0/apps/myapp/env').type('form').send('Envs.0.Name=WHO&Envs.0.Value=world').expect(200);
    const ok = await tsuruAs(emu).post('/1.0/apps/myapp/run').type('form').send('command=echo hello $WHO&isolated=false&once=false').expect(200);
    expect(ok.text).toBe(`${JSON.stringify({ Message: 'hello world\n', Timestamp: '2014-01-01T00:00:00Z' })}\n`);
    const bad = await tsuruAs(emu).post('/1.0/apps/myapp/run').type('form').send('command=nosuch').expect(200);
    expect(bad.text.split('\n').filter(Boolean).map((l) => JSON.parse(l))).toEqual([
      { Message: '/bin/sh: 1: nosuch: not found\n', Timestamp: '2014-01-01T00:00:00Z' },
      { Message: '', Timestamp: '2014-01-01T00:00:00Z', Error: 'exit status 127' },
    ]);
  });

  test('app-log: the last lines as one JSON array a line, by source; lines is mandatory', async () => {
    await tsuruAs(emu).post('/1.0/apps/myapp/stop').type('form').send('process=').expect(200);
    const res = await tsuruAs(emu).get('/1.0/apps/myapp/log?lines=2').expect(200);
    expect(res.headers['content-type']).toBe('application/x-json-stream');
    const [batch] = res.text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(batch).toHaveLength(2);
    expect(batch[1]).toEqual({ Date: '2014-01-01T00:00:00.000Z', Message: 'admin stopped every process', Source: 'tsuru', AppName: 'myapp', Unit: '' });
    const bySource = JSON.parse((await tsuruAs(emu).get('/1.0/apps/myapp/log?lines=10&source=tsuru').expect(200)).text);
    expect(bySource.map((e: { Source: string }) => e.Source)).toEqual(['tsuru']);
    const byUnit = await tsuruAs(emu).get('/1.0/apps/myapp/log?lines=10&source=web&unit=unit1').expect(200);
    expect(byUnit.text).toBe('');
    await tsuruAs(emu).get('/1.0/apps/myapp/log').expect(400);
    await tsuruAs(emu).get('/1.0/apps/myapp/log?lines=x').expect(400);
  });
});

test('app-log with follow: the last lines, then new ones as they are written, until the client leaves', async () => {
  const { request: httpRequest } = await import('node:http');
  const url = new URL('/1.0/apps/myapp/log?lines=1&follow=1', emu.urls.tsuru!);
  const batches: unknown[][] = [];
  await new Promise<void>((resolve, reject) => {
    const req = httpRequest(url, { headers: { Authorization: `bearer ${ADMIN_TOKEN}` } }, (res) => {
      expect(res.headers['content-type']).toBe('application/x-json-stream');
      let pending = '';
      res.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines.filter(Boolean)) batches.push(JSON.parse(line));
        // supertest sends a request once it is awaited: then() starts it while the log stays open.
        if (batches.length === 1) tsuruAs(emu).post('/1.0/apps/myapp/stop').type('form').send('process=').expect(200).then(undefined, reject);
        if (batches.length === 2) {
          req.destroy();
          resolve();
        }
      });
    });
    req.on('error', (error) => (batches.length === 2 ? resolve() : reject(error)));
    req.end();
  });
  expect(batches[0]).toHaveLength(1);
  expect(batches[1]).toEqual([expect.objectContaining({ Message: 'admin stopped every process', Source: 'tsuru', AppName: 'myapp' })]);
});
