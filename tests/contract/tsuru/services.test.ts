import { stateOf } from '../../helpers/emulator';
import { plainError, tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

const emu = withTsuruEmulator({ team: 'myteam', app: 'myapp' });

const messages = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line).Message);
const addInstance = (form = 'description=&name=mydb&owner=myteam&parameters=&plan=small') =>
  tsuruAs(emu).post('/1.0/services/mysql/instances').type('form').send(form);
const env = async () => Object.fromEntries((await tsuruAs(emu).get('/1.0/apps/myapp/env').expect(200)).body
  .map((v: { name: string; value: string }) => [v.name, v.value]));

describe('services', () => {
  test('the fixtures\' service, its plans and doc; service-list with no instances yet', async () => {
    expect((await tsuruAs(emu).get('/1.0/services/mysql/plans').expect(200)).body).toEqual([
      { name: 'small', description: '1 GB of storage' }, { name: 'large', description: '20 GB of storage' },
    ]);
    expect((await tsuruAs(emu).get('/1.0/services/mysql/doc').expect(200)).text).toMatch(/^MySQL 8 databases/);
    expect((await tsuruAs(emu).get('/1.0/services').expect(200)).body).toEqual([{ service: 'mysql', instances: [], plans: ['small', 'large'], service_instances: [] }]);
    await tsuruAs(emu).get('/1.0/services/nope').expect(404);
  });

  test('service create, update, doc, remove (refused while it has instances)', async () => {
    await tsuruAs(emu).post('/1.0/services').type('form').send('id=redis&endpoint=http://redis.api&username=u&password=p&team=myteam').expect(201);
    await tsuruAs(emu).post('/1.0/services').type('form').send('id=redis&team=myteam').expect(409);
    await tsuruAs(emu).post('/1.0/services').type('form').send('id=Bad!&team=myteam').expect(400);
    await tsuruAs(emu).put('/1.0/services/redis').type('form').send('endpoint=http://other.api').expect(200);
    await tsuruAs(emu).put('/1.0/services/redis/doc').type('form').send('doc=Use it well').expect(200);
    expect((await tsuruAs(emu).get('/1.0/services/redis/doc').expect(200)).text).toBe('Use it well');
    await tsuruAs(emu).post('/1.0/services/redis/instances').type('form').send('name=cache&owner=myteam').expect(201);
    const refused = await tsuruAs(emu).delete('/1.0/services/redis').expect(403);
    expect(refused.text).toMatch(/^This service cannot be removed because it has instances/);
    await tsuruAs(emu).delete('/1.0/services/redis/instances/cache').expect(200);
    await tsuruAs(emu).delete('/1.0/services/redis').expect(200);
    await tsuruAs(emu).get('/1.0/services/redis/plans').expect(404);
  });
});

describe('instances', () => {
  test('service-instance-add (the CLI\'s form) → 201; info, status and the lists show it', async () => {
    const created = await addInstance().expect(201);
    expect(created.text).toBe('');
    const info = await tsuruAs(emu).get('/1.0/services/mysql/instances/mydb').expect(200);
    expect(info.body).toEqual({
      apps: [], jobs: [], teams: ['myteam'], teamowner: 'myteam', description: '', pool: '', planname: 'small',
      plandescription: '1 GB of storage', tags: [], custominfo: {}, parameters: {},
    });
    const status = await tsuruAs(emu).get('/1.0/services/mysql/instances/mydb/status').expect(200);
    expect(status.text).toBe('Service instance "mydb" is up');
    const list = (await tsuruAs(emu).get('/1.0/services/instances').expect(200)).body;
    expect(list[0]).toMatchObject({ service: 'mysql', instances: ['mydb'], service_instances: [{ name: 'mydb', team_owner: 'myteam', plan_name: 'small' }] });
    expect((await tsuruAs(emu).get('/1.0/services/mysql').expect(200)).body).toEqual([expect.objectContaining({ name: 'mydb', servicename: 'mysql' })]);
  });

  test.each([
    ['description=&name=mydb&owner=myteam&parameters=&plan=huge', 400, 'invalid service plan: huge'],
    ['name=Bad_Name&owner=myteam', 400, /^Invalid service instance name/],
    ['name=x&owner=ghosts', 404, 'team not found'],
  ])('%s → %i, nothing changed', async (form, status, message) => {
    const before = await stateOf(emu);
    const res = await addInstance(form).expect(status);
    if (typeof message === 'string') expect(res.text).toBe(plainError(message));
    else expect(res.text).toMatch(message);
    expect(await stateOf(emu)).toEqual(before);
  });

  test('a duplicate is a 409; an unknown service 404', async () => {
    await addInstance().expect(201);
    await addInstance().expect(409);
    await tsuruAs(emu).post('/1.0/services/nosql/instances').type('form').send('name=x&owner=myteam').expect(404);
  });

  test('update and share with a team', async () => {
    await addInstance('name=mydb&owner=myteam&plan=small&parameters.size=10').expect(201);
    await tsuruAs(emu).put('/1.0/services/mysql/instances/mydb').type('form').send('description=main db&plan=large&tags=prod').expect(200);
    await tsuruAs(emu).put('/1.0/services/mysql/instances/permission/mydb/polypaas').expect(200);
    const info = (await tsuruAs(emu).get('/1.0/services/mysql/instances/mydb').expect(200)).body;
    expect(info).toMatchObject({ description: 'main db', planname: 'large', tags: ['prod'], teams: ['myteam', 'polypaas'], parameters: { size: '10' } });
    await tsuruAs(emu).delete('/1.0/services/mysql/instances/permission/mydb/polypaas').expect(200);
    expect((await tsuruAs(emu).get('/1.0/services/mysql/instances/mydb').expect(200)).body.teams).toEqual(['myteam']);
  });
});

describe('bind and unbind', () => {
  beforeEach(async () => { await addInstance('name=mydb&owner=myteam&plan=small&parameters.size=10').expect(201); });

  test('bind (old path, the CLI\'s) exports the instance\'s variables; unbind removes exactly those', async () => {
    await tsuruAs(emu).post('/1.0/apps/myapp/env').type('form').send('Envs.0.Name=MINE&Envs.0.Value=1').expect(200);
    const bound = await tsuruAs(emu).put('/1.0/services/mysql/instances/mydb/myapp').type('form').send('noRestart=false').expect(200);
    expect(messages(bound.text)).toEqual(['---- Setting 4 new environment variables ----\n', 'Instance "mydb" is now bound to the app "myapp".\n']);
    expect(await env()).toMatchObject({
      MINE: '1', MYSQL_HOST: 'mydb.mysql.deisapp.local', MYSQL_INSTANCE_NAME: 'mydb', MYSQL_PLAN: 'small', MYSQL_SIZE: '10',
    });
    expect(JSON.parse((await env()).TSURU_SERVICES)).toEqual({ mysql: [{ instance_name: 'mydb', envs: {
      MYSQL_HOST: 'mydb.mysql.deisapp.local', MYSQL_INSTANCE_NAME: 'mydb', MYSQL_PLAN: 'small', MYSQL_SIZE: '10' } }] });
    const app = (await tsuruAs(emu).get('/1.0/apps/myapp').expect(200)).body;
    expect(app.serviceInstanceBinds).toEqual([{ service: 'mysql', instance: 'mydb', plan: 'small' }]);
    expect((await tsuruAs(emu).get('/1.0/services/instances?app=myapp').expect(200)).body[0].instances).toEqual(['mydb']);
    await tsuruAs(emu).put('/1.0/services/mysql/instances/mydb/myapp').type('form').send('noRestart=false').expect(400);
    const unbound = await tsuruAs(emu).delete('/1.0/services/mysql/instances/mydb/myapp?force=false&noRestart=false').expect(200);
    expect(messages(unbound.text)[1]).toBe('Instance "mydb" is not bound to the app "myapp" anymore.\n');
    expect(Object.keys(await env()).filter((k) => !k.startsWith('TSURU_'))).toEqual(['MINE']);
    await tsuruAs(emu).get('/1.0/services/instances?app=myapp').expect(204);
    await tsuruAs(emu).delete('/1.0/services/mysql/instances/mydb/myapp').expect(400);
  });

  test('the 1.13 paths; removing a bound instance needs unbindall', async () => {
    await tsuruAs(emu).put('/1.13/services/mysql/instances/mydb/apps/myapp').type('form').send('noRestart=true').expect(200);
    const refused = await tsuruAs(emu).delete('/1.0/services/mysql/instances/mydb?unbindall=false').expect(400);
    expect(refused.text).toBe(plainError('This service instance is bound to at least one app. Unbind them before removing it'));
    const removed = await tsuruAs(emu).delete('/1.0/services/mysql/instances/mydb?unbindall=true').expect(200);
    expect(messages(removed.text)).toEqual(['Instance "mydb" is not bound to the app "myapp" anymore.\n', 'Service instance "mydb" removed.\n']);
    expect(Object.keys(await env()).filter((k) => k.startsWith('MYSQL_'))).toEqual([]);
    await tsuruAs(emu).get('/1.0/services/mysql/instances/mydb').expect(404);
  });

  test('binding to an unknown app or instance is a 404', async () => {
    await tsuruAs(emu).put('/1.13/services/mysql/instances/mydb/apps/ghost').expect(404);
    await tsuruAs(emu).put('/1.13/services/mysql/instances/nope/apps/myapp').expect(404);
  });
});
