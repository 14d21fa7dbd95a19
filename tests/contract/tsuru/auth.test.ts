import request from 'supertest';
import { ADMIN_TOKEN } from '../../helpers/emulator';
import { ADMIN_EMAIL, plainError, tsuruAnonymous, tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

const emu = withTsuruEmulator();

describe('routing and the common wire', () => {
  test('every route answers versioned and plain; every reply carries Supported-Tsuru', async () => {
    const versioned = await tsuruAs(emu).get('/1.0/users/info').expect(200);
    const plain = await tsuruAs(emu).get('/users/info').expect(200);
    expect(plain.body).toEqual(versioned.body);
    expect(versioned.headers['supported-tsuru']).toBe('1.0.1');
  });

  test('a wrong version, an unknown path and a wrong method are mux\'s plain 404, even without a token', async () => {
    for (const [method, path] of [['get', '/1.13/apps'], ['get', '/1.0/nothing'], ['patch', '/1.0/apps'], ['get', '/1.0/apps/']] as const) {
      const res = await tsuruAnonymous(emu)[method](path).expect(404);
      expect(res.text).toBe('404 page not found\n');
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['supported-tsuru']).toBe('1.0.1');
    }
  });

  test('the last word of Authorization is the token: bearer, Bearer, b and bare', async () => {
    for (const header of [`bearer ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN}`, `b ${ADMIN_TOKEN}`, ADMIN_TOKEN]) {
      await request(emu.urls.tsuru!).get('/1.0/users/info').set('Authorization', header).expect(200);
    }
  });

  test('a body that is no JSON, sent as JSON, is a plain-text 400; a form where JSON is expected works', async () => {
    const res = await tsuruAs(emu).post('/1.0/teams').set('Content-Type', 'application/json').send('{"name":').expect(400);
    expect(res.text).toMatch(/^unable to parse the request body: .*\n$/);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    await tsuruAs(emu).post('/1.0/teams').type('form').send('name=formteam').expect(201);
  });

  test('no token or an unknown one: 401 with tsuru\'s challenge', async () => {
    for (const res of [await tsuruAnonymous(emu).get('/1.0/apps'), await tsuruAs(emu, 'nope').get('/1.0/apps')]) {
      expect(res.status).toBe(401);
      expect(res.text).toBe(plainError('You must provide a valid Authorization header'));
      expect(res.headers['www-authenticate']).toBe('Bearer realm="tsuru" scope="tsuru"');
    }
  });
});

describe('login and logout', () => {
  test('the auth scheme, old and new', async () => {
    expect((await tsuruAnonymous(emu).get('/1.0/auth/scheme').expect(200)).body).toEqual({ name: 'native', data: {} });
    expect((await tsuruAnonymous(emu).get('/1.18/auth/schemes').expect(200)).body).toEqual([{ name: 'native', default: true, data: {} }]);
  });

  test('tsuru login: POST /users/{email}/tokens with a form; a new token each time, which works', async () => {
    const first = await tsuruAnonymous(emu).post(`/1.0/users/${ADMIN_EMAIL}/tokens`).type('form').send({ password: 'polypaas' }).expect(200);
    const second = await tsuruAnonymous(emu).post(`/1.0/users/${ADMIN_EMAIL}/tokens`).type('form').send({ password: 'polypaas' }).expect(200);
    expect(first.body.token).not.toEqual(second.body.token);
    expect(first.body.token).not.toEqual(ADMIN_TOKEN);
    expect(first.body.is_admin).toBe(true);
    const info = await tsuruAs(emu, first.body.token).get('/1.0/users/info').expect(200);
    expect(info.body.email).toBe(ADMIN_EMAIL);
  });

  test('POST /auth/login takes a form or JSON', async () => {
    await tsuruAnonymous(emu).post('/1.0/auth/login').type('form').send({ email: ADMIN_EMAIL, password: 'polypaas' }).expect(200);
    const json = await tsuruAnonymous(emu).post('/1.0/auth/login').send({ email: ADMIN_EMAIL, password: 'polypaas' }).expect(200);
    expect(typeof json.body.token).toBe('string');
  });

  test('wrong password 401 without a challenge, unknown user 404, missing password 400', async () => {
    const wrong = await tsuruAnonymous(emu).post(`/1.0/users/${ADMIN_EMAIL}/tokens`).type('form').send({ password: 'x' }).expect(401);
    expect(wrong.text).toBe(plainError('Authentication failed, wrong password.'));
    expect(wrong.headers['www-authenticate']).toBeUndefined();
    const unknown = await tsuruAnonymous(emu).post('/1.0/users/who@example.com/tokens').type('form').send({ password: 'x' }).expect(404);
    expect(unknown.text).toBe(plainError('user not found'));
    const missing = await tsuruAnonymous(emu).post(`/1.0/users/${ADMIN_EMAIL}/tokens`).type('form').send({}).expect(400);
    expect(missing.text).toBe(plainError('you must provide a password'));
  });

  test('logout revokes exactly the token it came with', async () => {
    const { token } = (await tsuruAnonymous(emu).post('/1.0/auth/login').send({ email: ADMIN_EMAIL, password: 'polypaas' }).expect(200)).body;
    await tsuruAs(emu, token).delete('/1.0/users/tokens').expect(200);
    await tsuruAs(emu, token).get('/1.0/users/info').expect(401);
    await tsuruAs(emu).get('/1.0/users/info').expect(200);
  });
});

describe('users', () => {
  test('user-info: email, a role per team and the superuser\'s global one, and the permissions they name', async () => {
    const res = await tsuruAs(emu).get('/1.0/users/info').expect(200);
    const team = { contexttype: 'team', contextvalue: 'polypaas' };
    expect(res.body).toEqual({
      email: ADMIN_EMAIL, groups: [],
      roles: [{ name: 'team-admin', ...team }, { name: 'AllowAll', contexttype: 'global', contextvalue: '' }],
      permissions: [
        { name: 'app', ...team }, { name: 'service-instance', ...team }, { name: 'team', ...team },
        { name: '*', contexttype: 'global', contextvalue: '' },
      ],
    });
  });

  test('user-create (form) makes an account that can log in; a duplicate is a 409', async () => {
    await tsuruAs(emu).post('/1.0/users').type('form').send({ email: 'bob@example.com', password: 'bobpw123' }).expect(201);
    await tsuruAnonymous(emu).post('/1.0/users/bob@example.com/tokens').type('form').send({ password: 'bobpw123' }).expect(200);
    const dup = await tsuruAs(emu).post('/1.0/users').type('form').send({ email: 'bob@example.com', password: 'x' }).expect(409);
    expect(dup.text).toBe(plainError('this email is already registered'));
    await tsuruAs(emu).post('/1.0/users').type('form').send({ email: 'not an email', password: 'x' }).expect(400);
  });

  test('user-list with the empty filters the CLI sends, and by email', async () => {
    const all = await tsuruAs(emu).get('/1.0/users?userEmail=&role=&context=').expect(200);
    expect(all.body.map((u: { email: string }) => u.email)).toEqual([ADMIN_EMAIL]);
    const none = await tsuruAs(emu).get('/1.0/users?userEmail=x@y.z').expect(200);
    expect(none.body).toEqual([]);
  });

  test('change-password: old, new and confirm; the new one logs in, a mismatch is a 400', async () => {
    await tsuruAs(emu).put('/1.0/users/password').type('form').send({ old: 'polypaas', new: 'n1', confirm: 'n2' }).expect(400);
    await tsuruAs(emu).put('/1.0/users/password').type('form').send({ old: 'wrong', new: 'n1', confirm: 'n1' }).expect(400);
    await tsuruAs(emu).put('/1.0/users/password').type('form').send({ old: 'polypaas', new: 'newpass1', confirm: 'newpass1' }).expect(200);
    await tsuruAnonymous(emu).post(`/1.0/users/${ADMIN_EMAIL}/tokens`).type('form').send({ password: 'newpass1' }).expect(200);
  });

  test('token-show and token-regenerate: the API key as a JSON string', async () => {
    const shown = await tsuruAs(emu).get('/1.0/users/api-key').expect(200);
    expect(shown.body).toBe(ADMIN_TOKEN);
    const fresh = await tsuruAs(emu).post('/1.0/users/api-key').expect(200);
    expect(fresh.body).not.toBe(ADMIN_TOKEN);
    await tsuruAs(emu, fresh.body).get('/1.0/users/info').expect(200);
    await tsuruAs(emu).get('/1.0/users/info').expect(401);
  });

  test('user-quota-view: apps owned, no limit', async () => {
    expect((await tsuruAs(emu).get(`/1.0/users/${ADMIN_EMAIL}/quota`).expect(200)).body).toEqual({ inuse: 0, limit: -1 });
    await tsuruAs(emu).get('/1.0/users/nobody@example.com/quota').expect(404);
  });
});

describe('password reset', () => {
  test('a request makes a token (the event log is the mailbox); the token sets a new password, once', async () => {
    await tsuruAs(emu).post(`/1.0/users/${ADMIN_EMAIL}/password`).expect(200);
    const [request] = (await tsuruAs(emu).get('/1.1/events?kindname=user.password.reset-request').expect(200)).body;
    const { token } = JSON.parse(request.StartCustomData.Data);
    await tsuruAs(emu).post(`/1.0/users/${ADMIN_EMAIL}/password?token=wrong`).expect(400);
    await tsuruAs(emu).post(`/1.0/users/${ADMIN_EMAIL}/password?token=${token}`).expect(200);
    const [reset] = (await tsuruAs(emu).get('/1.1/events?kindname=user.password.reset').expect(200)).body;
    const { password } = JSON.parse(reset.StartCustomData.Data);
    await tsuruAnonymous(emu).post(`/1.0/users/${ADMIN_EMAIL}/tokens`).type('form').send({ password }).expect(200);
    const again = await tsuruAs(emu).post(`/1.0/users/${ADMIN_EMAIL}/password`).type('form').send({ token }).expect(400);
    expect(again.text).toBe(plainError('invalid token'));
    await tsuruAs(emu).post('/1.0/users/nobody@example.com/password').expect(404);
  });
});
