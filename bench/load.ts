import http from 'node:http';

/** One request the load generator repeats: the same method, path, headers and body every time. */
export interface BenchRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The status a correct answer has; any other counts as an error. */
  expect: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  errors: number;
  /** Every request's latency in ms, sorted: lets runs of the same row be merged. */
  latencies: number[];
  /** The server's CPU time a request in µs, where the bench could read it (Linux's /proc). */
  cpuUs?: number;
}

/**
 * One result from several runs of the same load (the bench interleaves servers in short rounds): the
 * latencies of every run, and the median run's rate and CPU time a request. On a shared machine one
 * disturbed round moved a rate taken over all rounds by a quarter; the median round is the one the
 * others agree on.
 */
export function merge(results: LoadResult[]): LoadResult {
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
  const errors = results.reduce((sum, r) => sum + r.errors, 0);
  return { ...summarize(latencies, seconds, errors), perSecond: median(results.map((r) => r.perSecond)) ?? NaN, cpuUs: median(results.map((r) => r.cpuUs)) };
}

function median(values: (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined).sort((a, b) => a - b);
  return known[Math.floor(known.length / 2)];
}

function summarize(latencies: number[], seconds: number, errors: number): LoadResult {
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, seconds, perSecond: latencies.length / seconds, p50ms: at(0.5), p99ms: at(0.99), errors, latencies };
}

/**
 * Sends `request` to `baseUrl` over keep-alive connections, `concurrency` at a time, for `seconds`
 * (bounded: it stops by itself, and a request under way when time is up is the last of its
 * connection), and reports throughput and latency percentiles.
 */
export async function load(baseUrl: string, request: BenchRequest, concurrency: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(baseUrl);
  const headers = request.body === undefined ? request.headers
    : { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) };
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const one = () => new Promise<void>((resolve) => {
    const started = performance.now();
    const req = http.request({
      agent, method: request.method, hostname: target.hostname, port: target.port,
      path: `${target.pathname.replace(/\/$/, '')}${request.path}`, headers,
    }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== request.expect) errors++;
        latencies.push(performance.now() - started);
        resolve();
      });
    });
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end(request.body);
  });
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) await one();
  }));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return summarize(latencies.sort((a, b) => a - b), elapsed, errors);
}

/** Sends `request` once and returns the status and body text (to copy a reply into the baselines). */
export async function once(baseUrl: string, request: Omit<BenchRequest, 'expect'>): Promise<{ status: number; body: string; contentType: string }> {
  const response = await fetch(`${baseUrl.replace(/\/$/, '')}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') ?? 'application/json' };
}
