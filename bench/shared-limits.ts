/**
 * Benchmark of the limits of one shared emulator (issue 10): memory of the CLI while webhooks go to
 * slow and dead receivers under load, the time of the largest allowed scale, and the snapshot limits.
 * Run with `npm run build && node dist/bench/shared-limits.js`. Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startEmulator } from '../src/http/emulator';
import { DEFAULT_MAX_SCALE } from '../src/core/services/processes';
import { DEFAULT_MAX_SNAPSHOTS } from '../src/store/snapshots';
import { rssMiB, stuckReceiver } from './stuckReceivers';

const ROOT = path.resolve(__dirname, '..', '..');
const DEIS_AUTH = 'token polypaas-admin-token';
const MEDSTACK_AUTH = `Basic ${Buffer.from('admin:polypaas-admin-token').toString('base64')}`;
const PAYLOAD_KB = Number(process.env.BENCH_PAYLOAD_KB ?? 300);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

async function call(url: string, method: string, authorization: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, {
    method, headers: { Authorization: authorization, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Scale to the ceiling and redeploy at it, through HTTP. Two clocks: the pipeline's own duration from
 * the journal (wall time, inflated when the machine is busy), and the CPU time this process spent on
 * the request (server and client together; waiting for a core does not count), the better measure of
 * how long the event loop is held on a shared machine.
 */
async function scaleFigures(): Promise<void> {
  const emu = await startEmulator({ ports: 0, dialects: ['deis'] });
  const deis = emu.urls.deis!;
  await call(`${deis}/v1/apps/`, 'POST', DEIS_AUTH, { id: 'big' });
  await call(`${deis}/v1/apps/big/builds/`, 'POST', DEIS_AUTH, { image: 'i', procfile: { web: 'x' } });
  const last = () => emu.journal.list().at(-1)!.durationMs;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const cpuMs = async (work: () => Promise<unknown>) => {
    const before = process.cpuUsage();
    await work();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  console.log(`scale one type through HTTP, ceiling ${DEFAULT_MAX_SCALE}; min / median of ${ROUNDS}: wall ms in the pipeline, CPU ms`);
  for (const n of [1, 10, DEFAULT_MAX_SCALE]) {
    const scale: number[][] = [[], []];
    const redeploy: number[][] = [[], []];
    loop.reset();
    loop.enable();
    for (let i = 0; i < ROUNDS; i++) {
      scale[1].push(await cpuMs(() => call(`${deis}/v1/apps/big/scale/`, 'POST', DEIS_AUTH, { web: n })));
      scale[0].push(last());
      redeploy[1].push(await cpuMs(() => call(`${deis}/v1/apps/big/config/`, 'POST', DEIS_AUTH, { values: { N: String(i) } })));
      redeploy[0].push(last());
      await call(`${deis}/v1/apps/big/scale/`, 'POST', DEIS_AUTH, { web: 0 });
    }
    loop.disable();
    const figures = ([wall, cpu]: number[][]) =>
      `wall ${Math.min(...wall).toFixed(1)} / ${median(wall).toFixed(1)}, CPU ${Math.min(...cpu).toFixed(1)} / ${median(cpu).toFixed(1)}`;
    console.log(`  web=${String(n).padEnd(4)} scale: ${figures(scale)}   config set at that size: ${figures(redeploy)}   longest event-loop stall ${(loop.max / 1e6).toFixed(1)} ms`);
  }
  const above = await call(`${deis}/v1/apps/big/scale/`, 'POST', DEIS_AUTH, { web: 200000 });
  console.log(`  web=200000 answers ${above.status} in ${last().toFixed(1)} ms: ${JSON.stringify(above.json)}`);
  await emu.close();
}

/**
 * The CLI in a child process, a service with a big variable updated again and again, its RSS sampled:
 * once with webhooks to `drips` (undefined: a dead receiver; a number: one byte every that many ms),
 * and once without webhooks, since every update also keeps a config row with the big variable.
 */
async function webhookMemory(drips: (number | undefined)[]): Promise<void> {
  const child = spawn(process.execPath, ['dist/src/cli.js', '--dialects', 'medstack', '--gateway-port', '0', '--medstack-port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const medstack = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /medstack\s+(http:\/\/\S+)[\s\S]*admin user/.exec(out);
      if (m) resolve(m[1]);
    });
  });
  const receivers = await Promise.all(drips.map((drip) => stuckReceiver(drip)));
  const company = `${medstack}/v1/companies/polypaas`;
  for (const r of receivers) await call(`${company}/webhooks/outgoing`, 'POST', MEDSTACK_AUTH, { url: r.url });
  const services = `${company}/clusters/default/services`;
  const big = 'x'.repeat(PAYLOAD_KB * 1024);
  const service = (await call(services, 'POST', MEDSTACK_AUTH, { name: 'bulky', image: 'redis', environment_variables: [{ key: 'BIG', value: big }] })).json;
  const baseline = await rssMiB(child.pid!);
  let peak = baseline;
  const sampler = setInterval(() => rssMiB(child.pid!).then((mb) => { peak = Math.max(peak, mb); }, () => undefined), 50);
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < UPDATES; i++) {
    const t0 = performance.now();
    await call(`${services}/${service.id}`, 'PATCH', MEDSTACK_AUTH, { replicas: 1 + (i % 2) });
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  clearInterval(sampler);
  const after = await rssMiB(child.pid!);
  child.kill('SIGTERM');
  await Promise.all(receivers.map((r) => r.close()));
  const dead = drips.filter((d) => d === undefined).length;
  console.log(`${UPDATES} updates of a service with a ${PAYLOAD_KB} KB variable, ${drips.length} webhooks (${dead} dead, ${drips.length - dead} answering a byte every 2 s)`);
  console.log(`  updates took ${seconds.toFixed(1)} s (p50 ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms)`);
  console.log(`  RSS: ${baseline.toFixed(0)} MiB before, ${peak.toFixed(0)} MiB at most, ${after.toFixed(0)} MiB 10 s after the last update`);
}

/** The default snapshot limit: sizes, times, the 4xx past it, and concurrent snapshots of one name. */
async function snapshotFigures(): Promise<void> {
  const emu = await startEmulator({ ports: 0, dialects: ['deis'] });
  const admin = `${emu.urls.gateway}/_polypaas`;
  for (let i = 0; i < 200; i++) await call(`${emu.urls.deis}/v1/apps/`, 'POST', DEIS_AUTH, { id: `app-${i}` });
  const times: number[] = [];
  for (let i = 0; i < DEFAULT_MAX_SNAPSHOTS; i++) {
    const t0 = performance.now();
    await call(`${admin}/snapshot`, 'POST', '', { name: `s${i}` });
    times.push(performance.now() - t0);
  }
  const listed = (await call(`${admin}/snapshots`, 'GET', '')).json.snapshots as { bytes: number }[];
  const past = await call(`${admin}/snapshot`, 'POST', '', { name: 'one-too-many' });
  const t0 = performance.now();
  const concurrent = await Promise.all(Array.from({ length: 20 }, () => call(`${admin}/snapshot`, 'POST', '', { name: 's0' })));
  const concurrentMs = performance.now() - t0;
  console.log(`snapshots (200 apps): ${listed.length} of at most ${DEFAULT_MAX_SNAPSHOTS}, ${(listed[0].bytes / 1024).toFixed(0)} KiB each, `
    + `${(listed.reduce((n, s) => n + s.bytes, 0) / 1024 / 1024).toFixed(1)} MiB in all; median ${median(times).toFixed(1)} ms each`);
  console.log(`  one more name: ${past.status} ${JSON.stringify(past.json)}`);
  console.log(`  20 concurrent snapshots of one name: ${concurrent.map((r) => r.status).join(',')} in ${concurrentMs.toFixed(0)} ms`);
  await emu.close();
}

async function main(): Promise<void> {
  const { loadavg } = await import('node:os');
  console.log(`node ${process.version}, load average ${loadavg()[0].toFixed(1)}`);
  await scaleFigures();
  if (process.env.BENCH_ONLY === 'scale') return;
  await snapshotFigures();
  await webhookMemory([]);
  await webhookMemory([undefined, undefined, 2000, 2000]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
