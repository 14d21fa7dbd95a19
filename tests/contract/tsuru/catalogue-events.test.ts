import { plainError, tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

const emu = withTsuruEmulator({ team: 'myteam', app: 'myapp' });

describe('the catalogue, from the fixtures', () => {
  test('platforms, plans and routers', async () => {
    expect((await tsuruAs(emu).get('/1.0/platforms').expect(200)).body.map((p: { name: string }) => p.name)).toEqual(['go', 'nodejs', 'python', 'static']);
    expect((await tsuruAs(emu).get('/1.0/plans').expect(200)).body[0]).toEqual({ name: 'small', memory: 134217728, cpumilli: 100, default: true });
    expect((await tsuruAs(emu).get('/1.3/routers').expect(200)).body).toEqual([
      { name: 'ingress', type: 'kubernetes-ingress', default: true }, { name: 'myrouter', type: 'nginx', default: false },
    ]);
  });

  test('pools are clusters: the default team\'s are public', async () => {
    expect((await tsuruAs(emu).get('/1.0/pools').expect(200)).body).toEqual([
      { name: 'default', default: true, provisioner: 'kubernetes', public: true, teams: [], labels: { region: 'local-1', provider: 'local' } },
    ]);
  });

  test('volumes are the clusters\' volumes (none yet)', async () => {
    expect((await tsuruAs(emu).get('/1.4/volumes').expect(200)).body).toEqual([]);
  });

  test('the catalogue needs a token', async () => {
    const res = await tsuruAs(emu, 'bad').get('/1.0/platforms').expect(401);
    expect(res.text).toBe(plainError('You must provide a valid Authorization header'));
  });
});

describe('events', () => {
  const ALL_EMPTY = 'allowedtargets=&erroronly=&includeremoved=&kindtype=&limit=&ownername=&ownertype=&permissions=&raw=&since=&skip=&sort=&target.type=&target.value=&until=';

  test('event-list with every filter empty, as the CLI sends it: newest first', async () => {
    const res = await tsuruAs(emu).get(`/1.1/events?${ALL_EMPTY}`).expect(200);
    expect(res.body.map((e: { Kind: { Name: string } }) => e.Kind.Name)).toEqual(['app.create', 'team.create']);
    expect(res.body[0]).toMatchObject({
      Target: { Type: 'app', Value: 'myapp' }, Owner: { Type: 'user', Name: 'admin' }, Running: false, Error: '',
      StartTime: '2014-01-01T00:00:00.000Z', EndTime: '2014-01-01T00:00:00.000Z',
    });
    expect(res.body[0].UniqueID).toMatch(/^[0-9a-f]{24}$/);
  });

  test('by kind, target, owner, sort, limit; 204 when nothing matches', async () => {
    const q = 'allowedtargets=&erroronly=&includeremoved=&kindname=app.create&kindtype=&limit=&ownername=&ownertype=&permissions=&raw=&since=&skip=&sort=&target.type=app&target.value=myapp&until=';
    expect((await tsuruAs(emu).get(`/1.1/events?${q}`).expect(200)).body).toHaveLength(1);
    await tsuruAs(emu).get('/1.1/events?kindname=app.deploy').expect(204);
    await tsuruAs(emu).get('/1.1/events?ownername=nobody').expect(204);
    await tsuruAs(emu).get('/1.1/events?erroronly=true').expect(204);
    const oldest = await tsuruAs(emu).get('/1.1/events?sort=startTime&limit=1').expect(200);
    expect(oldest.body.map((e: { Kind: { Name: string } }) => e.Kind.Name)).toEqual(['team.create']);
    await tsuruAs(emu).get('/1.1/events?limit=x').expect(400);
    await tsuruAs(emu).get('/1.1/events?since=yesterday').expect(400);
  });

  test('every change is an event: users, keys, sharing, instances', async () => {
    await tsuruAs(emu).post('/1.0/users').type('form').send('email=bob@example.com&password=pw').expect(201);
    await tsuruAs(emu).post('/1.0/users/keys').type('form').send({ name: 'k', key: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCN x@y' }).expect(200);
    await tsuruAs(emu).delete('/1.0/users/keys/k').expect(200);
    await tsuruAs(emu).put('/1.0/apps/myapp/teams/polypaas').expect(200);
    await tsuruAs(emu).delete('/1.0/apps/myapp/teams/polypaas').expect(200);
    await tsuruAs(emu).post('/1.0/services/mysql/instances').type('form').send('name=db&owner=myteam').expect(201);
    await tsuruAs(emu).put('/1.0/services/mysql/instances/db').type('form').send('description=x').expect(200);
    await tsuruAs(emu).put('/1.0/services/mysql/instances/permission/db/polypaas').expect(200);
    await tsuruAs(emu).put('/1.0/users/password').type('form').send('old=polypaas&new=a&confirm=a').expect(200);
    await tsuruAs(emu).post('/1.0/users/api-key').expect(200);
    const login = await tsuruAs(emu).post('/1.0/users/admin@polypaas.local/tokens').type('form').send('password=a').expect(200);
    const seen = (await tsuruAs(emu, login.body.token).get('/1.1/events?limit=100').expect(200)).body.map((e: { Kind: { Name: string } }) => e.Kind.Name);
    expect(seen.slice(0, 10)).toEqual([
      'user.update.token', 'user.update.password', 'service-instance.update.grant', 'service-instance.update', 'service-instance.create',
      'app.update.revoke', 'app.update.grant', 'user.update.key.remove', 'user.update.key.add', 'user.create',
    ]);
  });

  test('a user sees the events of its own teams, and none of apps it may not read', async () => {
    await tsuruAs(emu).post('/1.0/users').type('form').send('email=bob@example.com&password=pw').expect(201);
    const bob = (await tsuruAs(emu).post('/1.0/users/bob@example.com/tokens').type('form').send('password=pw').expect(200)).body.token;
    await tsuruAs(emu, bob).post('/1.0/teams').send({ name: 'bobteam' }).expect(201);
    const appEvent = (await tsuruAs(emu).get('/1.1/events?target.type=app&target.value=myapp').expect(200)).body[0];
    const targets = async () => (await tsuruAs(emu, bob).get('/1.1/events?limit=100')).body.map?.((e: { Target: { Value: string } }) => e.Target.Value) ?? [];
    expect(await targets()).toContain('bobteam');
    expect(await targets()).not.toContain('myapp');
    await tsuruAs(emu, bob).get(`/1.1/events/${appEvent.UniqueID}`).expect(404);
    await tsuruAs(emu).get(`/1.1/events/${appEvent.UniqueID}`).expect(200);
  });

  test('event-info by its id; a malformed id is a 400, an unknown one a 404', async () => {
    const [latest] = (await tsuruAs(emu).get('/1.1/events').expect(200)).body;
    const info = await tsuruAs(emu).get(`/1.1/events/${latest.UniqueID}`).expect(200);
    expect(info.body).toEqual(latest);
    await tsuruAs(emu).get('/1.1/events/xyz').expect(400);
    await tsuruAs(emu).get('/1.1/events/0000000000000000000fffff').expect(404);
  });
});
