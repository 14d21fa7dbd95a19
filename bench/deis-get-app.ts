/**
 * Benchmark: start-up time of the polypaas CLI, and requests per second for a Deis GET of one app,
 * side by side with a bare node:http server answering the same JSON body, measured in the same run
 * on the same machine. Servers run in child processes; this process only generates load.
 * Run with `npm run bench` (builds first). Prints figures; asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { load, type LoadResult } from './load';

const ROOT = path.resolve(__dirname, '..', '..');
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const AUTH = { Authorization: 'token polypaas-admin-token' };

/** Spawns a server and resolves when it prints `marker`, with the time that took. */
function spawnUntil(args: string[], marker: RegExp): Promise<{ child: ChildProcess; ms: number; match: RegExpMatchArray }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = output.match(marker);
      if (match) resolve({ child, ms: performance.now() - started, match });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

const BARE_SERVER = `
const http = require('node:http');
const body = process.argv[1];
http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}).listen(0, '127.0.0.1', function () { console.log('listening ' + this.address().port); });
`;

async function main(): Promise<void> {
  const polypaas = await spawnUntil(
    ['dist/src/cli.js', '--dialects', 'deis', '--gateway-port', '0', '--deis-port', '0', '--log-level', 'info'],
    /deis\s+(http:\/\/\S+)[\s\S]*API token/,
  );
  const deisUrl = polypaas.match[1];
  const created = await fetch(`${deisUrl}/v1/apps/`, {
    method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'bench-app' }),
  });
  if (created.status !== 201) throw new Error(`could not create the app: ${created.status}`);
  const appBody = await (await fetch(`${deisUrl}/v1/apps/bench-app`, { headers: AUTH })).text();

  const bare = await spawnUntil(['-e', BARE_SERVER, appBody], /listening (\d+)/);
  const bareUrl = `http://127.0.0.1:${bare.match[1]}/v1/apps/bench-app`;

  const results: [string, number, LoadResult][] = [];
  for (const [name, url, startMs] of [['bare node:http', bareUrl, bare.ms], ['polypaas deis', `${deisUrl}/v1/apps/bench-app`, polypaas.ms]] as const) {
    await load(url, AUTH, CONCURRENCY, 1);
    results.push([name, startMs, await load(url, AUTH, CONCURRENCY, SECONDS)]);
  }
  polypaas.child.kill('SIGTERM');
  bare.child.kill('SIGTERM');

  console.log(`GET one app, ${CONCURRENCY} keep-alive connections, ${SECONDS}s each, node ${process.version}`);
  console.log('server            start-up ms   requests/s   p50 ms   p99 ms   errors');
  for (const [name, startMs, r] of results) {
    console.log(`${name.padEnd(17)} ${startMs.toFixed(0).padStart(11)} ${r.perSecond.toFixed(0).padStart(12)} ${r.p50ms.toFixed(2).padStart(8)} ${r.p99ms.toFixed(2).padStart(8)} ${String(r.errors).padStart(8)}`);
  }
  const ratio = results[1][2].perSecond / results[0][2].perSecond;
  console.log(`polypaas serves ${(ratio * 100).toFixed(0)}% of the bare server's rate`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
