import type { EmulatorOptions } from '../../src/http/emulator';
import { ADMIN_TOKEN, client, startTestEmulator, type TestEmulator } from './emulator';

export const divioAs = (emulator: TestEmulator, token = ADMIN_TOKEN) => client(emulator.urls.divio!, `Token ${token}`);
export const divioAnonymous = (emulator: TestEmulator) => client(emulator.urls.divio!);

/** The default fixtures' organisation, regions, plan groups and templates (README). */
export const ORGANISATION = '0a1d0000-0000-4000-8000-000000000001';
export const REGION = '4e610000-0000-4000-8000-000000000001';
export const OTHER_REGION = '4e610000-0000-4000-8000-000000000002';
export const PLAN_GROUP = '9a710000-0000-4000-8000-000000000001';
export const BUSINESS_PLAN_GROUP = '9a710000-0000-4000-8000-000000000002';
export const TEMPLATE = '7e3d0000-0000-4000-8000-000000000001';
export const TEMPLATE_URL = 'https://github.com/divio/django-project-template';

export const newApplication = (slug: string, extra: Record<string, unknown> = {}) =>
  ({ name: `The ${slug}`, slug, organisation: ORGANISATION, plan_group: PLAN_GROUP, region: REGION, ...extra });

/** Creates an application through the API; returns its uuid and its environments' uuids by slug. */
export async function createApplication(emulator: TestEmulator, slug: string, extra: Record<string, unknown> = {}, token = ADMIN_TOKEN) {
  const api = divioAs(emulator, token);
  const created = await api.post('/apps/v3/applications/').send(newApplication(slug, extra)).expect(201);
  const environments = await api.get(`/apps/v3/environments/?application=${created.body.uuid}`).expect(200);
  const bySlug = Object.fromEntries(environments.body.results.map((e: { slug: string; uuid: string }) => [e.slug, e.uuid]));
  return { uuid: created.body.uuid as string, test: bySlug.test as string, live: bySlug.live as string };
}

/** One emulator per test file, reset before each test. */
export function withDivioEmulator(options: EmulatorOptions = {}): TestEmulator {
  const emulator = {} as TestEmulator;
  beforeAll(async () => { Object.assign(emulator, await startTestEmulator(options)); });
  afterAll(() => emulator.close());
  beforeEach(() => { emulator.reset(); });
  return emulator;
}

/** Moves the clock until the deployment has ended; returns its final state. */
export async function finishDeployment(emulator: TestEmulator, uuid: string, token = ADMIN_TOKEN) {
  for (let step = 0; step < 10; step++) {
    const res = await divioAs(emulator, token).get(`/apps/v3/deployments/${uuid}/`).expect(200);
    if (res.body.ended_at !== null) return res.body;
    emulator.clock.advance(1000);
  }
  throw new Error(`deployment ${uuid} did not end`);
}
