import request from 'supertest';
import { ADMIN_TOKEN } from '../../helpers/emulator';
import { CLUSTER, medstackAs } from '../../helpers/medstack';
import { plainError, PYTHON_APP, tarGz, tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

/** Everything app-info shows at once: units, cnames, a team it is shared with, a bound instance, a mounted volume. */
const emu = withTsuruEmulator({ team: 'partners' });
const SERVICES = `${CLUSTER}/services`;

beforeEach(async () => {
  await tsuruAs(emu).post('/1.0/apps').type('form').send('description=the shop&name=shop&plan=medium&platform=python'
    + '&router=myrouter&routeropts.a=b&tag=web&tag=eu&teamOwner=polypaas').expect(201);
  await request(emu.urls.tsuru!).post('/1.0/apps/shop/deploy').set('Authorization', `bearer ${ADMIN_TOKEN}`)
    .attach('file', tarGz(PYTHON_APP), 'archive.tar.gz').expect(200);
  await tsuruAs(emu).put('/1.0/apps/shop/units').type('form').send('process=worker&units=1').expect(200);
  await tsuruAs(emu).put('/1.0/apps/shop/units').type('form').send('process=web&units=1').expect(200);
  await tsuruAs(emu).post('/1.0/apps/shop/cname').type('form').send('cname=www.shop.example.com').expect(200);
  await tsuruAs(emu).post('/1.0/apps/shop/cname').type('form').send('cname=api.shop.example.com').expect(200);
  await tsuruAs(emu).put('/1.0/apps/shop/teams/partners').expect(200);
  await tsuruAs(emu).post('/1.0/services/mysql/instances').type('form').send('name=shopdb&owner=polypaas&plan=small').expect(201);
  await tsuruAs(emu).put('/1.13/services/mysql/instances/shopdb/apps/shop').type('form').send('noRestart=true').expect(200);
  await medstackAs(emu).post(`${CLUSTER}/volumes`).send({ name: 'uploads' }).expect(201);
  const service = (await medstackAs(emu).get(SERVICES).expect(200)).body.data.find((s: { name: string }) => s.name === 'shop');
  await medstackAs(emu).patch(`${SERVICES}/${service.id}`).send({ mounts: [{ source: 'uploads', target: '/srv/uploads', readonly: true }] }).expect(201);
});

const unit = (process: string, num: number) => ({
  id: `shop-${process}-${num}`, name: `shop-${process}-${num}`, appname: 'shop', processname: process, type: 'python', ip: 'shop.deisapp.local',
  status: 'started', version: 3, routable: true, ready: true, restarts: 0, createdAt: '2014-01-01T00:00:00.000Z',
});

/** The whole reply in the order tsuru's server writes its fields: the text is compared, so the order is too. */
const SHOP = {
  name: 'shop', pool: 'default', teamOwner: 'polypaas',
  plan: { name: 'medium', memory: 536870912, cpumilli: 500, default: false, override: {} },
  units: [unit('web', 1), unit('web', 2), unit('worker', 1)],
  cname: ['api.shop.example.com', 'www.shop.example.com'], ip: 'shop.deisapp.local',
  routers: [{ name: 'myrouter', opts: { a: 'b' }, addresses: ['shop.deisapp.local'] }],
  lock: { locked: false, reason: '', owner: '', acquireDate: '0001-01-01T00:00:00Z' },
  tags: ['web', 'eu'], cluster: 'default', deploys: 1, platform: 'python', description: 'the shop', router: 'myrouter',
  routeropts: { a: 'b' }, provisioner: 'kubernetes', owner: 'admin', metadata: { labels: [], annotations: [] },
  teams: ['polypaas', 'partners'], quota: { inuse: 3, limit: -1 },
  serviceInstanceBinds: [{ service: 'mysql', instance: 'shopdb', plan: 'small' }],
  volumeBinds: [{ ID: { App: 'shop', MountPoint: '/srv/uploads', Volume: 'uploads' }, ReadOnly: true }],
};

test('app-info shows units, cnames, shared teams, bound instances and volume binds, byte for byte', async () => {
  const res = await tsuruAs(emu).get('/1.0/apps/shop').expect(200);
  expect(res.text).toBe(JSON.stringify(SHOP));
});

test('an app shared with nothing, bound to nothing, mounting nothing, never deployed shows empty lists', async () => {
  await tsuruAs(emu).post('/1.0/apps').type('form').send('name=bare&teamOwner=polypaas').expect(201);
  expect((await tsuruAs(emu).get('/1.0/apps/bare').expect(200)).body).toMatchObject({
    units: [], cname: [], deploys: 0, teams: ['polypaas'], quota: { inuse: 0, limit: -1 }, serviceInstanceBinds: [], volumeBinds: [],
    platform: '', plan: { name: 'small' }, tags: [],
  });
});

describe('who may read it', () => {
  let bob: string;
  beforeEach(async () => {
    await tsuruAs(emu).post('/1.0/users').type('form').send({ email: 'bob@example.com', password: 'pw' }).expect(201);
    bob = (await tsuruAs(emu).post('/1.0/users/bob@example.com/tokens').type('form').send({ password: 'pw' }).expect(200)).body.token;
  });

  test('its owner reads it; a plain user of its team is refused; another team\'s app and an unknown one are not found', async () => {
    await tsuruAs(emu, bob).post('/1.0/apps').type('form').send('name=bobs&teamOwner=polypaas').expect(201);
    expect((await tsuruAs(emu, bob).get('/1.0/apps/bobs').expect(200)).body).toMatchObject({ name: 'bobs', owner: 'bob@example.com' });
    await tsuruAs(emu, bob).get('/1.0/apps/shop').expect(403);
    await tsuruAs(emu).post('/1.0/apps').type('form').send('name=theirs&teamOwner=partners').expect(201);
    expect((await tsuruAs(emu, bob).get('/1.0/apps/theirs').expect(404)).text).toBe(plainError('App not found'));
    expect((await tsuruAs(emu).get('/1.0/apps/ghost').expect(404)).text).toBe(plainError('App not found'));
  });
});
