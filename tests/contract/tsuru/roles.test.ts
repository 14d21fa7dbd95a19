import { readFileSync } from 'node:fs';
import request from 'supertest';
import { startTestEmulator, stateOf } from '../../helpers/emulator';
import { plainError, tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';
import { DEFAULT_FIXTURES, readFixtures } from '../../../src/store/fixtures';

const defaults = readFixtures('default');
/** A member and a plain user of the default team, and one more role for members, beside the defaults. */
const emu = withTsuruEmulator({
  fixtures: {
    ...defaults,
    users: [
      ...defaults.users!,
      { username: 'mia', email: 'mia@example.com', password: 'pw', role: 'member', tokens: ['mia-token'] },
      { username: 'ugo', email: 'ugo@example.com', password: 'pw', role: 'user', tokens: ['ugo-token'] },
    ],
    roles: [...defaults.roles!, { name: 'deployer', context: 'team', description: 'Deploys the team\'s apps', schemeNames: ['app.deploy'], grants: 'member' }],
  },
});

const DENIED = plainError('You don\'t have permission to do this action');
const team = { contexttype: 'team', contextvalue: 'polypaas' };

describe('role-list and permission-list read the rows of the fixtures', () => {
  test('role-list: every role with its context, description and permissions, in the fixtures\' order', async () => {
    const { body } = await tsuruAs(emu).get('/1.0/roles').expect(200);
    expect(body).toEqual([
      { name: 'AllowAll', context: 'global', description: 'Everything, everywhere: the emulator\'s superusers', scheme_names: ['*'] },
      { name: 'team-admin', context: 'team', description: expect.stringContaining('Everything in the team'), scheme_names: ['app', 'service-instance', 'team'] },
      { name: 'team-member', context: 'team', description: 'Every app of the team and its service instances', scheme_names: ['app', 'service-instance'] },
      { name: 'team-user', context: 'team', description: expect.stringContaining('owns'), scheme_names: ['app.create', 'app.deploy', 'app.read'] },
      { name: 'deployer', context: 'team', description: 'Deploys the team\'s apps', scheme_names: ['app.deploy'] },
    ]);
  });

  test('permission-list: tsuru\'s permission tree, sorted by name, each with the contexts it may be given in', async () => {
    const { body } = await tsuruAs(emu).get('/1.0/permissions').expect(200);
    const tree = JSON.parse(readFileSync(DEFAULT_FIXTURES, 'utf8')).permissions;
    expect(body).toEqual(tree);
    const names = body.map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort());
    expect(body).toContainEqual({ name: 'app.update.env.set', contexts: ['global', 'app', 'team', 'pool'] });
    expect(body).toContainEqual({ name: 'app.create', contexts: ['global', 'team'] });
    expect(body).toContainEqual({ name: 'role.update', contexts: ['global'] });
  });

  test.each([['a team member', 'mia-token'], ['a plain user', 'ugo-token']])('%s may not read them (403, nothing changed)', async (_who, token) => {
    const before = await stateOf(emu);
    expect((await tsuruAs(emu, token).get('/1.0/roles').expect(403)).text).toBe(DENIED);
    expect((await tsuruAs(emu, token).get('/1.0/permissions').expect(403)).text).toBe(DENIED);
    expect(await stateOf(emu)).toEqual(before);
  });

  test('a team token may not read them either', async () => {
    const created = await tsuruAs(emu).post('/1.6/tokens').send({ token_id: 'ci', team: 'polypaas' }).expect(201);
    await tsuruAs(emu, created.body.token).get('/1.0/roles').expect(403);
  });
});

describe('what users hold comes from the same rows', () => {
  test('a member holds every role standing for "member", and the permissions they name, in the team', async () => {
    const { body } = await tsuruAs(emu, 'mia-token').get('/1.0/users/info').expect(200);
    expect(body.roles).toEqual([{ name: 'team-member', ...team }, { name: 'deployer', ...team }]);
    expect(body.permissions).toEqual([{ name: 'app', ...team }, { name: 'service-instance', ...team }, { name: 'app.deploy', ...team }]);
    // team-list names the topmost permissions: app.deploy is under app.
    expect((await tsuruAs(emu, 'mia-token').get('/1.0/teams').expect(200)).body)
      .toEqual([{ name: 'polypaas', tags: [], permissions: ['app', 'service-instance'] }]);
  });

  test('a plain user holds team-user', async () => {
    const { body } = await tsuruAs(emu, 'ugo-token').get('/1.0/users/info').expect(200);
    expect(body.roles).toEqual([{ name: 'team-user', ...team }]);
    expect(body.permissions.map((p: { name: string }) => p.name)).toEqual(['app.create', 'app.deploy', 'app.read']);
  });

  test('a team token reads as a member of its team', async () => {
    const created = await tsuruAs(emu).post('/1.6/tokens').send({ token_id: 'ci', team: 'polypaas' }).expect(201);
    const { body } = await tsuruAs(emu, created.body.token).get('/1.0/users/info').expect(200);
    expect(body.roles).toEqual([{ name: 'team-member', ...team }, { name: 'deployer', ...team }]);
  });

  test('team-info names each member\'s roles', async () => {
    const { body } = await tsuruAs(emu).get('/1.4/teams/polypaas').expect(200);
    const rolesOf = (email: string) => body.users.find((u: { email: string }) => u.email === email).roles.map((r: { name: string }) => r.name);
    expect(rolesOf('admin@polypaas.local')).toEqual(['team-admin']);
    expect(rolesOf('mia@example.com')).toEqual(['team-member', 'deployer']);
    expect(rolesOf('ugo@example.com')).toEqual(['team-user']);
  });

  test('the access policy still decides: a member may change the team\'s apps, a plain user may not change another\'s', async () => {
    await tsuruAs(emu).post('/1.0/apps').type('form').send({ name: 'shared', teamOwner: 'polypaas' }).expect(201);
    await tsuruAs(emu, 'mia-token').put('/1.0/apps/shared').type('form').send({ description: 'by mia' }).expect(200);
    await tsuruAs(emu, 'ugo-token').put('/1.0/apps/shared').type('form').send({ description: 'by ugo' }).expect(403);
  });
});

describe('an admin seed adds roles to the stored tree', () => {
  const seed = (body: object) => request(emu.urls.gateway!).post('/_polypaas/seed').send(body);

  test('a seeded role may name any permission of the tree already stored, and comes after the others', async () => {
    await seed({ roles: [{ name: 'reader', context: 'team', schemeNames: ['app.read'], grants: 'user' }] }).expect(200);
    const names = (await tsuruAs(emu).get('/1.0/roles').expect(200)).body.map((r: { name: string }) => r.name);
    expect(names.slice(-2)).toEqual(['deployer', 'reader']);
    expect((await tsuruAs(emu, 'ugo-token').get('/1.0/users/info').expect(200)).body.roles.map((r: { name: string }) => r.name))
      .toEqual(['team-user', 'reader']);
  });

  test('an unknown permission is a 400 and seeds nothing', async () => {
    const before = await stateOf(emu);
    const res = await seed({ permissions: [{ name: 'app.fly', contexts: ['global'] }], roles: [{ name: 'x', context: 'team', schemeNames: ['app.swim'], grants: 'user' }] }).expect(400);
    expect(res.body.error).toContain('role x names unknown permissions: app.swim');
    expect(await stateOf(emu)).toEqual(before);
  });
});

test('fixtures whose role names a permission the tree lacks are refused at start', async () => {
  const fixtures = { ...defaults, roles: [{ name: 'bad', context: 'team' as const, schemeNames: ['app.fly'], grants: 'member' as const }] };
  await expect(startTestEmulator({ fixtures })).rejects.toThrow('role bad names unknown permissions: app.fly');
});
