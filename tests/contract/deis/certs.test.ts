import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN, stateOf } from '../../helpers/emulator';
import { asV113Client, deisAs, registerAndLogin, withDeisEmulator } from '../../helpers/deis';

/**
 * `deis certs:add/list/info/remove` as the 1.13 client sends them. The fixtures are self-signed
 * certificates made with openssl (`req -x509 -days 36500`): one for CN=www.example.com with the SANs
 * www.example.com and example.com, one whose subject has no CN.
 */
const emu = withDeisEmulator();
const as = (token = ADMIN_TOKEN) => asV113Client(deisAs(emu, token));
const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/certs', name), 'utf8');
const WWW = { certificate: fixture('www.example.com.crt'), key: fixture('www.example.com.key') };
const NO_CN = { certificate: fixture('no-cn.crt'), key: fixture('no-cn.key') };
const DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dUTC$/;

describe('certs:add', () => {
  test('reads the common name and expiry from the certificate; never shows the key', async () => {
    const res = await as().post('/v1/certs/').send(WWW).expect(201).expect('DEIS_API_VERSION', '1.7');
    expect(res.body).toEqual({
      id: expect.any(Number), owner: 'admin', common_name: 'www.example.com', expires: expect.stringMatching(/^21\d\d-/),
      created: expect.stringMatching(DATE), updated: expect.stringMatching(DATE),
    });
    expect(res.body.expires).toMatch(DATE);
    const stored = (await stateOf(emu) as { certificates: { subjectAltNames: string[]; privateKey: string }[] }).certificates;
    expect(stored).toEqual([expect.objectContaining({ subjectAltNames: ['www.example.com', 'example.com'], privateKey: WWW.key })]);
  });

  test('a given common_name wins over the certificate\'s; one without a CN needs one', async () => {
    const named = await as().post('/v1/certs').send({ ...WWW, common_name: 'shop.example.com' }).expect(201);
    expect(named.body.common_name).toBe('shop.example.com');
    const res = await as().post('/v1/certs/').send(NO_CN).expect(400);
    expect(res.body).toEqual({ common_name: ['The certificate names no common name; give one.'] });
    await as().post('/v1/certs/').send({ ...NO_CN, common_name: 'internal.example.com' }).expect(201);
  });

  test.each([
    [{ key: WWW.key }, 'certificate'],
    [{ certificate: WWW.certificate }, 'key'],
    [{ certificate: 'not a certificate', key: WWW.key }, 'certificate'],
    [{ certificate: WWW.certificate, key: '' }, 'key'],
  ])('%# rejects a bad request with a 400 naming the field, changing nothing', async (body, field) => {
    const before = await stateOf(emu);
    const res = await as().post('/v1/certs/').send(body).expect(400);
    expect(Object.keys(res.body)).toEqual([field]);
    expect(await stateOf(emu)).toEqual(before);
  });

  test('a common name already used is a 400', async () => {
    await as().post('/v1/certs/').send(WWW).expect(201);
    await as().post('/v1/certs/').send(WWW).expect(400, { common_name: ['Certificate with this Common name already exists.'] });
  });
});

describe('certs:list, certs:info, certs:remove', () => {
  test('list pages the certificates; info shows one by common name; remove deletes it', async () => {
    const added = (await as().post('/v1/certs/').send(WWW).expect(201)).body;
    const list = await as().get('/v1/certs/').expect(200);
    expect(list.body).toEqual({ count: 1, next: null, previous: null, results: [added] });
    await as().get('/v1/certs/www.example.com').expect(200, added);
    await as().delete('/v1/certs/www.example.com/').expect(204);
    await as().get('/v1/certs/www.example.com/').expect(404, { detail: 'Not found' });
    await as().delete('/v1/certs/www.example.com/').expect(404);
    expect((await as().get('/v1/certs').expect(200)).body.count).toBe(0);
  });

  test('a plain user sees and removes only its own; another\'s is a 403', async () => {
    const bob = await registerAndLogin(emu, 'bob');
    const carol = await registerAndLogin(emu, 'carol');
    await as(bob).post('/v1/certs/').send(WWW).expect(201);
    expect((await as(carol).get('/v1/certs/').expect(200)).body.count).toBe(0);
    await as(carol).get('/v1/certs/www.example.com/').expect(403);
    await as(carol).delete('/v1/certs/www.example.com/').expect(403);
    expect((await as().get('/v1/certs/').expect(200)).body.results[0].owner).toBe('bob');
    await as(bob).delete('/v1/certs/www.example.com/').expect(204);
  });

  test('a wildcard common name is addressable', async () => {
    await as().post('/v1/certs/').send({ ...WWW, common_name: '*.example.com' }).expect(201);
    await as().get('/v1/certs/*.example.com/').expect(200);
  });
});
