import { GetApplication, PartialUpdateApplication } from '../../dialects/divio/handlers/applications';
import type { DialectRequest, OperationHandler } from '../../dialects/types';
import type { ManualClock } from '../../src/core/clock';
import type { Core } from '../../src/core/core';
import { CoreError } from '../../src/core/errors';
import type { Principal } from '../../src/core/model';
import type { Store } from '../../src/store/store';
import { startTestCore } from '../helpers/core';
import { observeQueries } from '../helpers/queryCount';

let store: Store;
let core: Core;
let clock: ManualClock;
let admin: Principal;

beforeEach(() => {
  ({ core, store, clock, admin } = startTestCore({ logLines: 3 }));
});
afterEach(() => store.close());

type Body = Record<string, unknown>;

function divioApp(slug: string): string {
  const group = core.catalogues.planGroups(admin)[0];
  return core.profiles.create(admin, { displayName: slug, slug, tenantId: admin.homeTenantId, planGroupId: group.id, regionId: group.regionIds[0] }).app.id;
}

/** The handler run as the pipeline runs it: in one transaction (its BEGIN and COMMIT are counted too). */
function call(handler: OperationHandler, method: string, uuid: string, body?: Body, principal = admin): Body {
  const req: DialectRequest = {
    operationId: handler.name, method, params: { uuid }, query: {}, headers: {}, body, files: [], principal,
    url: new URL(`http://divio.test/apps/v3/applications/${uuid}/`),
  };
  return store.tx(() => handler(req, core)).body as Body;
}

const read = (uuid: string, principal = admin) => call(GetApplication, 'GET', uuid, undefined, principal);
const rename = (uuid: string, name: string) => call(PartialUpdateApplication, 'PATCH', uuid, { name });

function errorCodeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof CoreError) return error.code;
    throw error;
  }
  return undefined;
}

test('an application GET is BEGIN, one read and COMMIT for an admin, and compiles nothing on its second call', () => {
  const uuid = divioApp('shown');
  read(uuid);
  let reply: Body = {};
  const second = observeQueries(store.sqlite, () => { reply = read(uuid); });
  expect(second.compiled).toEqual([]);
  expect(second.executed).toBeLessThanOrEqual(3);
  expect(reply).toMatchObject({
    uuid, slug: 'shown', name: 'shown', mirrors_count: 0, can_add_environment: true,
    permissions: ['view_application', 'change_application', 'delete_application'],
  });
});

test('an application PATCH reads once and writes the profile with a plain UPDATE: 6 statements, none compiled on the second call', () => {
  const uuid = divioApp('renamed');
  rename(uuid, 'First');
  clock.advance(60_000);
  let reply: Body = {};
  const second = observeQueries(store.sqlite, () => { reply = rename(uuid, 'Second'); });
  expect(second.compiled).toEqual([]);
  // BEGIN, the app with its profile, the profile's UPDATE, the app's updated_at, the event, COMMIT.
  expect(second.executed).toBeLessThanOrEqual(6);
  expect(reply).toMatchObject({ uuid, name: 'Second', tags: [], release_commands: [] });
  expect(read(uuid)).toMatchObject({ name: 'Second' });
  // The event and the app's touch are behaviour, not cost to cut.
  expect(core.events.list({ appId: uuid, kinds: ['app.update'] })).toHaveLength(2);
  expect(core.access.loadById(uuid)!.updatedAt).toBe(clock.now().toISOString());
});

test('an app made elsewhere has no profile row: its first PATCH stores one, and the next changes it', () => {
  const uuid = core.apps.create(admin, { name: 'made-by-deis' }).id;
  expect(read(uuid)).toMatchObject({ name: 'made-by-deis', port: null, startup_probe_max_retries: 30 });
  expect(rename(uuid, 'Named')).toMatchObject({ name: 'Named', startup_probe_max_retries: 30 });
  expect(call(PartialUpdateApplication, 'PATCH', uuid, { port: 8080 })).toMatchObject({ name: 'Named', port: 8080 });
  expect(read(uuid)).toMatchObject({ name: 'Named', port: 8080, slug: 'made-by-deis' });
});

test('a missing, archived or unshared application is refused as before the single read', () => {
  const uuid = divioApp('kept');
  expect(errorCodeOf(() => read('00000000-0000-4000-8000-000000000000'))).toBe('app.not_found');
  core.principals.register({ username: 'guest', email: 'guest@example.com', password: 'pw', memberships: [{ tenantId: admin.homeTenantId, role: 'user' }] });
  const guest = core.principals.principalOf(core.principals.findByUsername('guest'));
  expect(errorCodeOf(() => read(uuid, guest))).toBe('access.denied');
  core.profiles.archive(admin, uuid, 'kept', false);
  expect(errorCodeOf(() => read(uuid))).toBe('app.not_found');
  expect(errorCodeOf(() => rename(uuid, 'Back'))).toBe('app.not_found');
});
