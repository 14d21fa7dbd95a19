import { ADMIN_TOKEN, stateOf } from '../../helpers/emulator';
import { asV113Client, deisAnonymous, deisAs, registerAndLogin, withDeisEmulator } from '../../helpers/deis';

/**
 * Account commands of the last v1 client (1.13.4), sent as it sends them: JSON, its User-Agent, no
 * X-Deis-Version. The admin is the fixtures' superuser; bob and carol register as plain users.
 */
const emu = withDeisEmulator();
const as = (token = ADMIN_TOKEN) => asV113Client(deisAs(emu, token));
const loginOf = (username: string, password: string) =>
  deisAnonymous(emu).post('/v1/auth/login/').send({ username, password });

describe('deis auth:cancel --username', () => {
  test('a superuser cancels another account, and stays itself', async () => {
    await registerAndLogin(emu, 'bob');
    await deisAs(emu).post('/v1/apps/').send({ id: 'admins-app' }).expect(201);
    await as().delete('/v1/auth/cancel/').send({ username: 'bob' }).expect(204).expect('DEIS_API_VERSION', '1.7');
    await loginOf('bob', 'secret').expect(400);
    await as().get('/v1/apps/admins-app/').expect(200);
    expect((await as().get('/v1/apps/admins-app/')).body.owner).toBe('admin');
  });

  test('a plain user may not cancel someone else (403), but may name itself', async () => {
    const bob = await registerAndLogin(emu, 'bob');
    await registerAndLogin(emu, 'carol');
    const before = await stateOf(emu);
    await as(bob).delete('/v1/auth/cancel/').send({ username: 'carol' }).expect(403, { detail: 'You do not have permission to perform this action.' });
    await as(bob).delete('/v1/auth/cancel/').send({ username: 'admin' }).expect(403);
    expect(await stateOf(emu)).toEqual(before);
    await as(bob).delete('/v1/auth/cancel/').send({ username: 'bob' }).expect(204);
    await loginOf('bob', 'secret').expect(400);
    await loginOf('carol', 'secret').expect(200);
  });

  test('an unknown user is a 404, and nobody is deleted', async () => {
    const before = await stateOf(emu);
    await as().delete('/v1/auth/cancel/').send({ username: 'ghost' }).expect(404, { detail: 'Not found' });
    expect(await stateOf(emu)).toEqual(before);
  });

  test("without a username the caller's own account goes (all the 1.0 client can send)", async () => {
    const bob = await registerAndLogin(emu, 'bob');
    await deisAs(emu, bob).delete('/v1/auth/cancel').set('X-Deis-Version', '1.0').expect(204).expect('DEIS_API_VERSION', '1.0');
    await loginOf('bob', 'secret').expect(400);
  });
});

describe('deis auth:passwd --username', () => {
  test('a superuser sets another user\'s password without knowing the current one', async () => {
    await registerAndLogin(emu, 'bob');
    await as().post('/v1/auth/passwd/').send({ username: 'bob', new_password: 'x' }).expect(200, { status: 'password set' });
    await loginOf('bob', 'secret').expect(400);
    await loginOf('bob', 'x').expect(200);
    await loginOf('admin', 'polypaas').expect(200);
  });

  test('a superuser who gives a current password must give the right one', async () => {
    await registerAndLogin(emu, 'bob');
    await as().post('/v1/auth/passwd/').send({ username: 'bob', password: 'wrong', new_password: 'x' }).expect(400);
    await loginOf('bob', 'secret').expect(200);
  });

  test('a plain user changes only its own password, and needs the current one', async () => {
    const bob = await registerAndLogin(emu, 'bob');
    await registerAndLogin(emu, 'carol');
    await as(bob).post('/v1/auth/passwd/').send({ username: 'carol', new_password: 'x' }).expect(403);
    await as(bob).post('/v1/auth/passwd/').send({ new_password: 'x' }).expect(400);
    await as(bob).post('/v1/auth/passwd/').send({ password: 'secret', new_password: 'x' }).expect(200, { status: 'password set' });
    await loginOf('bob', 'x').expect(200);
    await loginOf('carol', 'secret').expect(200);
  });

  test('an unknown user is a 404; an empty new password a 400', async () => {
    await as().post('/v1/auth/passwd/').send({ username: 'ghost', new_password: 'x' }).expect(404);
    await registerAndLogin(emu, 'bob');
    const res = await as().post('/v1/auth/passwd/').send({ username: 'bob', new_password: '' }).expect(400);
    expect(res.body).toHaveProperty('new_password');
  });
});

describe('deis auth:regenerate', () => {
  test('a new token for the caller; the old one stops working', async () => {
    const bob = await registerAndLogin(emu, 'bob');
    const res = await as(bob).post('/v1/auth/tokens/').send({}).expect(200).expect('Content-Type', 'application/json');
    expect(res.body).toEqual({ token: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(res.body.token).not.toBe(bob);
    await as(bob).get('/v1/apps/').expect(401);
    await as(res.body.token).get('/v1/apps/').expect(200);
  });

  test('-u user: a superuser regenerates another user\'s token; the user logs in with the new one', async () => {
    const bob = await registerAndLogin(emu, 'bob');
    const res = await as().post('/v1/auth/tokens/').send({ username: 'bob' }).expect(200);
    await as(bob).get('/v1/apps/').expect(401);
    expect((await loginOf('bob', 'secret').expect(200)).body.token).toBe(res.body.token);
    await as().get('/v1/apps/').expect(200);
  });

  test('--all: every user gets a new token, the answer an empty JSON string', async () => {
    const bob = await registerAndLogin(emu, 'bob');
    const adminLogin = (await loginOf('admin', 'polypaas').expect(200)).body.token;
    const res = await as().post('/v1/auth/tokens/').send({ all: true }).expect(200).expect('Content-Type', 'application/json');
    expect(res.text).toBe('""');
    await as(bob).get('/v1/apps/').expect(401);
    await as(adminLogin).get('/v1/apps/').expect(401);
    await as().get('/v1/apps/').expect(401);
    const renewed = (await loginOf('bob', 'secret').expect(200)).body.token;
    await as(renewed).get('/v1/apps/').expect(200);
  });

  test('naming a user, or all, takes a superuser (403); the slash is required', async () => {
    const bob = await registerAndLogin(emu, 'bob');
    const before = await stateOf(emu);
    await as(bob).post('/v1/auth/tokens/').send({ username: 'bob' }).expect(403);
    await as(bob).post('/v1/auth/tokens/').send({ all: true }).expect(403);
    expect(await stateOf(emu)).toEqual(before);
    await as().post('/v1/auth/tokens/').send({ username: 'ghost' }).expect(404);
    const noSlash = await as(bob).post('/v1/auth/tokens').send({});
    expect(noSlash.status).toBe(404);
    expect(noSlash.headers['content-type']).toBe('text/html');
  });
});

describe('deis users:list', () => {
  test('a superuser lists every user, as the 1.13 UserSerializer shows them', async () => {
    await registerAndLogin(emu, 'bob');
    const res = await as().get('/v1/users/').expect(200);
    expect(res.body).toMatchObject({ count: 2, next: null, previous: null });
    expect(res.body.results.map((u: { username: string }) => u.username)).toEqual(['admin', 'bob']);
    expect(res.body.results[1]).toEqual({
      last_login: expect.any(String), is_superuser: false, username: 'bob', first_name: '', last_name: '',
      email: '', is_staff: false, is_active: true, date_joined: '2014-01-01T00:00:00.000Z', groups: [], user_permissions: [],
    });
  });

  test('anyone else is refused with 403; nobody signed in with 401', async () => {
    const bob = await registerAndLogin(emu, 'bob');
    await as(bob).get('/v1/users/').expect(403, { detail: 'You do not have permission to perform this action.' });
    await asV113Client(deisAnonymous(emu)).get('/v1/users/').expect(401);
  });
});
