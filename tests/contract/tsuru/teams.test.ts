import { stateOf } from '../../helpers/emulator';
import { ADMIN_EMAIL, plainError, tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

const emu = withTsuruEmulator();

test('team-create (JSON, as the CLI sends it) makes the caller its admin; team-list shows it with permissions', async () => {
  await tsuruAs(emu).post('/1.0/teams').send({ name: 'myteam' }).expect(201);
  const list = await tsuruAs(emu).get('/1.0/teams').expect(200);
  // The fixture admin is a superuser: its global AllowAll ("*") covers every team permission of the tree.
  expect(list.body).toEqual([
    { name: 'myteam', tags: [], permissions: ['app', 'service', 'service-instance', 'team'] },
    { name: 'polypaas', tags: [], permissions: ['app', 'service', 'service-instance', 'team'] },
  ]);
  const info = await tsuruAs(emu).get('/1.0/users/info').expect(200);
  expect(info.body.roles).toContainEqual({ name: 'team-admin', contexttype: 'team', contextvalue: 'myteam' });
});

test('a form works too, with tags; bad names are 400 and duplicates 409, changing nothing', async () => {
  await tsuruAs(emu).post('/1.0/teams').type('form').send('name=ops&tags=a&tags=b').expect(201);
  expect((await tsuruAs(emu).get('/1.4/teams/ops').expect(200)).body.tags).toEqual(['a', 'b']);
  const before = await stateOf(emu);
  const bad = await tsuruAs(emu).post('/1.0/teams').send({ name: 'Bad Name' }).expect(400);
  expect(bad.text).toMatch(/^Invalid team name/);
  await tsuruAs(emu).post('/1.0/teams').send({}).expect(400);
  const dup = await tsuruAs(emu).post('/1.0/teams').send({ name: 'ops' }).expect(409);
  expect(dup.text).toBe(plainError('team already exists'));
  expect(await stateOf(emu)).toEqual(before);
});

test('team-info: users, pools and apps', async () => {
  await tsuruAs(emu).post('/1.0/teams').send({ name: 'myteam' }).expect(201);
  await tsuruAs(emu).post('/1.0/apps').type('form').send({ name: 'web1', teamOwner: 'myteam' }).expect(201);
  const res = await tsuruAs(emu).get('/1.4/teams/myteam').expect(200);
  expect(res.body.name).toBe('myteam');
  expect(res.body.users).toEqual([{ email: ADMIN_EMAIL, roles: [{ name: 'team-admin', contexttype: 'team', contextvalue: 'myteam' }] }]);
  expect(res.body.pools.map((p: { name: string }) => p.name)).toEqual(['default']);
  expect(res.body.apps.map((a: { name: string }) => a.name)).toEqual(['web1']);
  await tsuruAs(emu).get('/1.4/teams/nope').expect(404);
  await tsuruAs(emu).get('/1.0/teams/myteam').expect(404);
});

test('team-update: tags, and a new name that carries its apps along', async () => {
  await tsuruAs(emu).post('/1.0/teams').send({ name: 'myteam' }).expect(201);
  await tsuruAs(emu).post('/1.0/apps').type('form').send({ name: 'web1', teamOwner: 'myteam' }).expect(201);
  await tsuruAs(emu).put('/1.6/teams/myteam').send({ newname: 'renamed', tags: ['x'] }).expect(200);
  const info = await tsuruAs(emu).get('/1.4/teams/renamed').expect(200);
  expect(info.body.tags).toEqual(['x']);
  expect((await tsuruAs(emu).get('/1.0/apps/web1').expect(200)).body.teamOwner).toBe('renamed');
  await tsuruAs(emu).get('/1.4/teams/myteam').expect(404);
  await tsuruAs(emu).put('/1.6/teams/renamed').send({ newname: 'polypaas' }).expect(409);
});

test('team-remove: refused (403) while the team owns apps, then removed', async () => {
  await tsuruAs(emu).post('/1.0/teams').send({ name: 'myteam' }).expect(201);
  await tsuruAs(emu).post('/1.0/apps').type('form').send({ name: 'web1', teamOwner: 'myteam' }).expect(201);
  const refused = await tsuruAs(emu).delete('/1.0/teams/myteam').expect(403);
  expect(refused.text).toBe(plainError('This team cannot be removed because there are still references to it:\nApps: web1'));
  const pools = await tsuruAs(emu).delete('/1.0/teams/polypaas').expect(403);
  expect(pools.text).toBe(plainError('This team cannot be removed because there are still references to it:\nPools: default'));
  await tsuruAs(emu).delete('/1.0/apps/web1').expect(200);
  await tsuruAs(emu).delete('/1.0/teams/myteam').expect(200);
  await tsuruAs(emu).get('/1.4/teams/myteam').expect(404);
  await tsuruAs(emu).delete('/1.0/teams/myteam').expect(404);
});

test('a plain user of a team sees it with its permissions, and may not remove it', async () => {
  await tsuruAs(emu).post('/1.0/users').type('form').send({ email: 'bob@example.com', password: 'pw' }).expect(201);
  const login = await tsuruAs(emu).post('/1.0/users/bob@example.com/tokens').type('form').send({ password: 'pw' }).expect(200);
  const list = await tsuruAs(emu, login.body.token).get('/1.0/teams').expect(200);
  expect(list.body).toEqual([{ name: 'polypaas', tags: [], permissions: ['app.create', 'app.deploy', 'app.read'] }]);
  await tsuruAs(emu, login.body.token).delete('/1.0/teams/polypaas').expect(403);
});
