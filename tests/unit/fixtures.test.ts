import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FixturesError, parseFixtures, readFixtures } from '../../src/store/fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'polypaas-fixtures-'));
const write = (name: string, data: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
};

test('the default fixtures hold the documented admin', () => {
  const fixtures = readFixtures('default');
  expect(fixtures.users).toEqual([expect.objectContaining({
    username: 'admin', email: 'admin@polypaas.local', password: 'polypaas', superuser: true, tokens: ['polypaas-admin-token'],
  })]);
});

test('a file replaces the defaults, or extends them with "extends"', () => {
  const replaced = readFixtures(write('only.json', { tenants: [{ id: 't', name: 't' }] }));
  expect(replaced.users).toBeUndefined();
  const extended = readFixtures(write('more.json', { extends: 'default', users: [{ username: 'dev', password: 'pw' }] }));
  expect(extended.users!.map((u) => u.username)).toEqual(['admin', 'dev']);
  expect(extended.tenants).toHaveLength(1);
});

test('invalid fixtures are refused with the reason', () => {
  expect(() => parseFixtures({ users: [{ username: 'x' }] })).toThrow(FixturesError);
  expect(() => parseFixtures({ users: [{ username: 'x' }] })).toThrow(/must have required property 'password'/);
  expect(() => readFixtures(write('loop.json', { extends: './loop.json' }))).toThrow(/extends itself/);
});
