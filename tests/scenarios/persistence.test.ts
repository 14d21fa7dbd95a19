import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { exited, startCli } from '../helpers/cli';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { deisAs } from '../helpers/deis';
import { tsuruAs } from '../helpers/tsuru';

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

test('a database file from an older version gets the catalogues added since (Tsuru roles and plans), and keeps its own', async () => {
  const db = path.join(dir, 'older.db');
  /** Runs `work` against an emulator on the file, closing it whatever happens. */
  const on = async <T>(work: (emulator: TestEmulator) => Promise<T>): Promise<T> => {
    const emulator = await startTestEmulator({ db });
    try {
      return await work(emulator);
    } finally {
      await emulator.close();
    }
  };
  await on((first) => deisAs(first).post('/v1/apps/').send({ id: 'kept' }).expect(201));
  // What a file made before the roles and plans migrations holds: their tables, empty.
  const older = new Database(db);
  older.exec('DELETE FROM roles; DELETE FROM permission_schemes; DELETE FROM plans;');
  older.close();

  const catalogue = await on(async (second) => {
    await deisAs(second).get('/v1/apps/kept').expect(200);
    const roles = (await tsuruAs(second).get('/1.0/roles').expect(200)).body as { name: string }[];
    expect(roles.length).toBeGreaterThan(0);
    expect((await tsuruAs(second).get('/1.0/plans').expect(200)).body.length).toBeGreaterThan(0);
    return { roles, platforms: (await tsuruAs(second).get('/1.0/platforms').expect(200)).body };
  });
  // Filled once: a catalogue that holds rows is never loaded again.
  await on(async (third) => {
    expect((await tsuruAs(third).get('/1.0/roles').expect(200)).body).toEqual(catalogue.roles);
    expect((await tsuruAs(third).get('/1.0/platforms').expect(200)).body).toEqual(catalogue.platforms);
  });
});

test('the CLI prints its URLs and the admin token, keeps state in --db, and closes the database on SIGTERM', async () => {
  const db = path.join(dir, 'cli.db');
  const args = ['--db', db, '--gateway-port', '0', '--deis-port', '0', '--medstack-port', '0', '--strict'];
  const first = await startCli(args);
  expect(first.output.join('')).toContain('admin user admin / polypaas, API token polypaas-admin-token');
  await request(first.urls.deis).post('/v1/apps/').set('Authorization', 'token polypaas-admin-token').send({ id: 'from-cli' }).expect(201);
  await request(first.urls.gateway).get('/_polypaas/health').expect(200);
  expect(existsSync(`${db}-wal`)).toBe(true);
  first.child.kill('SIGTERM');
  expect(await exited(first.child)).toBe(0);
  // Closing the last connection checkpoints the WAL into the database file and removes it.
  expect(existsSync(`${db}-wal`)).toBe(false);

  const second = await startCli(args);
  try {
    await request(second.urls.deis).get('/v1/apps/from-cli').set('Authorization', 'token polypaas-admin-token').expect(200);
  } finally {
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
  }
});

test('the CLI refuses bad options with a clear message', async () => {
  await expect(startCli(['--dialects', 'nope', '--gateway-port', '0', '--deis-port', '0', '--medstack-port', '0'])).rejects.toThrow(/unknown dialect\(s\): nope/);
  await expect(startCli(['--deis-port', 'abc'])).rejects.toThrow(/--deis-port must be a whole number/);
});
