import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/core/clock';
import type { TimedWork } from '../../src/core/services/timedWork';
import { startTestCore, type TestCore } from '../helpers/core';

let t: TestCore;
let settled: TimedWork[];

const registerProbe = (core: TestCore['core']) => {
  settled = [];
  core.timedWork.register('probe', (work) => settled.push(work));
};

beforeEach(() => {
  t = startTestCore();
  registerProbe(t.core);
});
afterEach(() => t.store.close());

test('work settles when the clock reaches it, not before, in the order it falls due', () => {
  t.core.timedWork.schedule('probe', 'thing:b', 2000, { n: 2 });
  t.core.timedWork.schedule('probe', 'thing:a', 1000, { n: 1 });
  expect(t.core.timedWork.nextDue()).toEqual(new Date('2014-01-01T00:00:01Z'));
  t.clock.advance(999);
  expect(t.core.timedWork.settleDue()).toBe(0);
  t.clock.advance(5000);
  expect(t.core.timedWork.settleDue()).toBe(2);
  expect(settled.map((w) => [w.target, w.payload, w.settlesAt])).toEqual([
    ['thing:a', { n: 1 }, '2014-01-01T00:00:01.000Z'],
    ['thing:b', { n: 2 }, '2014-01-01T00:00:02.000Z'],
  ]);
  expect(t.core.timedWork.nextDue()).toBeUndefined();
});

test('pending lists what is left on a target; cancel drops it (by kind when asked)', () => {
  t.core.timedWork.register('other', () => undefined);
  t.core.timedWork.schedule('probe', 'thing:a', 1000);
  t.core.timedWork.schedule('other', 'thing:a', 500);
  t.core.timedWork.schedule('probe', 'thing:b', 1000);
  expect(t.core.timedWork.pending('thing:a').map((w) => w.kind)).toEqual(['other', 'probe']);
  expect(t.core.timedWork.cancel('thing:a', 'probe')).toBe(1);
  expect(t.core.timedWork.pending('thing:a').map((w) => w.kind)).toEqual(['other']);
  expect(t.core.timedWork.cancel('thing:a')).toBe(1);
  t.clock.advance(2000);
  t.core.timedWork.settleDue();
  expect(settled.map((w) => w.target)).toEqual(['thing:b']);
});

test('scheduling is part of the caller\'s transaction: a rollback leaves no work behind', () => {
  expect(() => t.store.tx(() => {
    t.core.timedWork.schedule('probe', 'thing:a', 0);
    throw new Error('changed my mind');
  })).toThrow('changed my mind');
  expect(t.core.timedWork.pending('thing:a')).toEqual([]);
});

test('work a handler schedules for now settles in the same call; an unknown kind cannot be scheduled', () => {
  t.core.timedWork.register('chain', (work) => {
    if (Number(work.payload.left) > 0) t.core.timedWork.schedule('chain', work.target, 0, { left: Number(work.payload.left) - 1 });
    else t.core.timedWork.schedule('probe', work.target, 0);
  });
  t.core.timedWork.schedule('chain', 'thing:a', 0, { left: 3 });
  expect(t.core.timedWork.settleDue()).toBe(5);
  expect(settled).toHaveLength(1);
  expect(() => t.core.timedWork.schedule('nobody-handles-this', 'x', 0)).toThrow('no handler');
});

test('a failing handler rolls back its own writes, keeps its error, and does not block the rest', () => {
  t.core.timedWork.register('broken', () => {
    t.core.timedWork.schedule('probe', 'written-by-broken', 0);
    throw new Error('disk on fire');
  });
  t.core.timedWork.schedule('broken', 'thing:a', 0);
  t.core.timedWork.schedule('probe', 'thing:b', 0);
  expect(t.core.timedWork.settleDue()).toBe(1);
  expect(settled.map((w) => w.target)).toEqual(['thing:b']);
  expect(t.core.timedWork.pending('thing:a')).toEqual([]);
  expect(t.store.dump().timed_work).toEqual([expect.objectContaining({ kind: 'broken', error: 'disk on fire' })]);
  expect(t.core.timedWork.nextDue()).toBeUndefined();
});

test('onScheduled fires after the commit that scheduled work, so a timer can be set', () => {
  const heard: string[] = [];
  t.core.timedWork.onScheduled(() => heard.push('scheduled'));
  t.store.tx(() => {
    t.core.timedWork.schedule('probe', 'thing:a', 10);
    expect(heard).toEqual([]);
  });
  expect(heard).toEqual(['scheduled']);
});

describe('with a database file', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'polypaas-timed-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a restart resumes pending work: what fell due meanwhile settles, the rest waits', () => {
    const file = path.join(dir, 'state.db');
    const first = startTestCore({ file });
    first.core.timedWork.register('probe', () => undefined);
    first.core.timedWork.schedule('probe', 'thing:soon', 1000, { keep: 'me' });
    first.core.timedWork.schedule('probe', 'thing:later', 60_000);
    first.store.close();

    const second = startTestCore({ file, clock: new ManualClock('2014-01-01T00:00:30Z') });
    try {
      registerProbe(second.core);
      expect(second.core.timedWork.settleDue()).toBe(1);
      expect(settled.map((w) => [w.target, w.payload])).toEqual([['thing:soon', { keep: 'me' }]]);
      expect(second.core.timedWork.pending('thing:later')).toHaveLength(1);
    } finally {
      second.store.close();
    }
  });
});

test('a running event ended by timed work: the pattern deploys and builds follow', () => {
  t.core.timedWork.register('deploy.finish', (work) => {
    const id = Number(work.payload.eventId);
    t.core.events.appendSteps(id, { code: 'deployed', params: {} });
    t.core.events.finish(id);
  });
  const event = t.store.tx(() => {
    const started = t.core.events.start({ tenantId: 'polypaas' }, { kind: 'app.deploy', owner: 'admin', target: { type: 'app', value: 'web' } });
    t.core.timedWork.schedule('deploy.finish', `event:${started.id}`, 2000, { eventId: started.id });
    return started;
  });
  t.clock.advance(2000);
  t.core.timedWork.settleDue();
  expect(t.core.events.get(event.id)).toMatchObject({ running: false, data: { steps: [{ code: 'deployed', params: {} }] }, endedAt: '2014-01-01T00:00:02.000Z' });
});
