import type { EmulatorOptions } from '../../src/http/emulator';
import { ADMIN_TOKEN, client, startTestEmulator, type TestEmulator } from './emulator';

export const deisAs = (emulator: TestEmulator, token = ADMIN_TOKEN) => client(emulator.urls.deis!, `token ${token}`);
export const deisAnonymous = (emulator: TestEmulator) => client(emulator.urls.deis!);

type DeisClient = ReturnType<typeof client>;

const withHeaders = (c: DeisClient, headers: Record<string, string>): DeisClient =>
  Object.fromEntries(Object.entries(c).map(([method, call]) => [method, (path: string) => call(path).set(headers)])) as DeisClient;

/** Requests as the v1.0.1 Python client sends them: it announces API 1.0 on every one. */
export const asV10Client = (c: DeisClient) => withHeaders(c, { 'X-Deis-Version': '1.0' });

/** Requests as the last v1 client (Go, 1.13.4) sends them: JSON, its own User-Agent, no version header. */
export const asV113Client = (c: DeisClient) =>
  withHeaders(c, { 'User-Agent': 'Deis Client v1.13.4', 'Content-Type': 'application/json', Accept: 'application/json' });

/** Registers a user through Deis and logs them in; returns their token. */
export async function registerAndLogin(emulator: TestEmulator, username: string, password = 'secret'): Promise<string> {
  const anon = deisAnonymous(emulator);
  await anon.post('/v1/auth/register/').send({ username, password }).expect(201);
  const res = await anon.post('/v1/auth/login/').send({ username, password }).expect(200);
  return res.body.token as string;
}

export const SSH_KEY = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 test@example.com';

/**
 * One emulator for a test file: started before all tests, reset before each (then `app` created, if
 * given), closed after all. The returned object is filled in once the emulator has started.
 */
export function withDeisEmulator({ app, ...options }: { app?: string } & EmulatorOptions = {}): TestEmulator {
  const emulator = {} as TestEmulator;
  beforeAll(async () => { Object.assign(emulator, await startTestEmulator(options)); });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    emulator.reset();
    if (app) await deisAs(emulator).post('/v1/apps/').send({ id: app }).expect(201);
  });
  return emulator;
}
