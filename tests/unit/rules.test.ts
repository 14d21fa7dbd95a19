import { ManualClock } from '../../src/core/clock';
import { Store } from '../../src/store/store';
import { simulateCommand } from '../../src/core/services/oneOff';
import { sequentialIds } from '../../src/core/ids';
import { RequestJournal, type JournalRecord } from '../../src/http/journal';
import { deisCanonicalPath } from '../../dialects/deis/routes';
import { observeQueries } from '../helpers/queryCount';

test.each([
  ['echo a  b', 0, 'a b\n'],
  ["echo '$X'", 0, '$X\n'],
  ['echo "${X}"', 0, 'x\n'],
  ['printenv X', 0, 'x\n'],
  ['printenv NOPE', 1, ''],
  ['exit 3', 3, ''],
  ['false', 1, ''],
  ['ls /', 127, '/bin/sh: 1: ls: not found\n'],
])('one-off %s', (command, rc, output) => {
  expect(simulateCommand(command, { X: 'x' })).toEqual({ rc, output });
});

test('sequential ids repeat exactly', () => {
  const a = sequentialIds();
  const b = sequentialIds();
  expect([a.uuid(), a.token(), a.appName()]).toEqual([b.uuid(), b.token(), b.appName()]);
});

test('the journal is a ring: it holds at most its capacity', () => {
  const journal = new RequestJournal(3);
  const entry = (n: number): JournalRecord => ({ at: Date.UTC(2026, 0, 1, 0, 0, n), dialect: 'deis', method: 'GET', path: `/${n}`, operationId: null, status: 200, durationMs: 0 });
  for (let n = 1; n <= 7; n++) journal.add(entry(n));
  expect(journal.list().map((e) => e.path)).toEqual(['/5', '/6', '/7']);
  expect(journal.list()[0].time).toBe('2026-01-01T00:00:05.000Z');
  expect(journal.count()).toBe(7);
  journal.clear();
  expect(journal.list()).toEqual([]);
  const none = new RequestJournal(0);
  none.add(entry(1));
  expect(none.list()).toEqual([]);
});

test.each([
  ['/v1/', '/v1/'],
  ['/v1/apps', '/v1/apps'],
  ['/v1/apps/', '/v1/apps'],
  ['/v1/apps/x/', '/v1/apps/x'],
  ['/v1/apps/x/releases/v12/', '/v1/apps/x/releases/v12'],
  ['/v1/apps/x/releases/rollback', '/v1/apps/x/releases/rollback'],
  ['/v1/apps/x/containers/web.1/', '/v1/apps/x/containers/web.1'],
  ['/v1/apps/x/containers/web/2', '/v1/apps/x/containers/web/2'],
  ['/v1/apps/x/domains/a.example.com', '/v1/apps/x/domains/a.example.com'],
  ['/v1/keys/me%40host/', '/v1/keys/me%40host%2F'],
  ['/v1/auth/login/', '/v1/auth/login'],
  ['/v1/auth/login', undefined],
  ['/v1/hooks/push', undefined],
  ['/v1', undefined],
  ['/v1/%E0%A4%A', undefined],
])('route %s -> %s', (path, canonical) => {
  expect(deisCanonicalPath(path)).toBe(canonical);
});

test('a manual clock tells its listeners when it jumps', () => {
  const clock = new ManualClock('2020-01-01T00:00:00Z');
  const seen: string[] = [];
  const stop = clock.onAdvance(() => seen.push(clock.now().toISOString()));
  clock.advance(1000);
  clock.set('2021-01-01T00:00:00Z');
  stop();
  clock.advance(1);
  expect(seen).toEqual(['2020-01-01T00:00:01.000Z', '2021-01-01T00:00:00.000Z']);
});

test('after-commit callbacks run once the outermost transaction commits, and never after a rollback', () => {
  const store = new Store(undefined);
  const ran: string[] = [];
  store.tx(() => {
    store.afterCommit(() => ran.push('outer'));
    store.tx(() => store.afterCommit(() => ran.push('inner')));
    expect(ran).toEqual([]);
  });
  expect(ran).toEqual(['outer', 'inner']);
  expect(() => store.tx(() => {
    store.afterCommit(() => ran.push('rolled back'));
    throw new Error('no');
  })).toThrow('no');
  store.tx(() => {
    try {
      store.savepoint(() => {
        store.afterCommit(() => ran.push('failed savepoint'));
        throw new Error('inner');
      });
    } catch {
      store.afterCommit(() => ran.push('kept'));
    }
  });
  expect(ran).toEqual(['outer', 'inner', 'kept']);
  store.close();
});

test('a nested transaction joins the outer one; a savepoint undoes only its own writes', () => {
  const store = new Store(undefined);
  store.sqlite.exec('CREATE TABLE t (v TEXT)');
  const insert = store.sqlite.prepare('INSERT INTO t VALUES (?)');
  const values = () => store.sqlite.prepare('SELECT v FROM t').pluck().all();
  const { ran } = observeQueries(store.sqlite, () => store.tx(() => {
    insert.run('outer');
    store.tx(() => insert.run('joined'));
    try {
      store.savepoint(() => {
        insert.run('undone');
        throw new Error('refused');
      });
    } catch {
      insert.run('after');
    }
  }));
  expect(values()).toEqual(['outer', 'joined', 'after']);
  // One SAVEPOINT: the explicit one; the joined call opened none.
  expect(ran.filter((source) => source.startsWith('SAVEPOINT'))).toHaveLength(1);
  expect(() => store.tx(() => {
    store.tx(() => insert.run('lost with the outer'));
    throw new Error('outer fails');
  })).toThrow(/outer fails/);
  expect(values()).toEqual(['outer', 'joined', 'after']);
  store.close();
});
