import { applicationJson } from '../../dialects/divio/mappers';
import { catalogueView, miniAppJson } from '../../dialects/tsuru/mappers';
import type { Core } from '../../src/core/core';
import type { Principal } from '../../src/core/model';
import type { Store } from '../../src/store/store';
import { startTestCore } from '../helpers/core';
import { countQueries } from '../helpers/queryCount';

let store: Store;
let core: Core;
let admin: Principal;

beforeEach(() => {
  ({ core, store, admin } = startTestCore({ logLines: 3 }));
});
afterEach(() => store.close());

/** Divio applications and Tsuru apps, each Tsuru app with a custom domain. */
function addApps(from: number, to: number) {
  const group = core.catalogues.planGroups(admin)[0];
  for (let i = from; i < to; i++) {
    core.profiles.create(admin, { displayName: `App ${i}`, slug: `divio-${i}`, tenantId: admin.homeTenantId, planGroupId: group.id, regionId: group.regionIds[0] });
    core.catalogueApps.create(admin, { name: `tsuru-${i}`, platform: 'python' });
    core.domains.add(admin, `tsuru-${i}`, `tsuru-${i}.example.com`);
  }
}

const divioPage = () => {
  const list = core.profiles.search(admin, { nameSearch: 'app ', order: ['-name'] });
  list.count();
  return list.page({ limit: 10, offset: 0 }).map((item) => applicationJson(core, admin, item));
};

const tsuruList = () => {
  const view = catalogueView(core);
  return core.catalogueApps.search(admin, { platform: 'python' }).map((entry) => miniAppJson(entry, core, view));
};

test('a Divio application page, entries included, costs the same statements for 3 apps as for 30, none compiled', () => {
  addApps(0, 3);
  divioPage();
  const few = countQueries(store.sqlite, divioPage);
  addApps(3, 30);
  let page: ReturnType<typeof divioPage> = [];
  const many = countQueries(store.sqlite, () => { page = divioPage(); });
  expect(page.map((a) => a.slug)).toEqual(['divio-9', 'divio-8', 'divio-7', 'divio-6', 'divio-5', 'divio-4', 'divio-3', 'divio-29', 'divio-28', 'divio-27']);
  expect(many).toEqual(few);
  expect(many).toEqual({ prepared: 0, executed: 2 });
});

test('the Tsuru app list, entries included, costs the same statements for 3 apps as for 30, none compiled', () => {
  addApps(0, 3);
  tsuruList();
  const few = countQueries(store.sqlite, tsuruList);
  addApps(3, 30);
  let listed: ReturnType<typeof tsuruList> = [];
  const many = countQueries(store.sqlite, () => { listed = tsuruList(); });
  expect(listed).toHaveLength(30);
  expect(listed.find((a) => a.name === 'tsuru-29')).toMatchObject({ name: 'tsuru-29', cname: ['tsuru-29.example.com'], plan: { name: 'small' }, routers: [{ name: 'ingress', type: 'kubernetes-ingress' }] });
  expect(many).toEqual(few);
  expect(many.prepared).toBe(0);
  expect(many.executed).toBeLessThanOrEqual(8);
});

test('an entry of either list is the same as the entry read alone (a Tsuru app\'s in its info)', () => {
  addApps(0, 3);
  core.releases.createBuild(admin, 'tsuru-1', { image: 'registry.example.com/tsuru-1:1', procfile: { web: 'run web', worker: 'run worker' } });
  core.processes.scale(admin, 'tsuru-1', { web: 2, worker: 1 });
  for (const item of core.profiles.search(admin, {}).all()) expect(core.profiles.listed(core.profiles.get(admin, item.app.id))).toEqual(item);
  for (const entry of core.catalogueApps.search(admin, {})) {
    const { app, choices, pool, units, cnames } = core.catalogueApps.info(admin, entry.app.name);
    expect({ app, choices, pool, units, cnames }).toEqual(entry);
  }
});

test('an unfiltered application list counts by index what it lists: archived applications left out', () => {
  addApps(0, 4);
  const [first] = core.profiles.search(admin, { slug: 'divio-1' }).all();
  core.profiles.archive(admin, first.app.id, 'divio-1', false);
  const list = core.profiles.search(admin, {});
  expect(list.count()).toBe(list.all().length);
  expect(list.count()).toBe(7);
  expect(countQueries(store.sqlite, () => list.count()).executed).toBe(2);
});

test('a page of Divio activities costs the same statements for 3 applications as for 30, prepared once', () => {
  const activities = () => {
    const events = core.events.source({ liveAppsReadableBy: admin, kinds: ['app.create'] });
    return { count: events.count(), page: events.page({ limit: 10, offset: 0 }).map((e) => e.data.app) };
  };
  addApps(0, 3);
  const few = countQueries(store.sqlite, activities);
  addApps(3, 30);
  let page: ReturnType<typeof activities> = { count: 0, page: [] };
  const many = countQueries(store.sqlite, () => { page = activities(); });
  // Tsuru's apps are apps too, with the same visibility: 30 of each.
  expect(page.count).toBe(60);
  expect(page.page).toEqual(['tsuru-29', 'divio-29', 'tsuru-28', 'divio-28', 'tsuru-27', 'divio-27', 'tsuru-26', 'divio-26', 'tsuru-25', 'divio-25']);
  expect(many.executed).toBe(few.executed);
  expect(many.prepared).toBe(0);
});
