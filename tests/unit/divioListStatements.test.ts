import { ListDeployments } from '../../dialects/divio/handlers/deployments';
import { ListDomains } from '../../dialects/divio/handlers/domains';
import { ListEnvironments } from '../../dialects/divio/handlers/environments';
import { ListEnvironmentVariables } from '../../dialects/divio/handlers/variables';
import type { DialectRequest, OperationHandler } from '../../dialects/types';
import type { ManualClock } from '../../src/core/clock';
import type { Core } from '../../src/core/core';
import type { Principal } from '../../src/core/model';
import type { Store } from '../../src/store/store';
import { ORGANISATION } from '../helpers/divio';
import { startTestCore } from '../helpers/core';
import { countQueries } from '../helpers/queryCount';

let store: Store;
let core: Core;
let clock: ManualClock;
let admin: Principal;
const appIds: string[] = [];

beforeEach(() => {
  ({ core, store, clock, admin } = startTestCore({ logLines: 3 }));
  appIds.length = 0;
});
afterEach(() => store.close());

/**
 * Applications whose environments each have a variable and a domain; live has a finished deployment
 * and test one still running (until the next call's deployments finish): every entry of every list
 * has something of its own to show.
 */
function addApps(from: number, to: number) {
  const group = core.catalogues.planGroups(admin)[0];
  const added: string[][] = [];
  for (let i = from; i < to; i++) {
    const { app } = core.profiles.create(admin, { displayName: `App ${i}`, slug: `app-${i}`, tenantId: admin.homeTenantId, planGroupId: group.id, regionId: group.regionIds[0] });
    appIds.push(app.id);
    const environments = core.environments.list(admin, [app.id]).map((s) => s.environment.id);
    for (const environment of environments) {
      core.environmentVariables.create(admin, environment, { name: 'NAME', value: 'v' });
      core.environmentDomains.create(admin, environment, `${environment}.example.com`);
    }
    added.push(environments);
  }
  const deploy = (environment: string) => core.deployments.create(admin, environment, { buildMode: 'AUTO', provisionServices: false });
  added.forEach(([, live]) => deploy(live));
  for (let step = 0; step < 4; step++) {
    clock.advance(1000);
    core.timedWork.settleDue();
  }
  added.forEach(([test]) => deploy(test));
}

/** The handler's reply to a GET with this query, as the pipeline would hand it over. */
function list(handler: OperationHandler, query: Record<string, unknown>) {
  const req: DialectRequest = {
    operationId: 'list', method: 'GET', params: {}, query, headers: {}, body: undefined, files: [], principal: admin,
    url: new URL('http://divio.test/apps/v3/list/'),
  };
  return handler(req, core).body as { count: number; results: Record<string, unknown>[] };
}

const LISTS: [string, () => ReturnType<typeof list>][] = [
  ['environments', () => list(ListEnvironments, { page_size: '10' })],
  ['environments, filtered and ordered', () => list(ListEnvironments, { deployed: 'false', deploying: 'true', name_search: 'APP', o: ['-application'], page_size: '10' })],
  ['domains', () => list(ListDomains, { organisation: ORGANISATION, page_size: '10' })],
  ['variables', () => list(ListEnvironmentVariables, { application: [...appIds], environment_slug: 'live', page_size: '10' })],
  ['deployments', () => list(ListDeployments, { organisation: ORGANISATION, page_size: '10' })],
];

test.each(LISTS)('a page of Divio %s costs the same statements for 3 applications as for 30, and compiles none the second time', (_, page) => {
  addApps(0, 3);
  const before = page();
  const few = countQueries(store.sqlite, page);
  addApps(3, 30);
  let reply = page();
  const many = countQueries(store.sqlite, () => { reply = page(); });
  expect(reply.results).toHaveLength(10);
  expect(reply.count).toBeGreaterThan(before.count);
  expect(many).toEqual(few);
  expect(many.prepared).toBe(0);
  // A count, a page, and what the page's entries show (variables, builds, releases, regions; domain checks).
  expect(many.executed).toBeLessThanOrEqual(6);
});

test('the filtered environment page holds the running test environments, by application name descending', () => {
  addApps(0, 12);
  const reply = LISTS[1][1]();
  expect(reply.count).toBe(12);
  expect(reply.results.map((e) => e.app_name).map((name) => String(name).split('-')[0])).toEqual(
    ['app9', 'app8', 'app7', 'app6', 'app5', 'app4', 'app3', 'app2', 'app11', 'app10'],
  );
  expect(reply.results.every((e) => e.slug === 'test' && e.last_finished_deployment === null)).toBe(true);
});
