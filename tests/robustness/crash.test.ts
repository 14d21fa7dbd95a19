import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { fromRoot } from '../../src/store/paths';
import { startTestEmulator } from '../helpers/emulator';
import { deisAs } from '../helpers/deis';

/** How many acknowledged writes the kill waits for: enough to prove a stream, few enough for a loaded machine. */
const ACKNOWLEDGED_BEFORE_KILL = 10;

/**
 * Killed without warning (SIGKILL) in the middle of a stream of writes, the --db file opens again with
 * every committed write whole and nothing half-written: each release has its config, the numbers run
 * without gaps, the config matches the latest release, and no write the server acknowledged is lost.
 * The kill waits for a count of acknowledged writes, not a time window, so a slow machine only
 * takes longer; the writer has its next request under way, so the kill still lands mid-traffic.
 */
test('a SIGKILL mid-traffic leaves a consistent database', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'polypaas-crash-'));
  const db = path.join(dir, 'state.db');
  const child = spawn(process.execPath, [fromRoot('dist', 'src', 'cli.js'), '--db', db, '--dialects', 'deis', '--gateway-port', '0', '--deis-port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        const m = chunk.match(/deis\s+(http:\/\/\S+)/);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const auth = 'token polypaas-admin-token';
    await request(url).post('/v1/apps/').set('Authorization', auth).send({ id: 'crashy' }).expect(201);
    let sent = 0;
    let acknowledged = 0;
    let enoughAcknowledged!: () => void;
    const killTime = new Promise<void>((resolve) => { enoughAcknowledged = resolve; });
    const writes = (async () => {
      for (;;) {
        try {
          const res = await request(url).post('/v1/apps/crashy/config/').set('Authorization', auth).send({ values: { N: String(sent++) } });
          if (res.status !== 201) throw new Error(`a write before the kill answered ${res.status}`);
          if (++acknowledged === ACKNOWLEDGED_BEFORE_KILL) enoughAcknowledged();
        } catch (error) {
          if (acknowledged < ACKNOWLEDGED_BEFORE_KILL) throw error;
          return;
        }
      }
    })();
    await Promise.race([killTime, writes]);
    child.kill('SIGKILL');
    await writes;

    const again = await startTestEmulator({ db });
    try {
      const releases = (await deisAs(again).get('/v1/apps/crashy/releases').expect(200)).body;
      const versions = releases.results.map((r: { version: number }) => r.version);
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => versions.length - i));
      const config = (await deisAs(again).get('/v1/apps/crashy/config').expect(200)).body;
      expect(config.uuid).toBe(releases.results[0].config);
      expect(Number(config.values.N)).toBe(versions.length - 2);
      // v1 is the app's own release; each acknowledged write added one after it.
      expect(versions.length - 1).toBeGreaterThanOrEqual(acknowledged);
    } finally {
      await again.close();
    }
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
