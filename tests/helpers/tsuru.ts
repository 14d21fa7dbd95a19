import { gzipSync } from 'node:zlib';
import type { EmulatorOptions } from '../../src/http/emulator';
import { ADMIN_TOKEN, client, startTestEmulator, type TestEmulator } from './emulator';

export const ADMIN_EMAIL = 'admin@polypaas.local';

/** A tsuru client as tsuru-client 1.7.2 calls the server: `Authorization: bearer <token>`. */
export const tsuruAs = (emulator: TestEmulator, token = ADMIN_TOKEN) => client(emulator.urls.tsuru!, `bearer ${token}`);
export const tsuruAnonymous = (emulator: TestEmulator) => client(emulator.urls.tsuru!);

/** The plain-text error body tsuru writes: the message and a newline. */
export const plainError = (message: string) => `${message}\n`;

/**
 * One emulator for a test file, reset before each test; with `team`, that team is created (JSON, as
 * the CLI sends it), and with `app`, an app owned by it.
 */
export function withTsuruEmulator({ team, app, ...options }: { team?: string; app?: string } & EmulatorOptions = {}): TestEmulator {
  const emulator = {} as TestEmulator;
  beforeAll(async () => { Object.assign(emulator, await startTestEmulator(options)); });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    emulator.reset();
    if (team) await tsuruAs(emulator).post('/1.0/teams').send({ name: team }).expect(201);
    if (app) {
      await tsuruAs(emulator).post('/1.0/apps').type('form')
        .send({ name: app, platform: 'python', teamOwner: team ?? 'polypaas' }).expect(201);
    }
  });
  return emulator;
}

/** A ustar archive of the given files, gzipped: what `tsuru app-deploy .` uploads. */
export function tarGz(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const body = Buffer.from(content);
    const header = Buffer.alloc(512);
    header.write(name, 0);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write(`${Math.floor(Date.UTC(2014, 0, 1) / 1000).toString(8).padStart(11, '0')}\0`, 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

export const PYTHON_APP = { 'app.py': 'print("hello")\n', Procfile: 'web: python app.py\nworker: python worker.py\n' };

/** How a deploy log of PYTHON_APP ends, from its Procfile on, for myapp's version `version`. */
export const pythonAppDeployed = (version: number) => [
  ' ---> Procfile: web: python app.py; worker: python worker.py',
  `---- Deploying version ${version} (tsuru/app-myapp:v${version}) ----`,
  ' ---> Processes: web, worker',
  ` ---> Units of version ${version} are up`,
  'OK',
  '',
];
