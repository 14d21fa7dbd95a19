import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { BaselineReply } from './baselines';

/** A server the bench started, with the time from spawning it to its first answer. */
export interface Started {
  child: ChildProcess;
  startupMs: number;
  url: string;
}

/** Spawns `node args` and resolves when its stdout matches `marker`, with the time that took. */
function spawnUntil(args: string[], cwd: string, marker: RegExp): Promise<{ child: ChildProcess; ms: number; match: RegExpMatchArray; output: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = output.match(marker);
      if (match) {
        child.stdout!.removeAllListeners('data').resume();
        resolve({ child, ms: performance.now() - started, match, output });
      }
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}: ${output}`)));
  });
}

/** polypaas from the build under `root`, every dialect on a free port, its state in `db` (in memory without). */
export async function startPolypaas(root: string, db: string | undefined, dialects: string[]): Promise<Started & { dialectUrls: Record<string, string> }> {
  const ports = dialects.flatMap((name) => [`--${name}-port`, '0']);
  const { child, ms, output } = await spawnUntil(
    [path.join(root, 'dist', 'src', 'cli.js'), ...(db ? ['--db', db] : []), '--gateway-port', '0', ...ports, '--log-level', 'info'], root, /API token/,
  );
  // The ready output lists every dialect as "  <name>  http://host:port   also <gateway>/<name>".
  const dialectUrls = Object.fromEntries(dialects.map((name) => {
    const url = output.match(new RegExp(`^\\[polypaas\\]\\s+${name}\\s+(http://\\S+)`, 'm'))?.[1];
    if (!url) throw new Error(`polypaas did not print a URL for ${name}: ${output}`);
    return [name, url];
  }));
  return { child, startupMs: ms, url: dialectUrls[dialects[0]], dialectUrls };
}

/** A baseline of this bench's own build: `bare` (node:http) or `express`. */
export async function startBaseline(kind: 'bare' | 'express'): Promise<Started & { setReplies(replies: BaselineReply[]): Promise<void> }> {
  const { child, ms, match } = await spawnUntil([path.join(__dirname, 'baselines.js'), kind], __dirname, /listening (\d+)/);
  const url = `http://127.0.0.1:${match[1]}`;
  return {
    child, startupMs: ms, url,
    async setReplies(replies) {
      const response = await fetch(`${url}/__bench/replies`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(replies) });
      if (response.status !== 204) throw new Error(`${kind} baseline refused its replies: ${response.status}`);
    },
  };
}

/** Prism's CLI, from BENCH_PRISM or this package's devDependencies; undefined when it is not installed. */
export function findPrism(root: string): string | undefined {
  const candidates = [process.env.BENCH_PRISM, path.join(root, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js')];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** `prism mock` of `specFile`, ready once it answers a request (its log goes nowhere: it logs every request). */
export async function startPrism(prism: string, specFile: string, timeoutMs = 60_000): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [prism, 'mock', '-h', '127.0.0.1', '-p', String(port), specFile], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return { child, startupMs: performance.now() - started, url };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  child.kill('SIGTERM');
  throw new Error(`prism did not answer within ${timeoutMs} ms`);
}

/** Stops a server the bench started and waits until it has exited. */
export function stop(server: Started | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}
