import { ManualClock } from '../../src/core/clock';
import { Core } from '../../src/core/core';
import { CoreError } from '../../src/core/errors';
import { sequentialIds } from '../../src/core/ids';
import { DEFAULT_NODE_DURATIONS } from '../../src/core/services/nodes';
import { drfLimitOffset, drfPage, medstackList, tsuruList } from '../../src/http/listConventions';
import { DEFAULT_FIXTURES, loadFixtures, readFixtures } from '../../src/store/fixtures';
import { arraySource, type ListSource } from '../../src/store/paginate';
import { Store } from '../../src/store/store';

const letters = (n: number) => Array.from({ length: n }, (_, i) => `r${i + 1}`);
const url = new URL('http://127.0.0.1:4103/deis/v1/apps/?page_size=2&other=x');
const same = (row: string) => row;
const DRF2 = { pageSize: 100, sizeParam: 'page_size', pageOneInLinks: true };

/** A source that records which windows it was asked for, to prove only one page is fetched. */
function spySource(rows: string[]) {
  const windows: { limit: number; offset: number }[] = [];
  const inner = arraySource(rows);
  const source: ListSource<string> = { ...inner, page: (w) => { windows.push(w); return inner.page(w); } };
  return { source, windows };
}

describe('DRF page-number pagination', () => {
  test('asks the source for one window and links to the neighbouring pages with absolute URLs', () => {
    const { source, windows } = spySource(letters(5));
    const body = drfPage(source, { page: '2', page_size: '2' }, url, DRF2, same);
    expect(body).toEqual({
      count: 5,
      next: 'http://127.0.0.1:4103/deis/v1/apps/?page_size=2&other=x&page=3',
      previous: 'http://127.0.0.1:4103/deis/v1/apps/?page_size=2&other=x&page=1',
      results: ['r3', 'r4'],
    });
    expect(windows).toEqual([{ limit: 2, offset: 2 }]);
  });

  test('DRF 3 drops page=1 from the link back to the first page', () => {
    const body = drfPage(arraySource(letters(5)), { page: '2' }, url, { ...DRF2, pageSize: 2, pageOneInLinks: false }, same);
    expect(body.previous).toBe('http://127.0.0.1:4103/deis/v1/apps/?page_size=2&other=x');
  });

  test('"last" is the last page; an empty list has one empty page and no links', () => {
    expect(drfPage(arraySource(letters(5)), { page: 'last', page_size: '2' }, url, DRF2, same).results).toEqual(['r5']);
    expect(drfPage(arraySource([]), {}, url, DRF2, same)).toEqual({ count: 0, next: null, previous: null, results: [] });
  });

  test('a page size that is not a positive number falls back to the default, and is capped', () => {
    expect(drfPage(arraySource(letters(150)), { page_size: '-3' }, url, DRF2, same).results).toHaveLength(100);
    expect(drfPage(arraySource(letters(150)), { page_size: '500' }, url, { ...DRF2, maxPageSize: 120 }, same).results).toHaveLength(120);
  });

  test.each(['0', '4', 'x', '1.5'])('page %s is not found', (page) => {
    expect(() => drfPage(arraySource(letters(5)), { page, page_size: '2' }, url, DRF2, same)).toThrow(CoreError);
  });
});

describe('DRF limit/offset pagination', () => {
  const options = { defaultLimit: 2 };
  test('links move by the limit and the link back to the start drops the offset', () => {
    expect(drfLimitOffset(arraySource(letters(5)), { limit: '2', offset: '2' }, url, options, same)).toEqual({
      count: 5,
      next: 'http://127.0.0.1:4103/deis/v1/apps/?page_size=2&other=x&limit=2&offset=4',
      previous: 'http://127.0.0.1:4103/deis/v1/apps/?page_size=2&other=x&limit=2',
      results: ['r3', 'r4'],
    });
  });

  test('bad values fall back to the defaults; an offset past the end is an empty page, not an error', () => {
    const body = drfLimitOffset(arraySource(letters(5)), { limit: 'many', offset: '-1' }, url, options, same);
    expect(body.results).toEqual(['r1', 'r2']);
    expect(body.previous).toBeNull();
    expect(drfLimitOffset(arraySource(letters(5)), { offset: '9' }, url, options, same))
      .toMatchObject({ count: 5, next: null, results: [] });
  });
});

test('MedStack lists every row in its envelope; Tsuru lists are arrays, or 204 when empty', () => {
  expect(medstackList(arraySource(['a', 'b']), (r) => ({ id: r }))).toEqual({ object: 'list', data: [{ id: 'a' }, { id: 'b' }] });
  expect(tsuruList(arraySource(['a']), same)).toEqual({ status: 200, body: ['a'] });
  expect(tsuruList(arraySource([]), same)).toEqual({ status: 204 });
});

describe('the app list in SQL', () => {
  let store: Store;
  let core: Core;
  let clock: ManualClock;
  beforeEach(() => {
    store = new Store(undefined);
    clock = new ManualClock();
    core = new Core({ store, clock, ids: sequentialIds(), settings: { appDomain: 'test.local', logLines: 3, nodeDurations: DEFAULT_NODE_DURATIONS, eventRetention: 10_000 } });
    loadFixtures(core, readFixtures(DEFAULT_FIXTURES));
  });
  afterEach(() => store.close());

  test('counts and slices in SQL, oldest first, and a user sees only what they own or were granted', () => {
    const admin = core.principals.principalOf(core.principals.findByUsername('admin'));
    core.apps.create(admin, { name: 'c' });
    clock.advance(1000);
    for (const name of ['b', 'a', 'd']) core.apps.create(admin, { name });
    const other = core.principals.principalOf(core.principals.register({ username: 'other', password: 'pw', email: '' }));
    core.apps.create(other, { name: 'mine' });
    core.grants.grantUser(admin, 'a', 'other');

    const all = core.apps.list(admin);
    expect(all.count()).toBe(5);
    expect(all.page({ limit: 3, offset: 0 }).map((app) => app.name)).toEqual(['c', 'a', 'b']);
    expect(all.page({ limit: 2, offset: 3 }).map((app) => app.name)).toEqual(['d', 'mine']);
    const visible = core.apps.list(other);
    expect(visible.count()).toBe(2);
    expect(visible.all().map((app) => app.name).sort()).toEqual(['a', 'mine']);
  });
});
