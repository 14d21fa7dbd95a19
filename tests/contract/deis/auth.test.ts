import request from 'supertest';
import { ADMIN_TOKEN, startTestEmulator } from '../../helpers/emulator';
import { deisAnonymous, deisAs, registerAndLogin, withDeisEmulator } from '../../helpers/deis';

const emu = withDeisEmulator();

describe('register', () => {
  test('creates a user (not a superuser: the fixture admin came first)', async () => {
    const res = await deisAnonymous(emu).post('/v1/auth/register/')
      .send({ username: 'test', password: 'opensesame', email: 'test@example.com', first_name: 'test', last_name: 'testerson' })
      .expect(201).expect('Content-Type', 'application/json');
    expect(res.body).toEqual({
      id: expect.any(Number), last_login: null, is_superuser: false, username: 'test', first_name: 'test',
      last_name: 'testerson', email: 'test@example.com', is_staff: false, is_active: true,
      date_joined: '2014-01-01T00:00:00.000Z', groups: [], user_permissions: [],
    });
  });

  test('the first user of an empty store is a superuser', async () => {
    const empty = await startTestEmulator({ fixtures: { tenants: [{ id: 't', name: 't', default: true }], clusters: [{ id: 'c', tenant: 't', name: 'c' }] } });
    try {
      const first = await deisAnonymous(empty).post('/v1/auth/register/').send({ username: 'first', password: 'p' }).expect(201);
      expect(first.body).toMatchObject({ is_superuser: true, is_staff: true });
      const second = await deisAnonymous(empty).post('/v1/auth/register/').send({ username: 'second', password: 'p' }).expect(201);
      expect(second.body.is_superuser).toBe(false);
    } finally {
      await empty.close();
    }
  });

  test('accepts a form body', async () => {
    await deisAnonymous(emu).post('/v1/auth/register').type('form').send({ username: 'formuser', password: 'p' }).expect(201);
  });

  test.each([
    [{ password: 'p' }, { username: ['This field is required.'] }],
    [{ username: 'x' }, { password: ['This field is required.'] }],
    [{ username: 'bad name!', password: 'p' }, { username: ['Enter a valid username.'] }],
    [{ username: 'admin', password: 'p' }, { username: ['User with this Username already exists.'] }],
    [{ username: 'u', password: 'p', email: 'nope' }, { email: ['Enter a valid email address.'] }],
  ])('rejects %j', async (body, errors) => {
    const res = await deisAnonymous(emu).post('/v1/auth/register/').send(body).expect(400);
    expect(res.body).toEqual(errors);
  });
});

describe('login', () => {
  test("returns the user's one login token every time, from JSON, form or multipart, never the fixture's API token", async () => {
    const anon = deisAnonymous(emu);
    const json = await anon.post('/v1/auth/login/').send({ username: 'admin', password: 'polypaas' }).expect(200);
    expect(json.body).toEqual({ token: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(json.body.token).not.toBe(ADMIN_TOKEN);
    const form = await anon.post('/v1/auth/login/').type('form').send({ username: 'admin', password: 'polypaas' }).expect(200);
    expect(form.body.token).toBe(json.body.token);
    const multipart = await anon.post('/v1/auth/login/').field('username', 'admin').field('password', 'polypaas').expect(200);
    expect(multipart.body.token).toBe(json.body.token);
    await deisAs(emu, json.body.token).get('/v1/apps').expect(200);
    await deisAs(emu, ADMIN_TOKEN).get('/v1/apps').expect(200);
  });

  test('a new user gets a new 40-character token that works', async () => {
    const token = await registerAndLogin(emu, 'newbie');
    expect(token).toMatch(/^[0-9a-f]{40}$/);
    await deisAs(emu, token).get('/v1/').expect(200, {});
  });

  test('bad credentials are a 400 with non_field_errors', async () => {
    const res = await deisAnonymous(emu).post('/v1/auth/login/').send({ username: 'admin', password: 'wrong' }).expect(400);
    expect(res.body).toEqual({ non_field_errors: ['Unable to log in with provided credentials.'] });
    await deisAnonymous(emu).post('/v1/auth/login/').send({ username: 'ghost', password: 'x' }).expect(400);
  });

  test('missing fields are field errors', async () => {
    const res = await deisAnonymous(emu).post('/v1/auth/login/').send({}).expect(400);
    expect(res.body).toEqual({ username: ['This field is required.'], password: ['This field is required.'] });
  });

  test('the trailing slash is required', async () => {
    const res = await request(emu.urls.deis!).post('/v1/auth/login').send({ username: 'admin', password: 'polypaas' }).expect(404);
    expect(res.headers['content-type']).toBe('text/html');
    expect(res.text).toContain('/v1/auth/login');
  });
});

describe('token authentication', () => {
  test('GET /v1/ needs a token', async () => {
    const res = await deisAnonymous(emu).get('/v1/').expect(401).expect('WWW-Authenticate', 'Token');
    expect(res.body).toEqual({ detail: 'Authentication credentials were not provided.' });
    await deisAs(emu).get('/v1/').expect(200, {});
  });

  test('the keyword is case-insensitive', async () => {
    await request(emu.urls.deis!).get('/v1/apps').set('Authorization', 'Token polypaas-admin-token').expect(200);
    await request(emu.urls.deis!).get('/v1/apps').set('Authorization', 'TOKEN polypaas-admin-token').expect(200);
  });

  test.each([
    ['token nope', 'Invalid token'],
    ['token', 'Invalid token header. No credentials provided.'],
    ['token a b', 'Invalid token header. Token string should not contain spaces.'],
    ['Bearer polypaas-admin-token', 'Authentication credentials were not provided.'],
  ])('%s is a 401: %s', async (header, detail) => {
    const res = await request(emu.urls.deis!).get('/v1/apps').set('Authorization', header).expect(401);
    expect(res.body).toEqual({ detail });
    expect(res.headers['www-authenticate']).toBe('Token');
  });
});

describe('passwd and cancel', () => {
  test('changes the password', async () => {
    const token = await registerAndLogin(emu, 'pat', 'old');
    const res = await deisAs(emu, token).post('/v1/auth/passwd/').send({ password: 'old', new_password: 'new' }).expect(200);
    expect(res.body).toEqual({ status: 'password set' });
    await deisAnonymous(emu).post('/v1/auth/login/').send({ username: 'pat', password: 'old' }).expect(400);
    await deisAnonymous(emu).post('/v1/auth/login/').send({ username: 'pat', password: 'new' }).expect(200);
  });

  test('refuses a wrong current password', async () => {
    const token = await registerAndLogin(emu, 'pat', 'old');
    const res = await deisAs(emu, token).post('/v1/auth/passwd/').send({ password: 'nope', new_password: 'new' }).expect(400);
    expect(res.body).toEqual({ detail: 'Current password does not match' });
    await deisAs(emu, token).post('/v1/auth/passwd/').send({ password: 'old' }).expect(400, { new_password: ['This field is required.'] });
  });

  test("cancel deletes the account and its token; its apps stay with the tenant, without an owner", async () => {
    const token = await registerAndLogin(emu, 'leaver');
    await deisAs(emu, token).post('/v1/apps/').send({ id: 'leaver-app' }).expect(201);
    await deisAs(emu, token).delete('/v1/auth/cancel/').expect(204);
    await deisAs(emu, token).get('/v1/apps').expect(401);
    const app = await deisAs(emu).get('/v1/apps/leaver-app').expect(200);
    expect(app.body.owner).toBe('');
    await deisAnonymous(emu).post('/v1/auth/login/').send({ username: 'leaver', password: 'secret' }).expect(400);
  });
});
