import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one path of the archive server answers: a body with a status, or nothing at all (a hung server). */
export type ArchiveRoute = { status?: number; body: Buffer | string; headers?: Record<string, string> } | 'hang';

/**
 * A real file server on loopback for archive-URL deploys: each path answers as its route says (404
 * for any other), and every request is recorded, so a test sees what the emulator fetched.
 */
export async function startArchiveServer(routes: Record<string, ArchiveRoute>) {
  const requested: string[] = [];
  const hung: ServerResponse[] = [];
  const server = createServer((req, res) => {
    requested.push(`${req.method} ${req.url}`);
    const route = routes[req.url ?? ''];
    if (route === 'hang') {
      hung.push(res);
      return;
    }
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(route.status ?? 200, { 'Content-Type': 'application/gzip', ...route.headers }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url: (path: string) => `${base}${path}`,
    requested,
    close: () => new Promise<void>((resolve) => {
      hung.forEach((res) => res.destroy());
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
