import { CLUSTER, medstackAs } from '../../helpers/medstack';
import { tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

/** One core behind both dialects: a MedStack service is the Tsuru app of the same name, its mounts are the app's volume binds. */
const emu = withTsuruEmulator();
const SERVICES = `${CLUSTER}/services`;

beforeEach(async () => {
  await medstackAs(emu).post(`${CLUSTER}/volumes`).send({ name: 'data' }).expect(201);
  await medstackAs(emu).post(`${CLUSTER}/volumes`).send({ name: 'logs' }).expect(201);
});

const volumeBinds = async (app: string) => (await tsuruAs(emu).get(`/1.0/apps/${app}`).expect(200)).body.volumeBinds;
const bindsOf = async (volume: string) => (await tsuruAs(emu).get('/1.4/volumes').expect(200)).body
  .find((v: { name: string }) => v.name === volume).binds;

test('a MedStack service\'s mounts are its volume binds in tsuru app-info, named as the server encodes them', async () => {
  await medstackAs(emu).post(SERVICES).send({
    name: 'web-svc', image: 'nginx', mounts: [{ source: 'data', target: '/data' }, { source: 'logs', target: '/var/log/app', readonly: true }],
  }).expect(201);
  expect(await volumeBinds('web-svc')).toEqual([
    { ID: { App: 'web-svc', MountPoint: '/data', Volume: 'data' }, ReadOnly: false },
    { ID: { App: 'web-svc', MountPoint: '/var/log/app', Volume: 'logs' }, ReadOnly: true },
  ]);
});

test('volume-list shows each volume with the apps that mount it', async () => {
  await medstackAs(emu).post(SERVICES).send({ name: 'one', image: 'nginx', mounts: [{ source: 'data', target: '/data' }] }).expect(201);
  await medstackAs(emu).post(SERVICES).send({ name: 'two', image: 'nginx', mounts: [{ source: 'data', target: '/srv', readonly: true }] }).expect(201);
  expect(await bindsOf('data')).toEqual([
    { id: { app: 'one', mountpoint: '/data', volume: 'data' }, readonly: false },
    { id: { app: 'two', mountpoint: '/srv', volume: 'data' }, readonly: true },
  ]);
  expect(await bindsOf('logs')).toEqual([]);
});

test('an app made through tsuru binds nothing until its service mounts a volume; unmounting unbinds', async () => {
  await tsuruAs(emu).post('/1.0/apps').type('form').send({ name: 'myapp', teamOwner: 'polypaas' }).expect(201);
  expect(await volumeBinds('myapp')).toEqual([]);
  const service = (await medstackAs(emu).get(SERVICES).expect(200)).body.data.find((s: { name: string }) => s.name === 'myapp');
  await medstackAs(emu).patch(`${SERVICES}/${service.id}`).send({ mounts: [{ source: 'logs', target: '/logs' }] }).expect(201);
  expect(await volumeBinds('myapp')).toEqual([{ ID: { App: 'myapp', MountPoint: '/logs', Volume: 'logs' }, ReadOnly: false }]);
  await medstackAs(emu).patch(`${SERVICES}/${service.id}`).send({ mounts: [] }).expect(201);
  expect(await volumeBinds('myapp')).toEqual([]);
  expect(await bindsOf('logs')).toEqual([]);
});
