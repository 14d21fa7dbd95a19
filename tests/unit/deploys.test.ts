import { stepsOf } from '../../src/core/services/events';
import { startTestCore, type TestCore } from '../helpers/core';
import { PYTHON_APP, tarGz } from '../helpers/tsuru';

let t: TestCore;
beforeEach(() => {
  t = startTestCore();
  t.core.apps.create(t.admin, { name: 'web' });
});
afterEach(() => t.store.close());

/** Waits for the download that runs after the start's commit (a promise, not the clock). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

test('a deploy records steps and a failure as codes and parameters: no sentence in the core', () => {
  const event = t.core.deploys.start(t.admin, 'web', { archive: tarGz({ 'app.py': 'x' }) });
  t.core.timedWork.settleDue();
  const done = t.core.events.get(event.id);
  expect(stepsOf(done)).toEqual([
    { code: 'upload', params: { files: 1, bytes: expect.any(Number) } },
    { code: 'procfile', params: { procfile: {} } },
    { code: 'procfile.missing', params: {} },
  ]);
  expect(done).toMatchObject({ log: '', error: 'deploy.procfile_missing', data: { failure: { code: 'deploy.procfile_missing', params: {} } } });
});

test('without a downloader, an archive URL deploy fails as its start commits, with the URL in its failure', () => {
  const event = t.core.deploys.start(t.admin, 'web', { archiveUrl: 'http://example.invalid/app.tar.gz' });
  expect(t.core.events.get(event.id)).toMatchObject({
    running: false, error: 'deploy.download_unavailable', data: { failure: { params: { url: 'http://example.invalid/app.tar.gz' } } },
  });
});

test('a download that ends after its deploy was wiped (a reset) is dropped', async () => {
  let answer: (data: Buffer) => void = () => undefined;
  t.core.ctx.settings.downloadArchive = () => new Promise((resolve) => { answer = (data) => resolve({ ok: true, data }); });
  const event = t.core.deploys.start(t.admin, 'web', { archiveUrl: 'http://files.test/app.tar.gz' });
  t.store.tx(() => t.store.wipe());
  answer(tarGz(PYTHON_APP));
  await settled();
  expect(() => t.core.events.get(event.id)).toThrow();
  expect(t.core.timedWork.nextDue()).toBeUndefined();
});

test('a deploy still downloading at the deadline by the core clock fails (its download lost, say, with a restart)', () => {
  t.core.ctx.settings.downloadArchive = () => new Promise(() => undefined);
  t.core.ctx.settings.downloadDeadlineMs = 60_000;
  const event = t.core.deploys.start(t.admin, 'web', { archiveUrl: 'http://files.test/app.tar.gz' });
  t.clock.advance(59_999);
  t.core.timedWork.settleDue();
  expect(t.core.events.get(event.id).running).toBe(true);
  t.clock.advance(1);
  t.core.timedWork.settleDue();
  expect(t.core.events.get(event.id)).toMatchObject({
    running: false, error: 'deploy.download_deadline', data: { failure: { params: { url: 'http://files.test/app.tar.gz', ms: 60_000 } } },
  });
});

test('a download that arrives in time cancels the deadline and schedules the build', async () => {
  t.core.ctx.settings.downloadArchive = async () => ({ ok: true, data: tarGz(PYTHON_APP) });
  const event = t.core.deploys.start(t.admin, 'web', { archiveUrl: 'http://files.test/app.tar.gz' });
  await settled();
  expect(t.core.timedWork.pending(`deploy:${event.id}`).map((w) => w.kind)).toEqual(['app.deploy.finish']);
  t.core.timedWork.settleDue();
  expect(t.core.events.get(event.id)).toMatchObject({ running: false, error: null, data: { image: 'tsuru/app-web:v2', version: 2 } });
});
