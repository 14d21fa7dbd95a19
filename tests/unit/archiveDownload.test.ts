import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parse } from 'yaml';
import { DEPLOY_ARCHIVE_LIMIT } from '../../dialects/tsuru/deployLog';
import { archiveDownloader } from '../../src/downloads/archiveDownload';
import { fromRoot } from '../../src/store/paths';
import { AdminGuard } from '../../src/webhooks/adminGuard';
import { startArchiveServer } from '../helpers/archiveServer';

let files: Awaited<ReturnType<typeof startArchiveServer>>;
beforeAll(async () => {
  files = await startArchiveServer({
    '/ten.tar.gz': { body: Buffer.alloc(10, 1) },
    '/loop': { status: 302, body: '', headers: { Location: '/loop' } },
    '/hang': 'hang',
  });
});
afterAll(() => files.close());

const download = archiveDownloader(new AdminGuard('127.0.0.1'), { deadlineMs: 200 });

test('the body as it came, up to the limit; one byte more is too large', async () => {
  expect(await download(files.url('/ten.tar.gz'), 10)).toEqual({ ok: true, data: Buffer.alloc(10, 1) });
  expect(await download(files.url('/ten.tar.gz'), 9)).toEqual({ ok: false, reason: 'too_large', limit: 9 });
});

test('statuses, redirect loops, deadlines and bad URLs are outcomes, never rejections', async () => {
  expect(await download(files.url('/none'), 10)).toEqual({ ok: false, reason: 'status', status: 404 });
  expect(await download(files.url('/loop'), 10)).toEqual({ ok: false, reason: 'unreachable', detail: 'stopped after 10 redirects' });
  expect(await download(files.url('/hang'), 10)).toEqual({ ok: false, reason: 'deadline', ms: 200 });
  expect(await download('not a url', 10)).toEqual({ ok: false, reason: 'unreachable', detail: 'Invalid URL' });
  expect(await download('file:///etc/passwd', 10)).toEqual({ ok: false, reason: 'scheme', scheme: 'file' });
});

test('the admin port is refused by its address and by a name that resolves to this machine', async () => {
  const guard = new AdminGuard('127.0.0.1');
  guard.addAdminPort(Number(new URL(files.base).port));
  const guarded = archiveDownloader(guard, { deadlineMs: 1000 });
  const before = files.requested.length;
  expect(await guarded(files.url('/ten.tar.gz'), 10)).toEqual({ ok: false, reason: 'refused' });
  expect(await guarded(files.url('/ten.tar.gz').replace('127.0.0.1', 'localhost.'), 10)).toEqual({ ok: false, reason: 'refused' });
  // The machine's own name is no literal loopback: it is refused once it resolves, before a byte is sent.
  expect(await guarded(files.url('/ten.tar.gz').replace('127.0.0.1', hostname()), 10)).toEqual({ ok: false, reason: 'refused' });
  expect(files.requested.length).toBe(before);
});

test('an archive URL may be as large as an uploaded archive: the spec\'s limit for AppDeploy', () => {
  const spec = parse(readFileSync(fromRoot('specs', 'tsuru.yaml'), 'utf8'));
  expect(spec.paths['/1.0/apps/{app}/deploy'].post['x-polypaas-body-limit']).toBe(DEPLOY_ARCHIVE_LIMIT);
});
