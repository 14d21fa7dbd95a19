import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CoreEvent } from '../../src/core/services/events';
import { loadFixtures, readFixtures, DEFAULT_FIXTURES } from '../../src/store/fixtures';
import { startTestCore, type TestCore } from '../helpers/core';
import { observePlans } from '../helpers/queryCount';

let t: TestCore;
beforeEach(() => { t = startTestCore(); });
afterEach(() => t.store.close());

const TENANT = { tenantId: 'polypaas' };

test('an app event targets the app by name, is indexed by app, and is over at once', () => {
  const app = t.core.apps.create(t.admin, { name: 'web' });
  const [event] = t.core.events.list({ appId: app.id });
  expect(event).toMatchObject({
    kind: 'app.create', targetType: 'app', targetValue: 'web', owner: 'admin', ownerType: 'user', tenantId: 'polypaas',
    appId: app.id, running: false, error: null, log: '', cancelable: false,
    startedAt: '2014-01-01T00:00:00.000Z', endedAt: '2014-01-01T00:00:00.000Z', data: { app: 'web' },
  });
  expect(t.core.events.get(event.id)).toEqual(event);
  expect(() => t.core.events.get(event.id + 1000)).toThrow('event.not_found');
});

test('a running event gathers its steps and is heard of only when it finishes', () => {
  const heard: CoreEvent[] = [];
  t.core.events.subscribe((e) => heard.push(e));
  const deploy = t.core.events.start(TENANT, { kind: 'app.deploy', owner: 'admin', target: { type: 'app', value: 'web' }, cancelable: true, data: { image: 'x' } });
  expect(deploy).toMatchObject({ running: true, endedAt: null, cancelable: true });
  t.clock.advance(1500);
  t.core.events.appendSteps(deploy.id, { code: 'upload', params: { files: 2 } });
  t.core.events.appendSteps(deploy.id, { code: 'units.up', params: {} });
  expect(t.core.events.list({ running: true }).map((e) => e.id)).toEqual([deploy.id]);
  expect(heard).toEqual([]);
  const done = t.core.events.finish(deploy.id, { error: 'image not found', data: { version: 3 } });
  expect(done).toMatchObject({
    running: false, error: 'image not found', endedAt: '2014-01-01T00:00:01.500Z',
    data: { image: 'x', version: 3, steps: [{ code: 'upload', params: { files: 2 } }, { code: 'units.up', params: {} }] },
  });
  expect(heard.map((e) => e.id)).toEqual([deploy.id]);
  expect(() => t.core.events.appendSteps(deploy.id, { code: 'late', params: {} })).toThrow('event.not_running');
  expect(() => t.core.events.finish(deploy.id)).toThrow('event.not_running');
});

test('listeners hear of an event only once its transaction commits, and never of a rolled back one', () => {
  const heard: string[] = [];
  t.core.events.subscribe((e) => heard.push(e.kind));
  expect(() => t.store.tx(() => {
    t.core.events.record(TENANT, 'lost', 'admin', {});
    throw new Error('rollback');
  })).toThrow('rollback');
  t.store.tx(() => {
    t.core.events.record(TENANT, 'kept', 'admin', {});
    expect(heard).toEqual([]);
  });
  expect(heard).toEqual(['kept']);
});

test('filters: tenant, target, kinds and kind family, owner, running, errors, time range, order and paging', () => {
  const at = (iso: string) => t.clock.set(iso);
  at('2014-01-01T01:00:00Z');
  t.core.events.record(TENANT, 'app.create', 'admin', { app: 'a' });
  at('2014-01-01T02:00:00Z');
  t.core.events.record({ tenantId: 'other' }, 'app.create', 'bob', { app: 'b' });
  at('2014-01-01T03:00:00Z');
  t.core.events.record({ ...TENANT, clusterId: 'default' }, 'node.create', 'platform', {}, { type: 'node', value: 'n1' });
  const failed = t.core.events.start(TENANT, { kind: 'app.deploy', owner: 'admin', data: { app: 'a' } });
  t.core.events.finish(failed.id, { error: 'boom' });
  t.core.events.start(TENANT, { kind: 'app.deploy', owner: 'admin', data: { app: 'a' } });

  const kinds = (f: Parameters<typeof t.core.events.list>[0]) => t.core.events.list(f).map((e) => `${e.kind}:${e.targetValue}`);
  expect(kinds({ tenantIds: ['polypaas'], order: 'oldest' })).toEqual(['app.create:a', 'node.create:n1', 'app.deploy:a', 'app.deploy:a']);
  expect(kinds({ tenantIds: [] })).toEqual([]);
  expect(kinds({ target: { type: 'node' } })).toEqual(['node.create:n1']);
  expect(kinds({ target: { type: 'app', value: 'b' } })).toEqual(['app.create:b']);
  expect(kinds({ kinds: ['app.create'] })).toEqual(['app.create:b', 'app.create:a']);
  expect(kinds({ kindPrefix: 'node.' })).toEqual(['node.create:n1']);
  expect(kinds({ kindPrefix: 'app_' })).toEqual([]);
  expect(kinds({ owner: 'bob' })).toEqual(['app.create:b']);
  expect(kinds({ ownerType: 'internal' })).toEqual(['node.create:n1']);
  expect(t.core.events.list({ running: true })).toHaveLength(1);
  expect(t.core.events.list({ errorOnly: true }).map((e) => e.error)).toEqual(['boom']);
  expect(kinds({ since: '2014-01-01T01:30:00Z', until: '2014-01-01T02:30:00Z' })).toEqual(['app.create:b']);
  expect(kinds({ limit: 2, skip: 1 })).toEqual(['app.deploy:a', 'node.create:n1']);
});

test('event ids are never handed out twice: not after a reset, not after a restore', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'polypaas-events-'));
  try {
    const first = t.core.events.record(TENANT, 'one', 'admin', {});
    const snapshot = path.join(dir, 'snap.db');
    await t.store.backupTo(snapshot);
    {
      const second = t.core.events.record(TENANT, 'two', 'admin', {});
      t.store.tx(() => {
        t.store.wipe();
        loadFixtures(t.core, readFixtures(DEFAULT_FIXTURES));
      });
      const afterReset = t.core.events.record(TENANT, 'three', 'admin', {});
      t.store.restoreFrom(snapshot);
      expect(t.core.events.list().map((e) => e.id)).toEqual([first.id]);
      const afterRestore = t.core.events.record(TENANT, 'four', 'admin', {});
      const ids = [first.id, second.id, afterReset.id, afterRestore.id];
      expect(new Set(ids).size).toBe(4);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('retention: a tenant keeps its newest finished events (a little more between prunings), other tenants keep theirs', () => {
  t.store.close();
  t = startTestCore({ eventRetention: 5 });
  t.core.events.record({ tenantId: 'quiet' }, 'quiet.1', 'admin', {});
  const running = t.core.events.start(TENANT, { kind: 'app.deploy', owner: 'admin' });
  for (let i = 0; i < 30; i++) t.core.events.record(TENANT, `busy.${i}`, 'admin', {});
  const kept = t.core.events.list({ tenantIds: ['polypaas'] });
  expect(kept.length).toBeLessThanOrEqual(5 + 5);
  expect(kept.slice(0, 5).map((e) => e.kind)).toEqual(['busy.29', 'busy.28', 'busy.27', 'busy.26', 'busy.25']);
  expect(kept.map((e) => e.id)).toContain(running.id);
  expect(t.core.events.list({ tenantIds: ['quiet'] }).map((e) => e.kind)).toEqual(['quiet.1']);
});

test('an app\'s deploys are found by app and kind, not among its other events (each env-set writes one)', () => {
  t.core.apps.create(t.admin, { name: 'web' });
  const plans = observePlans(t.store.sqlite, () => {
    t.core.deploys.list(t.admin, { appName: 'web' });
    t.core.deploys.list(t.admin, {});
    t.core.catalogueApps.info(t.admin, 'web');
  });
  const eventReads = [...plans.values()].flat().filter((line) => / events /.test(line));
  expect(eventReads).toHaveLength(3);
  for (const line of eventReads) expect(line).toMatch(/^SEARCH events USING INDEX events_app_kind \(app_id=\? AND kind=\?\)/);
});
