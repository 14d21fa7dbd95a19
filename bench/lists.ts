/**
 * The Divio application list and the Tsuru app list at 100 and 10 000 apps, for two builds side by
 * side: BENCH_BEFORE (e.g. a build of main before a change) and BENCH_ROOT (default: this build). Both
 * servers of a row take the same load in interleaved rounds, so other work on the machine falls on
 * both. Every seeded app has a Divio profile, Tsuru catalogue choices, one running unit and one custom
 * domain, as apps made through those dialects would. Prints a Markdown table; asserts nothing.
 *
 *   npm run build && BENCH_BEFORE=/path/to/other/build node dist/bench/lists.js
 *   BENCH_SECONDS=3 BENCH_LIST_CONCURRENCY=4
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load, merge, once, type BenchRequest, type LoadResult } from './load';
import { seedDatabase } from './seed';
import { startPolypaas, stop } from './servers';

type StoreModule = typeof import('../src/store/store');

const ROOT = path.resolve(process.env.BENCH_ROOT ?? path.resolve(__dirname, '..', '..'));
const BEFORE = process.env.BENCH_BEFORE ? path.resolve(process.env.BENCH_BEFORE) : undefined;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_LIST_CONCURRENCY ?? 4);
const ROUNDS = 3;
const APP_COUNTS = [100, 10_000];

const DIVIO = { Authorization: 'Token polypaas-admin-token' };
const TSURU = { Authorization: 'bearer polypaas-admin-token' };
const CASES: { label: string; dialect: 'divio' | 'tsuru'; request: BenchRequest }[] = [
  { label: 'Divio application list, first page', dialect: 'divio', request: { method: 'GET', path: '/apps/v3/applications/', headers: DIVIO, expect: 200 } },
  { label: 'Divio application list, name_search (10 apps)', dialect: 'divio', request: { method: 'GET', path: '/apps/v3/applications/?name_search=seeded-00001', headers: DIVIO, expect: 200 } },
  { label: 'Tsuru app list, every app', dialect: 'tsuru', request: { method: 'GET', path: '/1.0/apps', headers: TSURU, expect: 200 } },
  { label: 'Tsuru app list, ?name= (10 apps)', dialect: 'tsuru', request: { method: 'GET', path: '/1.0/apps?name=seeded-00001', headers: TSURU, expect: 200 } },
];

/** What Divio and Tsuru keep of an app besides its row: profile, catalogue choices, a unit and a domain. */
function addDialectRows(root: string, file: string): void {
  const { Store } = require(path.join(root, 'dist', 'src', 'store', 'store')) as StoreModule;
  const store = new Store(file);
  try {
    store.sqlite.exec(`BEGIN;
      INSERT INTO app_profiles (app_id, display_name, plan_group_id, region_id, tags, settings)
        SELECT id, 'Seeded ' || name, (SELECT id FROM plan_groups ORDER BY position LIMIT 1),
          (SELECT id FROM regions ORDER BY position LIMIT 1), '["seeded"]',
          '{"maintenanceWindowStart":0,"maintenanceWindowDuration":0,"port":null,"startupProbeMaxRetries":30,"startupProbeRequestTimeout":5,"startupProbeRetryTimeout":10}'
        FROM apps;
      INSERT INTO app_catalogue_choices (app_id, platform, plan, router, tags)
        SELECT id, 'python', (SELECT name FROM plans WHERE is_default LIMIT 1), (SELECT name FROM routers WHERE is_default LIMIT 1), '["seeded"]' FROM apps;
      INSERT INTO processes (id, environment_id, release_id, type, num, state, created_at, updated_at)
        SELECT e.id || '-web-1', e.id, r.id, 'web', 1, 'up', e.created_at, e.created_at
        FROM environments e JOIN releases r ON r.environment_id = e.id;
      INSERT INTO domains (id, environment_id, name, created_by, created_at, updated_at)
        SELECT e.id || '-domain', e.id, a.name || '.example.com', 'admin', e.created_at, e.created_at
        FROM environments e JOIN apps a ON a.id = e.app_id;
      COMMIT;`);
  } finally {
    store.close();
  }
}

async function main(): Promise<void> {
  const builds = [...(BEFORE ? [{ name: 'before', root: BEFORE }] : []), { name: 'now', root: ROOT }];
  const workDir = mkdtempSync(path.join(tmpdir(), 'polypaas-bench-lists-'));
  // Rows print as they are measured: a slow build's row at 10 000 apps can take minutes.
  console.log(`| measurement | ${builds.map((b) => b.name).join(' | ')} |`);
  console.log(`|---|${builds.map(() => '---:').join('|')}|`);
  try {
    for (const count of APP_COUNTS) {
      const servers = [];
      try {
        for (const build of builds) {
          const db = path.join(workDir, `${build.name}-${count}.db`);
          seedDatabase(build.root, db, count);
          addDialectRows(build.root, db);
          // Every dialect on a free port: the servers of both builds run at once.
          servers.push({ build, server: await startPolypaas(build.root, db, ['divio', 'tsuru', 'deis', 'medstack']) });
        }
        for (const { label, dialect, request } of CASES) {
          for (const { build, server } of servers) {
            const reply = await once(server.dialectUrls[dialect], request);
            if (reply.status !== request.expect) throw new Error(`${build.name} ${label}: ${reply.status} ${reply.body.slice(0, 300)}`);
            await load(server.dialectUrls[dialect], request, CONCURRENCY, 0.5);
          }
          const runs: LoadResult[][] = servers.map(() => []);
          for (let round = 0; round < ROUNDS; round++) {
            for (const [i, { server }] of servers.entries()) runs[i].push(await load(server.dialectUrls[dialect], request, CONCURRENCY, SECONDS / ROUNDS));
          }
          const cells = runs.map(merge).map((r) => `${r.perSecond.toFixed(1)}/s (p50 ${r.p50ms.toFixed(1)} ms)${r.errors ? `, ${r.errors} errors` : ''}`);
          console.log(`| ${label}, ${count.toLocaleString('en-US')} apps | ${cells.join(' | ')} |`);
        }
      } finally {
        await Promise.all(servers.map(({ server }) => stop(server)));
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  console.log();
  console.log(`builds: ${builds.map((b) => `${b.name} = ${b.root}`).join('; ')}; ${SECONDS} s a build and row in ${ROUNDS} interleaved rounds, ${CONCURRENCY} keep-alive connections.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
