import request from 'supertest';
import { ManualClock } from '../../src/core/clock';
import { sequentialIds } from '../../src/core/ids';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/http/emulator';
import { VIOLATIONS_HEADER } from '../../src/http/mountDialect';

export const ADMIN_TOKEN = 'polypaas-admin-token';

export interface TestEmulator extends Emulator {
  clock: ManualClock;
}

/** An emulator on free loopback ports, in strict mode, with a frozen clock and repeatable ids. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const clock = new ManualClock('2014-01-01T00:00:00Z');
  const emulator = await startEmulator({ ports: 0, strict: true, clock, ids: sequentialIds(), ...options });
  return { ...emulator, clock };
}

/**
 * Fails the request's test if the server's strict mode found the response off-spec (in a header, or in
 * a trailer for a streamed reply).
 */
export const noSpecViolations = (res: request.Response) => {
  const name = VIOLATIONS_HEADER.toLowerCase();
  const trailers = (res as unknown as { res?: { trailers?: Record<string, string> } }).res?.trailers;
  const violations = res.headers[name] ?? trailers?.[name];
  if (violations) throw new Error(`response violates the spec: ${violations}\n${res.text}`);
};

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

/**
 * A supertest client for one dialect server: real HTTP on loopback, an Authorization header when a
 * credential is given, and the strict-mode check attached to every request.
 */
export function client(baseUrl: string, authorization?: string) {
  const call = (method: Method, path: string) => {
    const test = request(baseUrl)[method](path);
    if (authorization) test.set('Authorization', authorization);
    return test.expect(noSpecViolations);
  };
  return {
    get: (path: string) => call('get', path),
    post: (path: string) => call('post', path),
    put: (path: string) => call('put', path),
    patch: (path: string) => call('patch', path),
    delete: (path: string) => call('delete', path),
    head: (path: string) => call('head', path),
    options: (path: string) => call('options', path),
  };
}

/** The whole core state, read through the admin API, to prove a failed request changed nothing. */
export async function stateOf(emulator: Emulator): Promise<unknown> {
  const res = await request(emulator.urls.gateway!).get('/_polypaas/state').expect(200);
  return res.body;
}

/** Sends a bad request and checks that it was answered without a 5xx and left the state as it was. */
export async function expectUnchanged(emulator: Emulator, send: () => Promise<request.Response>): Promise<request.Response> {
  const before = await stateOf(emulator);
  const res = await send();
  expect(res.status).toBeLessThan(500);
  expect(await stateOf(emulator)).toEqual(before);
  return res;
}
