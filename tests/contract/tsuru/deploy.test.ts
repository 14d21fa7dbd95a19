import request from 'supertest';
import { ADMIN_TOKEN, noSpecViolations, stateOf } from '../../helpers/emulator';
import { plainError, PYTHON_APP, tarGz, tsuruAs, withTsuruEmulator, pythonAppDeployed } from '../../helpers/tsuru';

const emu = withTsuruEmulator({ team: 'myteam', app: 'myapp' });

const deploy = (files: Record<string, string> = PYTHON_APP, app = 'myapp') => request(emu.urls.tsuru!).post(`/1.0/apps/${app}/deploy`)
  .set('Authorization', `bearer ${ADMIN_TOKEN}`).field('origin', 'app-deploy').field('message', 'release 1')
  .attach('file', tarGz(files), { filename: 'archive.tar.gz', contentType: 'application/octet-stream' })
  .expect(noSpecViolations);

describe('app-deploy', () => {
  test('a tar.gz upload: Content-Type text, the event id, the log as it happens and OK at the end', async () => {
    const res = await deploy().expect(200);
    expect(res.headers['content-type']).toBe('text');
    expect(res.headers['x-tsuru-eventid']).toMatch(/^\d+$/);
    expect(res.text).toBe([
      '---- Uploaded 2 file(s), ' + tarGz(PYTHON_APP).length + ' bytes ----',
      ...pythonAppDeployed(2),
    ].join('\n'));
    expect(res.text.endsWith('\nOK\n')).toBe(true);
    const info = (await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body;
    expect(info.deploys).toBe(1);
    expect(info.units).toEqual([expect.objectContaining({ name: 'myapp-web-1', processname: 'web', status: 'started', version: 2, type: 'python' })]);
  });

  test('an image deploy is a plain form', async () => {
    const res = await tsuruAs(emu).post('/1.0/apps/myapp/deploy').type('form').send('image=registry.example.com/img:1&origin=image').expect(200);
    expect(res.text).toMatch(/^---- Pulling image registry.example.com\/img:1 ----\n[\s\S]*\nOK\n$/);
    const list = (await tsuruAs(emu).get('/1.0/deploys?app=myapp&limit=10').expect(200)).body;
    expect(list).toEqual([expect.objectContaining({ App: 'myapp', Image: 'registry.example.com/img:1', Origin: 'image', User: 'admin', Error: '', CanRollback: true })]);
  });

  test('a broken archive, or nothing to deploy, is a 400 and nothing starts', async () => {
    const before = await stateOf(emu);
    const broken = await request(emu.urls.tsuru!).post('/1.0/apps/myapp/deploy').set('Authorization', `bearer ${ADMIN_TOKEN}`)
      .attach('file', Buffer.from('not a tarball'), 'archive.tar.gz').expect(noSpecViolations).expect(400);
    expect(broken.text).toMatch(/^invalid archive: not gzip data/);
    const empty = await tsuruAs(emu).post('/1.0/apps/myapp/deploy').type('form').send('origin=app-deploy').expect(400);
    expect(empty.text).toBe(plainError('you must specify either the archive-url, a image url or upload a file.'));
    expect(await stateOf(emu)).toEqual(before);
    await deploy(PYTHON_APP, 'nope').expect(404);
  });

  test('an archive without a Procfile ends with the error, not OK, and the deploy is recorded as failed', async () => {
    const res = await deploy({ 'app.py': 'x' }).expect(200);
    expect(res.text.endsWith('\nOK\n')).toBe(false);
    expect(res.text).toMatch(/\nERROR: the archive has no Procfile/);
    const [failed] = (await tsuruAs(emu).get('/1.0/deploys?app=myapp').expect(200)).body;
    expect(failed.Error).toMatch(/no Procfile/);
  });

  test('with a deploy duration, the deploy waits for the clock', async () => {
    // A second emulator whose deploys take 5 s of its own (manual) clock.
    const { startTestEmulator } = await import('../../helpers/emulator');
    const slow = await startTestEmulator({ deployDurationMs: 5000 });
    try {
      await request(slow.urls.tsuru!).post('/1.0/apps').set('Authorization', `bearer ${ADMIN_TOKEN}`).type('form').send('name=slow').expect(201);
      const pending = request(slow.urls.tsuru!).post('/1.0/apps/slow/deploy').set('Authorization', `bearer ${ADMIN_TOKEN}`)
        .type('form').send('image=img:1').then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const running = await request(slow.urls.tsuru!).get('/1.0/deploys?app=slow').set('Authorization', `bearer ${ADMIN_TOKEN}`).expect(200);
      expect(running.body[0].Image).toBe('');
      slow.clock.advance(5000);
      const done = await pending;
      expect(done.text.endsWith('\nOK\n')).toBe(true);
    } finally {
      await slow.close();
    }
  });
});

describe('deploy list, info and rollback', () => {
  beforeEach(async () => {
    await tsuruAs(emu).post('/1.0/apps/myapp/deploy').type('form').send('image=img:1').expect(200);
    await tsuruAs(emu).post('/1.0/apps/myapp/deploy').type('form').send('image=img:2').expect(200);
  });

  test('deploy list: newest first, limit and skip, 204 when there is none', async () => {
    const all = (await tsuruAs(emu).get('/1.0/deploys?app=myapp').expect(200)).body;
    expect(all.map((d: { Image: string }) => d.Image)).toEqual(['img:2', 'img:1']);
    expect((await tsuruAs(emu).get('/1.0/deploys?app=myapp&limit=1&skip=1').expect(200)).body.map((d: { Image: string }) => d.Image)).toEqual(['img:1']);
    await tsuruAs(emu).post('/1.0/apps').type('form').send('name=other&teamOwner=myteam').expect(201);
    await tsuruAs(emu).get('/1.0/deploys?app=other').expect(204);
    await tsuruAs(emu).get('/1.0/deploys?app=ghost').expect(204);
  });

  test('deploy info by id, with its log', async () => {
    const [latest] = (await tsuruAs(emu).get('/1.0/deploys?app=myapp').expect(200)).body;
    const info = (await tsuruAs(emu).get(`/1.0/deploys/${latest.ID}`).expect(200)).body;
    expect(info).toMatchObject({ ID: latest.ID, Image: 'img:2', Log: expect.stringContaining('Deploying version 3') });
    await tsuruAs(emu).get('/1.0/deploys/999999').expect(404);
    await tsuruAs(emu).get('/1.0/deploys/abc').expect(404);
  });

  test('rollback to an image: a new version running it, streamed, recorded as a deploy', async () => {
    const res = await tsuruAs(emu).post('/1.0/apps/myapp/deploy/rollback').type('form').send('image=img:1&origin=rollback').expect(200);
    expect(res.headers['content-type']).toBe('application/x-json-stream');
    expect(JSON.parse(res.text.split('\n')[0]).Message).toBe('---- Rolling back to version 2 ----\n');
    const info = (await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body;
    expect(info.units[0].version).toBe(4);
    const [latest] = (await tsuruAs(emu).get('/1.0/deploys?app=myapp').expect(200)).body;
    expect(latest).toMatchObject({ Origin: 'rollback', Image: 'img:1' });
    await tsuruAs(emu).post('/1.0/apps/myapp/deploy/rollback').type('form').send('image=img:9').expect(404);
    await tsuruAs(emu).post('/1.0/apps/myapp/deploy/rollback').type('form').send('origin=rollback').expect(400);
  });
});

test('a chunked multipart upload, as tsuru-client sends its archive', async () => {
  const { request: httpRequest } = await import('node:http');
  const boundary = 'b5e29ef526af2ef9799386dab9501a30069fe00b3a7cb350ab3fe1731b38';
  const parts = [
    `--${boundary}\r\nContent-Disposition: form-data; name="origin"\r\n\r\napp-deploy\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="archive.tar.gz"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  ];
  const url = new URL('/1.0/apps/myapp/deploy', emu.urls.tsuru!);
  const text = await new Promise<string>((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: { Authorization: `bearer ${ADMIN_TOKEN}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Transfer-Encoding': 'chunked' },
    }, (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    for (const part of parts) req.write(part);
    req.write(tarGz(PYTHON_APP));
    req.end(`\r\n--${boundary}--\r\n`);
  });
  expect(text.endsWith('\nOK\n')).toBe(true);
});
