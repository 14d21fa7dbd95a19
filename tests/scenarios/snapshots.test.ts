import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { deisAs } from '../helpers/deis';
import { exited, startCli } from '../helpers/cli';

let emu: TestEmulator | undefined;
let dir: string;
beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'polypaas-snapdir-')); });
afterEach(async () => {
  await emu?.close();
  emu = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const admin = () => request(emu!.urls.gateway!);
const snapshot = (name: string) => admin().post('/_polypaas/snapshot').send({ name });
const appIds = async () => (await deisAs(emu!).get('/v1/apps').expect(200)).body.results.map((a: { id: string }) => a.id);

test('past --max-snapshots a new name is a 409 that says what to do; overwriting and deleting free the way', async () => {
  emu = await startTestEmulator({ maxSnapshots: 3 });
  for (const name of ['a', 'b', 'c']) await snapshot(name).expect(201);
  const refused = await snapshot('d').expect(409);
  expect(refused.body.error).toBe('the snapshot limit is reached: 3 exist (--max-snapshots); overwrite one by its name, or delete one with DELETE /_polypaas/snapshots/NAME');
  await snapshot('a').expect(201);
  const listed = (await admin().get('/_polypaas/snapshots').expect(200)).body;
  expect(listed.max).toBe(3);
  expect(listed.snapshots.map((s: { name: string }) => s.name).sort()).toEqual(['a', 'b', 'c']);
  expect(listed.snapshots.every((s: { bytes: number }) => s.bytes > 0)).toBe(true);
  await admin().delete('/_polypaas/snapshots/b').expect(204);
  await admin().delete('/_polypaas/snapshots/b').expect(404);
  await snapshot('d').expect(201);
  await admin().post('/_polypaas/restore').send({ name: 'b' }).expect(404);
  await snapshot('..').expect(400);
  await admin().delete('/_polypaas/snapshots/..%2F..%2Fetc').expect(400);
});

test('twenty concurrent snapshots of one name all succeed, one after another, and the last one restores', async () => {
  emu = await startTestEmulator();
  await deisAs(emu).post('/v1/apps/').send({ id: 'kept' }).expect(201);
  const results = await Promise.all(Array.from({ length: 20 }, () => snapshot('same')));
  expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
  const mixed = await Promise.all([snapshot('same'), admin().post('/_polypaas/restore').send({ name: 'same' }), snapshot('same')]);
  expect(mixed.map((r) => r.status)).toEqual([201, 200, 201]);
  await deisAs(emu).delete('/v1/apps/kept').expect(204);
  await admin().post('/_polypaas/restore').send({ name: 'same' }).expect(200);
  expect(await appIds()).toEqual(['kept']);
});

test('--snapshot-dir keeps snapshots across a restart; half-written ones left by a crash are removed', async () => {
  emu = await startTestEmulator({ snapshotDir: dir });
  await deisAs(emu).post('/v1/apps/').send({ id: 'saved' }).expect(201);
  await snapshot('keep').expect(201);
  await emu.close();
  writeFileSync(path.join(dir, 'torn.sqlite.partial'), 'half a snapshot');

  emu = await startTestEmulator({ snapshotDir: dir });
  expect(readdirSync(dir)).toEqual(['keep.sqlite']);
  await admin().post('/_polypaas/restore').send({ name: 'keep' }).expect(200);
  expect(await appIds()).toEqual(['saved']);
});

test('the snapshot folder of a process killed with SIGKILL is removed by the next start', async () => {
  const cli = await startCli(['--gateway-port', '0', '--deis-port', '0', '--medstack-port', '0']);
  await request(cli.urls.gateway).post('/_polypaas/snapshot').send({ name: 'orphan' }).expect(201);
  const folders = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`polypaas-snapshots-${cli.child.pid}-`));
  const [left] = folders();
  expect(existsSync(path.join(tmpdir(), left, 'orphan.sqlite'))).toBe(true);
  const gone = exited(cli.child);
  cli.child.kill('SIGKILL');
  await gone;
  expect(folders()).toEqual([left]);

  emu = await startTestEmulator();
  expect(folders()).toEqual([]);
});
