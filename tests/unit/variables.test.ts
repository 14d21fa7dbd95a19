import type { VariableChange } from '../../src/core/model';
import { testCore, codeOf } from './helpers';

const set = (name: string, value: VariableChange['value'], kind: VariableChange['kind'] = 'env'): VariableChange => ({ kind, name, value });

test('one row per variable, in the order they were first set, values keeping their JSON type', () => {
  const { core, as } = testCore();
  const app = core.apps.create(as('admin'), { name: 'a' });
  core.releases.setVariables(as('admin'), 'a', [set('B', 'text'), set('A', 5000), set('web', 512, 'cpu'), set('FLAG', true)]);
  core.releases.setVariables(as('admin'), 'a', [set('A', 5001), set('B', null)]);
  expect(core.variables.list(app.environmentId).map((v) => [v.kind, v.name, v.value])).toEqual([['env', 'A', 5001], ['cpu', 'web', 512], ['env', 'FLAG', true]]);
  expect(codeOf(() => core.releases.setVariables(as('admin'), 'a', [set('X', { nested: 1 } as never)]))).toBe('variable.value_invalid');
  expect(codeOf(() => core.releases.setVariables(as('admin'), 'a', [set('web', '2000', 'cpu')]))).toBe('variable.cpu_invalid');
});

test('a release keeps the variables it was made with; a rollback brings them back as rows', () => {
  const { core, as } = testCore();
  const app = core.apps.create(as('admin'), { name: 'a' });
  const v2 = core.releases.setVariables(as('admin'), 'a', [set('A', '1')]).release;
  core.releases.setVariables(as('admin'), 'a', [set('A', '2'), set('B', '3')]);
  expect(core.releases.get(as('admin'), 'a', 2).variables).toEqual([{ kind: 'env', name: 'A', value: '1', isSensitive: false, source: 'user' }]);
  const back = core.releases.rollback(as('admin'), 'a', 2);
  expect(back.configId).toBe(v2.configId);
  expect(core.variables.list(app.environmentId).map((v) => [v.name, v.value])).toEqual([['A', '1']]);
});

test('a build keeps the variables\' name; a change of variables names a new set', () => {
  const { core, as } = testCore();
  core.apps.create(as('admin'), { name: 'a' });
  const v2 = core.releases.setVariables(as('admin'), 'a', [set('A', '1')]).release;
  const v3 = core.releases.createBuild(as('admin'), 'a', { image: 'x' }).release;
  expect(v3.configId).toBe(v2.configId);
  expect(core.releases.setVariables(as('admin'), 'a', [set('A', '2')]).release.configId).not.toBe(v2.configId);
});

test('sensitive flags and sources are kept on the row and in the release', () => {
  const { core, as } = testCore();
  const app = core.apps.create(as('admin'), { name: 'a' });
  core.releases.setVariables(as('admin'), 'a', [{ kind: 'env', name: 'SECRET', value: 's', isSensitive: true }]);
  core.ctx.store.tx(() => core.variables.apply(app.environmentId, [set('DATABASE_URL', 'pg://')], 'binding:db-1'));
  expect(core.variables.list(app.environmentId).map((v) => [v.name, v.isSensitive, v.source]))
    .toEqual([['SECRET', true, 'user'], ['DATABASE_URL', false, 'binding:db-1']]);
});

test('an app may have several environments; single-environment views use the primary one', () => {
  const { core, as } = testCore();
  const app = core.apps.create(as('admin'), { name: 'staged', environments: ['test', 'live'], primaryEnvironment: 'live' });
  const envs = core.ctx.store.dump().environments as { id: string; name: string; isPrimary: boolean; position: number }[];
  expect(envs.map((e) => [e.name, e.isPrimary, e.position])).toEqual([['test', false, 0], ['live', true, 1]]);
  expect(app.environmentId).toBe(envs[1].id);
  core.releases.setVariables(as('admin'), 'staged', [set('ONLY_LIVE', '1')]);
  expect(core.variables.list(envs[0].id)).toEqual([]);
  expect(core.releases.list(as('admin'), 'staged').map((r) => r.version)).toEqual([2, 1]);
  expect((core.ctx.store.dump().releases as unknown[]).length).toBe(3);
});
