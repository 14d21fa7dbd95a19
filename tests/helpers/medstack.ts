import type { EmulatorOptions } from '../../src/http/emulator';
import { client, startTestEmulator, type TestEmulator } from './emulator';

export const ADMIN_BASIC = `Basic ${Buffer.from('admin:polypaas-admin-token').toString('base64')}`;
export const COMPANY = '/v1/companies/polypaas';
export const CLUSTER = `${COMPANY}/clusters/default`;

export const medstackAs = (emulator: TestEmulator, authorization = ADMIN_BASIC) => client(emulator.urls.medstack!, authorization);

/** One emulator for a test file, reset before each test; filled in once started. */
export function withMedstackEmulator(options: EmulatorOptions = {}): TestEmulator {
  const emulator = {} as TestEmulator;
  beforeAll(async () => { Object.assign(emulator, await startTestEmulator(options)); });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());
  return emulator;
}
