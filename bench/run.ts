/**
 * The benchmark: one table of polypaas figures, each beside bare node:http, express alone and Prism
 * mocking the same spec, all measured in the same run on the same machine. Rows: start-up with every
 * dialect; per dialect a validated GET and a write, on the default (in-memory) state and on a --db file; the Deis app list page at 100, 10 000 and 100 000
 * apps, and MedStack's whole service list at 100 and 10 000. Servers run as child processes; this
 * process seeds databases and generates load, each run bounded in time. Beside each rate, the server's
 * CPU time a request (from /proc, on Linux): on a small shared machine the load generator competes for
 * the same cores, and a rate moves with its share, while the CPU a request costs is the server's own.
 * Prints; asserts nothing.
 *
 *   npm run bench                        the current build
 *   BENCH_ROOT=/path/to/other/checkout   another build (its dist/), e.g. the one before a change
 *   BENCH_SECONDS=3 BENCH_ROUNDS=5 BENCH_CONCURRENCY=16 BENCH_LIST_CONCURRENCY=4 BENCH_PRISM=/path/to/prism-cli/dist/index.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cpuMsOf } from './cpu';
import { SCENARIOS, type DialectScenario, type ScenarioRequest } from './dialects';
import { load, merge, once, type LoadResult } from './load';
import { seedDatabase } from './seed';
import { findPrism, startBaseline, startPolypaas, startPrism, stop, type Started } from './servers';
import { cpu, rate, renderTable, target, type Cell, type Row } from './table';

const BENCH_ROOT = path.resolve(__dirname, '..', '..');
const ROOT = path.resolve(process.env.BENCH_ROOT ?? BENCH_ROOT);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP_SECONDS = 0.5;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const LIST_CONCURRENCY = Number(process.env.BENCH_LIST_CONCURRENCY ?? 4);
const APP_COUNTS = [100, 10_000, 100_000];
/** MedStack lists every service at once; past 10 000 the reply alone is tens of megabytes. */
const WHOLE_LIST_MAX = 10_000;

type Baseline = Awaited<ReturnType<typeof startBaseline>>;
interface Servers { bare: Baseline; express: Baseline; prism: Map<string, Started | string> }

/**
 * Measures every server of a row under the same load, interleaved in short rounds, so that a burst
 * of other work on the machine falls on all of them rather than on whichever ran at that moment.
 */
async function measureInTurns(targets: Target[], concurrency: number): Promise<LoadResult[]> {
  for (const { url, request } of targets) await load(url, request, concurrency, WARMUP_SECONDS);
  const runs: LoadResult[][] = targets.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, target] of targets.entries()) runs[i].push(await loadCounted(target, concurrency));
  }
  return runs.map(merge);
}

/** A server under load: where to send the request, and its process, whose CPU time is counted. */
interface Target { url: string; request: ScenarioRequest; pid?: number }

async function loadCounted({ url, request, pid }: Target, concurrency: number): Promise<LoadResult> {
  const before = cpuMsOf(pid);
  const result = await load(url, request, concurrency, SECONDS / ROUNDS);
  const after = cpuMsOf(pid);
  const cpuUs = before === undefined || after === undefined || !result.requests ? undefined : ((after - before) * 1000) / result.requests;
  return { ...result, cpuUs };
}

/**
 * One row: polypaas answers `request` once, the baselines are given that very reply, then each
 * server takes the same load in turn. Prism answers with its own mock of the spec.
 */
async function row(label: string, scenario: DialectScenario, emulator: Started, apiUrl: string, request: ScenarioRequest, servers: Servers, concurrency: number): Promise<Row> {
  const reply = await once(apiUrl, request);
  if (reply.status !== request.expect) throw new Error(`${label}: polypaas answered ${reply.status} ${reply.body.slice(0, 300)}`);
  const replies = [{
    method: request.method, path: `${scenario.apiRoot}${request.path}`, pattern: `${scenario.apiRoot}${request.pattern}`,
    status: reply.status, contentType: reply.contentType, body: reply.body,
  }];
  await servers.bare.setReplies(replies);
  await servers.express.setReplies(replies);
  const prism = await prismTarget(servers.prism.get(scenario.name)!, request);
  const targets: Target[] = [
    { url: apiUrl, request, pid: emulator.child.pid }, { url: `${servers.bare.url}${scenario.apiRoot}`, request, pid: servers.bare.child.pid },
    { url: `${servers.express.url}${scenario.apiRoot}`, request, pid: servers.express.child.pid }, ...(typeof prism === 'string' ? [] : [prism]),
  ];
  const [polypaas, bare, express, prismLoad] = (await measureInTurns(targets, concurrency)).map((result): Cell => ({ load: result }));
  return { label, polypaas, bare, express, prism: typeof prism === 'string' ? { missing: prism } : prismLoad };
}

/**
 * Prism knows only the spec's path templates, which have no trailing slash (the Deis router adds it);
 * it answers with a status of its choosing, so its first answer sets what counts as success.
 */
async function prismTarget(prism: Started | string, request: ScenarioRequest): Promise<Target | string> {
  if (typeof prism === 'string') return prism;
  const asSpecified = { ...request, path: request.path.replace(/(.)\/$/, '$1') };
  const probe = await once(prism.url, asSpecified);
  if (probe.status < 200 || probe.status > 299) return `answers ${probe.status}`;
  return { url: prism.url, request: { ...asSpecified, expect: probe.status }, pid: prism.child.pid };
}

async function startPrisms(): Promise<{ prism: Map<string, Started | string>; cell: Cell }> {
  const cli = findPrism(BENCH_ROOT);
  if (!cli) return { prism: new Map(SCENARIOS.map((s) => [s.name, 'not installed'])), cell: { missing: 'not installed' } };
  const started = performance.now();
  const all = await Promise.all(SCENARIOS.map(async (s) => [s.name, await startPrism(cli, path.join(ROOT, 'specs', s.spec))] as const));
  return { prism: new Map(all), cell: { startupMs: performance.now() - started } };
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'polypaas-bench-'));
  const rows: Row[] = [];
  const notes: string[] = [];
  const bare = await startBaseline('bare');
  const express = await startBaseline('express');
  const prisms = await startPrisms();
  const servers: Servers = { bare, express, prism: prisms.prism };
  try {
    // The default every user starts with (in-memory, default fixtures): start-up, and each dialect's GET and write.
    const fresh = await startPolypaas(ROOT, undefined, SCENARIOS.map((s) => s.name));
    try {
      rows.push({ label: 'start-up, every dialect', polypaas: { startupMs: fresh.startupMs }, bare: { startupMs: bare.startupMs }, express: { startupMs: express.startupMs }, prism: prisms.cell });
      for (const scenario of SCENARIOS) {
        const apiUrl = `${fresh.dialectUrls[scenario.name]}${scenario.apiRoot}`;
        const { get, write } = await scenario.prepare(apiUrl);
        rows.push(await row(`${scenario.name} validated GET`, scenario, fresh, apiUrl, get, servers, CONCURRENCY));
        rows.push(await row(`${scenario.name} write (${write.method})`, scenario, fresh, apiUrl, write, servers, CONCURRENCY));
      }
    } finally {
      await stop(fresh);
    }
    for (const count of APP_COUNTS) {
      const db = path.join(workDir, `apps-${count}.db`);
      const seeding = performance.now();
      seedDatabase(ROOT, db, count);
      notes.push(`${count.toLocaleString('en-US')} apps seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
      const polypaas = await startPolypaas(ROOT, db, SCENARIOS.map((s) => s.name));
      try {
        if (count === APP_COUNTS[0]) {
          // The same GET and write on a --db file: a write there also appends its pages to the file's WAL.
          for (const scenario of SCENARIOS) {
            const apiUrl = `${polypaas.dialectUrls[scenario.name]}${scenario.apiRoot}`;
            const { get, write } = await scenario.prepare(apiUrl);
            rows.push(await row(`${scenario.name} validated GET, --db file`, scenario, polypaas, apiUrl, get, servers, CONCURRENCY));
            rows.push(await row(`${scenario.name} write (${write.method}), --db file`, scenario, polypaas, apiUrl, write, servers, CONCURRENCY));
          }
        }
        for (const scenario of SCENARIOS) {
          if (!scenario.list || (scenario.name === 'medstack' && count > WHOLE_LIST_MAX)) continue;
          const apiUrl = `${polypaas.dialectUrls[scenario.name]}${scenario.apiRoot}`;
          const what = scenario.name === 'medstack' ? 'whole service list' : 'app list page';
          rows.push(await row(`${scenario.name} ${what}, ${count.toLocaleString('en-US')} apps`, scenario, polypaas, apiUrl, scenario.list, servers, LIST_CONCURRENCY));
        }
      } finally {
        await stop(polypaas);
      }
    }
  } finally {
    await Promise.all([stop(bare), stop(express), ...[...prisms.prism.values()].map((p) => (typeof p === 'string' ? undefined : stop(p)))]);
    rmSync(workDir, { recursive: true, force: true });
  }
  console.log(renderTable(rows));
  console.log();
  console.log(`polypaas build: ${ROOT}; node ${process.version}; ${SECONDS} s a server and row, in ${ROUNDS} interleaved rounds (a rate is the median round's), after ${WARMUP_SECONDS} s of warm-up;`);
  console.log(`${CONCURRENCY} keep-alive connections for GETs and writes, ${LIST_CONCURRENCY} for lists. ${notes.join('; ')}.`);
  console.log('The baselines answer the bytes polypaas answered; Prism answers its own mock of the spec (a list page is its example, whatever the app count).');
  console.log('Targets (printed, never asserted):');
  const byLabel = (label: string) => rows.find((r) => r.label === label);
  const deisPage = (count: number) => rate(byLabel(`deis app list page, ${count.toLocaleString('en-US')} apps`)?.polypaas ?? { missing: '' });
  console.log(target('Deis list page: time at 100 000 apps ÷ time at 100', deisPage(100) / deisPage(100_000), 2, 'lower'));
  for (const scenario of SCENARIOS) {
    for (const where of ['', ', --db file']) {
      const get = byLabel(`${scenario.name} validated GET${where}`);
      const write = rows.find((r) => r.label.startsWith(`${scenario.name} write`) && r.label.endsWith(`)${where}`));
      if (!get || !write) continue;
      const setup = where ? 'on a --db file' : 'in the default, in-memory';
      console.log(target(`${scenario.name} ${setup}: write rate ÷ GET rate`, rate(write.polypaas) / rate(get.polypaas), 0.5, 'higher'));
      console.log(target(`${scenario.name} ${setup}: validated GET rate ÷ express alone`, rate(get.polypaas) / rate(get.express), 0.75, 'higher'));
      console.log(target(`${scenario.name} ${setup}, by CPU a request: write ÷ GET`, cpu(get.polypaas) / cpu(write.polypaas), 0.5, 'higher'));
      console.log(target(`${scenario.name} ${setup}, by CPU a request: validated GET ÷ express alone`, cpu(get.express) / cpu(get.polypaas), 0.75, 'higher'));
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
