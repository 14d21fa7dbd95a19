import request from 'supertest';
import { startArchiveServer } from '../../helpers/archiveServer';
import { ADMIN_TOKEN, startTestEmulator, stateOf, type TestEmulator } from '../../helpers/emulator';
import { streamChunks } from '../../helpers/streamChunks';
import { PYTHON_APP, tarGz, tsuruAs, withTsuruEmulator, pythonAppDeployed } from '../../helpers/tsuru';

const emu = withTsuruEmulator({ team: 'myteam', app: 'myapp' });
const ARCHIVE = tarGz(PYTHON_APP);
let files: Awaited<ReturnType<typeof startArchiveServer>>;

beforeAll(async () => {
  files = await startArchiveServer({
    '/app.tar.gz': { body: ARCHIVE },
    '/broken.tar.gz': { body: 'this is not a tarball' },
    '/empty.tar.gz': { body: '' },
    '/moved': { status: 302, body: '', headers: { Location: '/app.tar.gz' } },
  });
});
afterAll(() => files.close());

const deployUrl = (url: string, emulator: TestEmulator = emu) => tsuruAs(emulator).post('/1.0/apps/myapp/deploy').type('form')
  .send({ 'archive-url': url, origin: 'app-deploy' }).expect(200);

/** What a failed deploy must leave alone: no build, no release, no unit. */
async function versionsOf(emulator: TestEmulator) {
  const state = await stateOf(emulator) as Record<string, unknown[]>;
  return { builds: state.builds, releases: state.releases, processes: state.processes };
}

describe('deploy from an archive URL', () => {
  test('the archive is fetched, read like an upload, and deployed', async () => {
    const res = await deployUrl(files.url('/app.tar.gz'));
    expect(res.headers['content-type']).toBe('text');
    expect(res.text).toBe([
      `---- Downloading ${files.url('/app.tar.gz')} ----`,
      ` ---> Downloaded ${ARCHIVE.length} bytes`,
      ' ---> Archive: 2 file(s)',
      ...pythonAppDeployed(2),
    ].join('\n'));
    expect(files.requested).toContain('GET /app.tar.gz');
    const [deploy] = (await tsuruAs(emu).get('/1.0/deploys?app=myapp').expect(200)).body;
    expect(deploy).toMatchObject({ Origin: 'app-deploy', Error: '', Image: 'tsuru/app-myapp:v2', CanRollback: true });
    const info = (await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body;
    expect(info.units.map((u: { processname: string }) => u.processname)).toEqual(['web']);
  });

  test('a redirect is followed, as Go\'s client does', async () => {
    const res = await deployUrl(files.url('/moved'));
    expect(res.text.endsWith('\nOK\n')).toBe(true);
    expect(files.requested.slice(-2)).toEqual(['GET /moved', 'GET /app.tar.gz']);
  });

  test.each([
    ['a 404', '/nope.tar.gz', 'could not download the archive: unexpected status code'],
    ['a body that is not a tar.gz', '/broken.tar.gz', 'invalid archive: not gzip data (incorrect header check)'],
    ['an empty body', '/empty.tar.gz', 'archive file is empty'],
  ])('%s fails the deploy: the error line, the record carries it, no new version', async (_name, path, error) => {
    const before = await versionsOf(emu);
    const res = await deployUrl(files.url(path));
    expect(res.text.startsWith(`---- Downloading ${files.url(path)} ----\n`)).toBe(true);
    expect(res.text.endsWith(`\nERROR: ${error}\n`)).toBe(true);
    const [deploy] = (await tsuruAs(emu).get('/1.0/deploys?app=myapp').expect(200)).body;
    expect(deploy).toMatchObject({ Error: error, Image: '', CanRollback: false });
    const info = (await tsuruAs(emu).get(`/1.0/deploys/${deploy.ID}`).expect(200)).body;
    expect(info.Log).toBe(res.text.slice(0, res.text.lastIndexOf('ERROR: ')));
    expect(await versionsOf(emu)).toEqual(before);
  });

  test('an unreachable host, or a scheme other than http(s), fails the deploy with Go\'s wording', async () => {
    const gone = await startArchiveServer({});
    await gone.close();
    const refused = await deployUrl(gone.url('/app.tar.gz'));
    expect(refused.text).toMatch(new RegExp(`\\nERROR: Get "${gone.url('/app.tar.gz')}": connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\n$`));
    const ftp = await deployUrl('ftp://127.0.0.1/app.tar.gz');
    expect(ftp.text.endsWith('\nERROR: Get "ftp://127.0.0.1/app.tar.gz": unsupported protocol scheme "ftp"\n')).toBe(true);
    const events = (await tsuruAs(emu).get('/1.1/events?kindname=app.deploy').expect(200)).body;
    expect(events[0]).toMatchObject({ Error: 'Get "ftp://127.0.0.1/app.tar.gz": unsupported protocol scheme "ftp"', Running: false });
    expect(JSON.parse(events[0].StartCustomData.Data)).not.toHaveProperty('steps');
  });

  test('the emulator\'s own admin API is never fetched, whatever the host is called', async () => {
    const gateway = new URL(emu.urls.gateway!);
    for (const url of [`${emu.urls.gateway}/_polypaas/state`, `http://localhost:${gateway.port}/_polypaas/state`]) {
      const res = await deployUrl(url);
      expect(res.text.endsWith(`\nERROR: Get "${url}": the archive URL must not point at the emulator's own admin API\n`)).toBe(true);
    }
    const journal = (await request(emu.urls.gateway!).get('/_polypaas/requests').expect(200)).body;
    expect(JSON.stringify(journal)).not.toContain('"/_polypaas/state"');
  });

  test('a deploy the caller may not make fetches nothing: the access check comes first', async () => {
    const before = files.requested.length;
    const res = await tsuruAs(emu).post('/1.0/apps/ghost/deploy').type('form').send({ 'archive-url': files.url('/app.tar.gz') }).expect(404);
    expect(res.text).toBe('App not found\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(files.requested.length).toBe(before);
  });

  test('a server that never answers is cut off at the deadline; the log streams before it', async () => {
    const hung = await startArchiveServer({ '/slow.tar.gz': 'hang' });
    const short = await startTestEmulator({ archiveDownloadDeadlineMs: 300 });
    try {
      await tsuruAs(short).post('/1.0/apps').type('form').send({ name: 'myapp', platform: 'python' }).expect(201);
      const url = hung.url('/slow.tar.gz');
      const chunks = await streamChunks(short.urls.tsuru!, '/1.0/apps/myapp/deploy', `archive-url=${encodeURIComponent(url)}`, ADMIN_TOKEN);
      expect(chunks[0]).toBe(`---- Downloading ${url} ----\n`);
      expect(chunks.at(-1)).toBe(`ERROR: Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)\n`);
      expect(chunks.length).toBeGreaterThanOrEqual(2);
    } finally {
      await short.close();
      await hung.close();
    }
  });
});
