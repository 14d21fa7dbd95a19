import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { fromRoot } from '../../src/store/paths';
import { startTestEmulator } from '../helpers/emulator';
import { deisAs } from '../helpers/deis';

let dir: string;
beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'polypaas-db-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('startEmulator({ db }) keeps everything across a restart, and does not re-seed', async () => {
  const db = path.join(dir, 'state.db');
  const first = await startTestEmulator({ db });
  await deisAs(first).post('/v1/apps/').send({ id: 'survivor' }).expect(201);
  await deisAs(first).post('/v1/apps/survivor/config/').send({ values: { KEPT: 'yes' } }).expect(201);
  await first.close();

  const second = await startTestEmulator({ db });
  try {
    await deisAs(second).get('/v1/apps/survivor').expect(200);
    expect((await deisAs(second).get('/v1/apps/survivor/config').expect(200)).body.values).toEqual({ KEPT: 'yes' });
    expect((await deisAs(second).get('/v1/apps/survivor/releases').expect(200)).body.count).toBe(2);
    expect((await deisAs(second).get('/v1/admin/perms').expect(200)).body.count).toBe(1);
  } finally {
    await second.close();
  }
});

/** Starts the built CLI and resolves with the process and the URLs it prints. */
function startCli(args: string[]): Promise<{ child: ChildProcess; urls: Record<string, string>; output: string[] }> {
  const child = spawn(process.execPath, [fromRoot('dist', 'src', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const urls: Record<string, string> = {};
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output.push(chunk);
      for (const m of chunk.matchAll(/(\w+)\s+(http:\/\/\S+)\s+also (http:\/\/\S+)/g)) {
        urls[m[1]] = m[2];
        urls.gateway = m[3].replace(`/${m[1]}`, '');
      }
      if (chunk.includes('API token')) resolve({ child, urls, output });
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    child.once('exit', (code) => reject(new Error(`polypaas exited with ${code}: ${output.join('')}`)));
  });
}

const stopped = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', resolve));

test('the CLI prints its URLs and the admin token, keeps state in --db, and closes the database on SIGTERM', async () => {
  const db = path.join(dir, 'cli.db');
  const args = ['--db', db, '--gateway-port', '0', '--deis-port', '0', '--medstack-port', '0', '--strict'];
  const first = await startCli(args);
  expect(first.output.join('')).toContain('admin user admin / polypaas, API token polypaas-admin-token');
  await request(first.urls.deis).post('/v1/apps/').set('Authorization', 'token polypaas-admin-token').send({ id: 'from-cli' }).expect(201);
  await request(first.urls.gateway).get('/_polypaas/health').expect(200);
  expect(existsSync(`${db}-wal`)).toBe(true);
  first.child.kill('SIGTERM');
  expect(await stopped(first.child)).toBe(0);
  // Closing the last connection checkpoints the WAL into the database file and removes it.
  expect(existsSync(`${db}-wal`)).toBe(false);

  const second = await startCli(args);
  try {
    await request(second.urls.deis).get('/v1/apps/from-cli').set('Authorization', 'token polypaas-admin-token').expect(200);
  } finally {
    second.child.kill('SIGINT');
    expect(await stopped(second.child)).toBe(0);
  }
});

test('the CLI refuses bad options with a clear message', async () => {
  await expect(startCli(['--dialects', 'nope', '--gateway-port', '0', '--deis-port', '0', '--medstack-port', '0'])).rejects.toThrow(/unknown dialect\(s\): nope/);
  await expect(startCli(['--deis-port', 'abc'])).rejects.toThrow(/--deis-port must be a whole number/);
});
