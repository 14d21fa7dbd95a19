import { stateOf } from '../../helpers/emulator';
import { plainError, tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

const emu = withTsuruEmulator({ team: 'myteam' });

const create = (form: string) => tsuruAs(emu).post('/1.0/apps').type('form').send(form);

describe('app-create', () => {
  test('the CLI\'s form: 201 with status and ip, every value a string', async () => {
    const res = await create('description=&name=myapp&plan=&platform=python&pool=&router=&routeropts=&teamOwner=myteam').expect(201);
    expect(res.body).toEqual({ status: 'success', ip: 'myapp.deisapp.local' });
    const info = (await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body;
    expect(info).toMatchObject({
      name: 'myapp', platform: 'python', teamOwner: 'myteam', pool: 'default', plan: { name: 'small', default: true },
      router: 'ingress', routeropts: {}, description: '', tags: [], owner: 'admin', teams: ['myteam'], units: [], cname: [],
      ip: 'myapp.deisapp.local', lock: { locked: false }, quota: { inuse: 0, limit: -1 }, deploys: 0,
    });
  });

  test('every option: plan, pool, description, repeated tag, router and its options', async () => {
    await create('description=a description&name=myapp2&plan=medium&platform=python&pool=default&router=myrouter&routeropts.a=b&tag=tag1&tag=tag2&teamOwner=myteam').expect(201);
    const info = (await tsuruAs(emu).get('/1.0/apps/myapp2').expect(200)).body;
    expect(info).toMatchObject({
      plan: { name: 'medium', memory: 536870912, cpumilli: 500 }, description: 'a description', tags: ['tag1', 'tag2'],
      router: 'myrouter', routeropts: { a: 'b' }, routers: [{ name: 'myrouter', opts: { a: 'b' }, addresses: ['myapp2.deisapp.local'] }],
    });
  });

  test('JSON works as well', async () => {
    await tsuruAs(emu).post('/1.0/apps').send({ name: 'jsonapp', teamOwner: 'myteam', tags: ['x'] }).expect(201);
    expect((await tsuruAs(emu).get('/1.0/apps/jsonapp').expect(200)).body.tags).toEqual(['x']);
  });

  test.each([
    ['name=Bad_Name&teamOwner=myteam', 400, /^Invalid app name/],
    ['name=&teamOwner=myteam', 400, /^Invalid app name/],
    ['teamOwner=myteam', 400, /^You must provide the name/],
    ['name=ok&platform=cobol&teamOwner=myteam', 400, /^Invalid platform: cobol/],
    ['name=ok&plan=huge&teamOwner=myteam', 400, /^plan not found/],
    ['name=ok&router=nope&teamOwner=myteam', 400, /^router "nope" not found/],
    ['name=ok&pool=nope&teamOwner=myteam', 400, /^Pool does not exist/],
    ['name=ok', 400, /^You must provide a team to execute this action/],
    ['name=ok&teamOwner=ghosts', 400, /^Team "ghosts" not found/],
  ])('%s → %i, nothing changed', async (form, status, message) => {
    const before = await stateOf(emu);
    const res = await create(form).expect(status);
    expect(res.text).toMatch(message);
    expect(res.text.endsWith('\n')).toBe(true);
    expect(await stateOf(emu)).toEqual(before);
  });

  test('a taken name is a 409', async () => {
    await create('name=myapp&teamOwner=myteam').expect(201);
    const res = await create('name=myapp&teamOwner=myteam').expect(409);
    expect(res.text).toBe(plainError('tsuru failed to create the app "myapp": there is already an app with this name'));
  });
});

describe('app-list', () => {
  test('204 with an empty body when nothing is visible', async () => {
    const res = await tsuruAs(emu).get('/1.0/apps?').expect(204);
    expect(res.text).toBe('');
  });

  test('every filter of the spec', async () => {
    await create('name=one&platform=python&teamOwner=myteam&tag=a').expect(201);
    await create('name=two&platform=go&teamOwner=polypaas&tag=a&tag=b').expect(201);
    const names = async (query: string) => {
      const res = await tsuruAs(emu).get(`/1.0/apps${query}`);
      return res.status === 204 ? [] : res.body.map((a: { name: string }) => a.name);
    };
    expect(await names('')).toEqual(['one', 'two']);
    expect(await names('?platform=go')).toEqual(['two']);
    expect(await names('?teamOwner=myteam')).toEqual(['one']);
    expect(await names('?tag=a&tag=b')).toEqual(['two']);
    expect(await names('?name=on')).toEqual(['one']);
    expect(await names('?owner=admin@polypaas.local&pool=default')).toEqual(['one', 'two']);
    expect(await names('?locked=true')).toEqual([]);
    expect(await names('?status=started')).toEqual([]);
    expect(await names('?unknown=ignored')).toEqual(['one', 'two']);
  });
});

describe('app-update and app-remove', () => {
  beforeEach(async () => { await create('name=myapp&platform=python&teamOwner=myteam').expect(201); });

  test('app-update: the CLI\'s form changes description and plan, keeps what is empty, and streams', async () => {
    const res = await tsuruAs(emu).put('/1.0/apps/myapp').type('form')
      .send('description=new desc&imageReset=false&plan=medium&platform=&pool=&teamOwner=').expect(200);
    expect(res.headers['content-type']).toBe('application/x-json-stream');
    expect(JSON.parse(res.text.split('\n')[0]).Message).toMatch(/^---- Updating app "myapp"/);
    const info = (await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body;
    expect(info).toMatchObject({ description: 'new desc', plan: { name: 'medium' }, platform: 'python', teamOwner: 'myteam' });
    await tsuruAs(emu).put('/1.0/apps/myapp').type('form').send('plan=huge').expect(400);
    await tsuruAs(emu).put('/1.0/apps/nope').type('form').send('plan=small').expect(404);
  });

  test('app-update hands the app to another team of the caller', async () => {
    await tsuruAs(emu).put('/1.0/apps/myapp').type('form').send('teamOwner=polypaas').expect(200);
    expect((await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body.teamOwner).toBe('polypaas');
  });

  test('app-remove streams its log and the app is gone', async () => {
    const res = await tsuruAs(emu).delete('/1.0/apps/myapp').expect(200);
    expect(res.text.split('\n').filter(Boolean).map((l) => JSON.parse(l).Message)).toEqual([
      '---- Removing application "myapp"...\n', ' ---> Done removing application "myapp"\n',
    ]);
    const gone = await tsuruAs(emu).get('/1.0/apps/myapp').expect(404);
    expect(gone.text).toBe(plainError('App not found'));
    await tsuruAs(emu).delete('/1.0/apps/myapp').expect(404);
  });

  test('app-grant and app-revoke a team; revoking twice is a 404', async () => {
    await tsuruAs(emu).put('/1.0/apps/myapp/teams/polypaas').expect(200);
    expect((await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body.teams).toEqual(['myteam', 'polypaas']);
    await tsuruAs(emu).delete('/1.0/apps/myapp/teams/polypaas').expect(200);
    await tsuruAs(emu).delete('/1.0/apps/myapp/teams/polypaas').expect(404);
    await tsuruAs(emu).put('/1.0/apps/myapp/teams/ghosts').expect(404);
  });

  test('app-quota-view', async () => {
    expect((await tsuruAs(emu).get('/1.0/apps/myapp/quota').expect(200)).body).toEqual({ inuse: 0, limit: -1 });
  });
});
