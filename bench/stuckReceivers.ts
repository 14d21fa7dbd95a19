import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Webhook receivers that never finish: a dead one reads the request and stays silent; a slow one
 * sends its status line and then one byte every `dripMs`, for ever.
 */
export async function stuckReceiver(dripMs?: number): Promise<{ url: string; close: () => Promise<void> }> {
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    req.resume();
    if (dripMs === undefined) return;
    res.writeHead(200);
    const timer = setInterval(() => res.write('.'), dripMs);
    timers.add(timer);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => new Promise<void>((resolve) => {
      for (const timer of timers) clearInterval(timer);
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** The resident set size of a process, in MiB, from /proc (Linux). */
export async function rssMiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}
