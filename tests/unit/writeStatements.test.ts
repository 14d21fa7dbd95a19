import type { Core } from '../../src/core/core';
import type { Principal } from '../../src/core/model';
import type { Store } from '../../src/store/store';
import { startTestCore } from '../helpers/core';
import { countQueries } from '../helpers/queryCount';

let store: Store;
let core: Core;
let admin: Principal;

beforeEach(() => {
  ({ core, store, admin } = startTestCore({ logLines: 3 }));
});
afterEach(() => store.close());

/**
 * Runs `write` twice (the first call may meet statements no request prepared yet) and counts the second:
 * a write path prepared once compiles nothing, and runs as many statements as the first time.
 */
function secondCall(write: (i: number) => void) {
  const first = countQueries(store.sqlite, () => write(0));
  const second = countQueries(store.sqlite, () => write(1));
  expect(second.executed).toBe(first.executed);
  return second;
}

const refreshed = () => core.principals.principalOf(core.principals.findByUsername('admin'));

function divioApp(slug: string) {
  const group = core.catalogues.planGroups(admin)[0];
  const { app } = core.profiles.create(admin, { displayName: slug, slug, tenantId: admin.homeTenantId, planGroupId: group.id, regionId: group.regionIds[0] });
  const [test, live] = core.environments.list(admin, [app.id]).map((s) => s.environment.id);
  return { appId: app.id, test, live };
}

test('Divio writes compile no statement on their second call: application, environment, variable, domain, deployment', () => {
  expect(secondCall((i) => divioApp(`made-${i}`)).prepared).toBe(0);
  const { appId, test, live } = divioApp('changed');
  const other = divioApp('other');
  expect(secondCall((i) => core.profiles.update(admin, appId, { displayName: `Changed ${i}` })).prepared).toBe(0);
  expect(secondCall((i) => core.environments.create(admin, [appId, other.appId][i], { name: 'extra', branch: 'main' })).prepared).toBe(0);
  expect(secondCall((i) => core.environments.update(admin, test, { branch: `branch-${i}` })).prepared).toBe(0);
  expect(secondCall((i) => core.environmentVariables.create(admin, test, { name: `NAME_${i}`, value: 'v' })).prepared).toBe(0);
  const [a, b] = core.environmentVariables.of(test);
  expect(secondCall((i) => core.environmentVariables.update(admin, a.id, { value: `v${i}` })).prepared).toBe(0);
  expect(secondCall((i) => core.environmentVariables.move(admin, a.id, b.id, i ? 'before' : 'after')).prepared).toBe(0);
  expect(secondCall((i) => core.environmentVariables.destroy(admin, [a, b][i].id)).prepared).toBe(0);
  expect(secondCall((i) => core.environmentDomains.create(admin, test, `d${i}.example.com`)).prepared).toBe(0);
  expect(secondCall((i) => core.deployments.create(admin, [test, live][i], { buildMode: 'AUTO', provisionServices: false })).prepared).toBe(0);
});

test('Tsuru writes compile no statement on their second call: team, its tags and removal, team token, deploy', () => {
  expect(secondCall((i) => core.teams.create(admin, `team-${i}`, ['a'])).prepared).toBe(0);
  const member = refreshed();
  expect(secondCall((i) => core.teams.updateTags(member, 'team-0', [`t${i}`])).prepared).toBe(0);
  expect(secondCall((i) => core.teams.remove(member, `team-${i}`)).prepared).toBe(0);
  expect(secondCall((i) => core.teamTokens.create(admin, { team: admin.homeTenantId, tokenId: `token-${i}` })).prepared).toBe(0);
  core.catalogueApps.create(admin, { name: 'web', platform: 'python' });
  expect(secondCall((i) => core.deploys.start(admin, 'web', { image: `registry.example.com/web:${i}` } as never)).prepared).toBe(0);
});

test('a renamed team still takes its rows along: its flag PRAGMA is compiled on each call, not prepared once', () => {
  core.teams.create(admin, 'first');
  core.catalogueApps.create(refreshed(), { name: 'owned', platform: 'python', teamOwner: 'first' });
  core.teams.rename(refreshed(), 'first', 'second');
  core.teams.rename(refreshed(), 'second', 'third');
  expect(core.access.load('owned')?.tenantId).toBe('third');
});

test('an environment\'s events are selected in SQL by the name its events record, within the time bounds', () => {
  const { appId, test } = divioApp('logged');
  core.environments.update(admin, test, { branch: 'dev' });
  const staged = core.environments.get(admin, test);
  const kinds = core.environments.eventsOf(staged).map((e) => e.kind);
  expect(kinds).toEqual(['environment.update']);
  const started = core.environments.eventsOf(staged)[0].startedAt;
  expect(core.environments.eventsOf(staged, { since: started, until: started })).toHaveLength(1);
  expect(core.environments.eventsOf(staged, { until: '2000-01-01T00:00:00.000Z' })).toEqual([]);
  expect(core.events.list({ appId }).length).toBeGreaterThan(kinds.length);
});
