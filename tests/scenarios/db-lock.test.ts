import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { fromRoot } from '../../src/store/paths';
import { DatabaseInUseError } from '../../src/store/store';
import { startTestEmulator } from '../helpers/emulator';
import { deisAs } from '../helpers/deis';
import { exited, startCli, stopCli, type RunningCli } from '../helpers/cli';

let dir: string;
let first: RunningCli | undefined;
beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'polypaas-lock-')); });
afterEach(async () => {
  await stopCli(first);
  rmSync(dir, { recursive: true, force: true });
});

const PORTS = ['--gateway-port', '0', '--deis-port', '0', '--medstack-port', '0'];

test('a second process on the same --db file refuses to start, with a clear message; the first keeps working', async () => {
  const db = path.join(dir, 'shared.db');
  first = await startCli(['--db', db, ...PORTS]);
  await request(first.urls.deis).post('/v1/apps/').set('Authorization', 'token polypaas-admin-token').send({ id: 'first' }).expect(201);

  const started = Date.now();
  const second = spawn(process.execPath, [fromRoot('dist', 'src', 'cli.js'), '--db', db, ...PORTS], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  second.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  second.stdout!.resume();
  expect(await exited(second)).toBe(1);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(stderr).toBe(`polypaas: ${db} is in use by another polypaas process: one emulator at a time owns a --db file. `
    + 'Stop the other one, or give this one its own --db (or none, for an in-memory state).\n');

  for (let i = 0; i < 5; i++) {
    await request(first.urls.deis).post('/v1/apps/first/config/').set('Authorization', 'token polypaas-admin-token').send({ values: { N: String(i) } }).expect(201);
  }
  await stopCli(first);

  // Once the first has stopped, the file is free again, with everything it wrote.
  const next = await startTestEmulator({ db });
  try {
    expect((await deisAs(next).get('/v1/apps/first/config').expect(200)).body.values).toEqual({ N: '4' });
    await expect(startTestEmulator({ db })).rejects.toBeInstanceOf(DatabaseInUseError);
  } finally {
    await next.close();
  }
});
