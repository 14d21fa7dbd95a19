import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: { type: string; [key: string]: unknown };
}

/**
 * A real webhook receiver on loopback: records every request and answers with the next status of
 * `statuses` (the last one repeats).
 */
export async function startReceiver(statuses: number[] = [200]) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  let answered = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method!, path: req.url!, headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const status = statuses[Math.min(answered++, statuses.length - 1)];
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(`answered ${status}`);
      waiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    /** Resolves once `count` requests have arrived whose event type passes `filter`. */
    async waitFor(count: number, filter: (r: Received) => boolean = () => true, timeoutMs = 5000): Promise<Received[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.filter(filter).length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} deliveries, got ${received.filter(filter).map((r) => r.body.type).join(', ')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received.filter(filter);
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/**
 * A receiver that never finishes an answer: with `dripMs` it sends the status line and then one byte
 * every `dripMs`, for ever (a slow receiver); without, it reads the request and stays silent (a dead one).
 */
export async function startStuckReceiver(dripMs?: number) {
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    requests++;
    req.resume();
    if (dripMs === undefined) return;
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    const timer = setInterval(() => res.write('.'), dripMs);
    timers.add(timer);
    res.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => {
      for (const timer of timers) clearInterval(timer);
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
