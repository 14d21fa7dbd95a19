import request from 'supertest';
import { ADMIN_TOKEN } from '../../helpers/emulator';
import { deisAs } from '../../helpers/deis';
import { PYTHON_APP, tarGz, tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

const emu = withTsuruEmulator({ team: 'myteam' });

interface Entry { name: string; units: { processname: string; status: string }[]; cname: string[]; plan: { name: string }; routers: { name: string; type: string }[]; pool: string; tags: string[] }

const names = async (query: string): Promise<string[]> => {
  const res = await tsuruAs(emu).get(`/1.0/apps${query}`);
  return res.status === 204 ? [] : res.body.map((a: Entry) => a.name);
};

/** `one` (python, myteam, deployed: web up, worker stopped, a cname), then `two` (go), then an app made through Deis. */
beforeEach(async () => {
  await tsuruAs(emu).post('/1.0/apps').type('form').send('name=one&platform=python&teamOwner=myteam&tag=a&plan=medium').expect(201);
  await request(emu.urls.tsuru!).post('/1.0/apps/one/deploy').set('Authorization', `bearer ${ADMIN_TOKEN}`)
    .attach('file', tarGz(PYTHON_APP), 'archive.tar.gz').expect(200);
  await tsuruAs(emu).put('/1.0/apps/one/units').type('form').send('process=worker&units=1').expect(200);
  await tsuruAs(emu).post('/1.0/apps/one/stop').type('form').send('process=worker').expect(200);
  await tsuruAs(emu).post('/1.0/apps/one/cname').type('form').send('cname=www.example.com').expect(200);
  emu.clock.advance(1000);
  await tsuruAs(emu).post('/1.0/apps').type('form').send('name=two&platform=go&teamOwner=polypaas&tag=a&tag=b').expect(201);
  emu.clock.advance(1000);
  await deisAs(emu).post('/v1/apps/').send({ id: 'from-deis' }).expect(201);
});

describe('AppList in SQL', () => {
  test('each entry has its units, cnames, plan, router and pool; an app made elsewhere has the catalogue defaults', async () => {
    const res = await tsuruAs(emu).get('/1.0/apps').expect(200);
    const [one, two, other] = res.body as Entry[];
    expect(res.body.map((a: Entry) => a.name)).toEqual(['one', 'two', 'from-deis']);
    expect(one.units.map((u) => `${u.processname}:${u.status}`)).toEqual(['web:started', 'worker:stopped']);
    expect(one).toMatchObject({ cname: ['www.example.com'], pool: 'default', tags: ['a'] });
    expect(two).toMatchObject({ units: [], cname: [], tags: ['a', 'b'] });
    expect(other).toMatchObject({ units: [], cname: [], tags: [], pool: 'default', routers: [{ name: 'ingress', type: 'kubernetes-ingress' }] });
    const info = await tsuruAs(emu).get('/1.0/apps/one').expect(200);
    expect(info.body).toMatchObject({ units: one.units, cname: one.cname, plan: one.plan, pool: one.pool, tags: one.tags });
  });

  test('status matches any unit shown with it; the owner by username or email; filters combine', async () => {
    expect(await names('?status=started')).toEqual(['one']);
    expect(await names('?status=stopped')).toEqual(['one']);
    expect(await names('?status=up')).toEqual([]);
    expect(await names('?owner=admin')).toEqual(['one', 'two', 'from-deis']);
    expect(await names('?owner=nobody')).toEqual([]);
    expect(await names('?tag=a&platform=go')).toEqual(['two']);
    expect(await names('?tag=a&tag=c')).toEqual([]);
    expect(await names('?pool=default&teamOwner=polypaas')).toEqual(['two', 'from-deis']);
    expect(await names('?name=e&status=started')).toEqual(['one']);
  });

  test('a team lists its apps by name, each as the app list shows it', async () => {
    await tsuruAs(emu).post('/1.0/apps').type('form').send('name=alpha&platform=go&teamOwner=myteam').expect(201);
    const team = await tsuruAs(emu).get('/1.4/teams/myteam').expect(200);
    const list = (await tsuruAs(emu).get('/1.0/apps?teamOwner=myteam').expect(200)).body as Entry[];
    expect(team.body.apps.map((a: Entry) => a.name)).toEqual(['alpha', 'one']);
    expect(team.body.apps).toEqual([list[1], list[0]]);
  });
});
