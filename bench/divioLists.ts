/**
 * Divio's environment, domain, variable and deployment lists, timed in-process at the handler (the
 * list's statements and its page's JSON, no HTTP): BENCH_APPS applications (default 5 000, so 10 000
 * environments), each environment with a variable and a domain, every tenth application's live
 * environment deployed. Run it in two checkouts to compare them; prints a Markdown table.
 *
 *   node dist/bench/divioLists.js         (after npm run build) BENCH_APPS=5000 BENCH_RUNS=20
 */
import { performance } from 'node:perf_hooks';
import { ListDeployments } from '../dialects/divio/handlers/deployments';
import { ListDomains } from '../dialects/divio/handlers/domains';
import { ListEnvironments } from '../dialects/divio/handlers/environments';
import { ListEnvironmentVariables } from '../dialects/divio/handlers/variables';
import type { DialectRequest, OperationHandler } from '../dialects/types';
import { ManualClock } from '../src/core/clock';
import { Core } from '../src/core/core';
import { sequentialIds } from '../src/core/ids';
import { DEFAULT_NODE_DURATIONS } from '../src/core/services/nodes';
import { DEFAULT_FIXTURES, loadFixtures, readFixtures } from '../src/store/fixtures';
import { Store } from '../src/store/store';

const APPS = Number(process.env.BENCH_APPS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

const store = new Store(undefined);
const clock = new ManualClock();
const core = new Core({
  store, clock, ids: sequentialIds(),
  settings: { appDomain: 'bench.local', logLines: 100, nodeDurations: DEFAULT_NODE_DURATIONS, eventRetention: 10_000 },
});
loadFixtures(core, readFixtures(DEFAULT_FIXTURES));
const admin = core.principals.principalOf(core.principals.findByUsername('admin'));
const organisation = core.catalogues.tenantUuid(admin.homeTenantId);

function seed(): string {
  const group = core.catalogues.planGroups(admin)[0];
  let middleApp = '';
  const deployed: string[] = [];
  store.tx(() => {
    for (let i = 0; i < APPS; i++) {
      const { app } = core.profiles.create(admin, {
        displayName: `Seeded ${i}`, slug: `seeded-${String(i).padStart(5, '0')}`, tenantId: admin.homeTenantId, planGroupId: group.id, regionId: group.regionIds[0],
      });
      if (i === Math.floor(APPS / 2)) middleApp = app.id;
      const [test, live] = core.environments.of(app).map((e) => e.id);
      for (const environment of [test, live]) {
        core.environmentVariables.create(admin, environment, { name: 'NAME', value: 'v' });
        core.environmentDomains.create(admin, environment, `${environment}.example.com`);
      }
      if (i % 10 === 0) deployed.push(live);
    }
    for (const live of deployed) core.deployments.create(admin, live, { buildMode: 'AUTO', provisionServices: false });
  });
  for (let step = 0; step < 4; step++) {
    clock.advance(1000);
    store.tx(() => core.timedWork.settleDue());
  }
  return middleApp;
}

function request(query: Record<string, unknown>): DialectRequest {
  return {
    operationId: 'list', method: 'GET', params: {}, query, headers: {}, body: undefined, files: [], principal: admin,
    url: new URL('http://divio.bench/apps/v3/list/'),
  };
}

/** Median and 90th percentile of RUNS calls, in a transaction each as the pipeline runs a handler. */
function time(handler: OperationHandler, query: Record<string, unknown>): { p50: number; p90: number; count: number } {
  const reply = store.tx(() => handler(request(query), core)).body as { count: number };
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    store.tx(() => handler(request(query), core));
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return { p50: runs[Math.floor(RUNS / 2)], p90: runs[Math.floor(RUNS * 0.9)], count: reply.count };
}

const seedStart = performance.now();
const app = seed();
console.error(`seeded ${APPS} applications in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
const CASES: [string, OperationHandler, Record<string, unknown>][] = [
  ['environments, first page (100)', ListEnvironments, {}],
  ['environments, one application (divio-cli)', ListEnvironments, { application: app }],
  ['environments, deployed=true&o=-application', ListEnvironments, { deployed: 'true', o: ['-application'] }],
  ['environments, name_search=seeded-0001&slug=live', ListEnvironments, { name_search: 'seeded-0001', slug: 'live' }],
  ['domains, organisation, first page', ListDomains, { organisation }],
  ['variables, one application', ListEnvironmentVariables, { application: [app] }],
  ['deployments, organisation, first page', ListDeployments, { organisation }],
];
console.log(`| ${APPS * 2} environments | count | p50 ms | p90 ms |`);
console.log('|---|---:|---:|---:|');
for (const [label, handler, query] of CASES) {
  const { p50, p90, count } = time(handler, query);
  console.log(`| ${label} | ${count} | ${p50.toFixed(2)} | ${p90.toFixed(2)} |`);
}
store.close();
