import { SSH_KEY, deisAs, registerAndLogin, withDeisEmulator } from '../../helpers/deis';

const emu = withDeisEmulator({ app: 'example-go' });

describe('domains', () => {
  test('add, list, remove', async () => {
    const added = await deisAs(emu).post('/v1/apps/example-go/domains/').send({ domain: 'example.example.com' }).expect(201);
    expect(added.body).toEqual({
      app: 'example-go', created: '2014-01-01T00:00:00UTC', domain: 'example.example.com', owner: 'admin', updated: '2014-01-01T00:00:00UTC',
    });
    const list = await deisAs(emu).get('/v1/apps/example-go/domains/').expect(200);
    expect(list.body).toMatchObject({ count: 1, results: [added.body] });
    await deisAs(emu).delete('/v1/apps/example-go/domains/example.example.com').expect(204);
    await deisAs(emu).delete('/v1/apps/example-go/domains/example.example.com').expect(404);
    expect((await deisAs(emu).get('/v1/apps/example-go/domains/').expect(200)).body.count).toBe(0);
  });

  test.each([
    ['Not.Lowercase.com', 'Hostname does not look like a valid hostname. Only lowercase characters are allowed.'],
    ['*.wild.example.com', 'Adding a wildcard subdomain is currently not supported'],
  ])('rejects %s', async (domain, message) => {
    await deisAs(emu).post('/v1/apps/example-go/domains/').send({ domain }).expect(400, { domain: [message] });
  });

  test('a domain belongs to one app only', async () => {
    await deisAs(emu).post('/v1/apps/').send({ id: 'other' }).expect(201);
    await deisAs(emu).post('/v1/apps/example-go/domains/').send({ domain: 'shop.example.com' }).expect(201);
    await deisAs(emu).post('/v1/apps/other/domains/').send({ domain: 'shop.example.com' })
      .expect(400, { domain: ['The domain shop.example.com is already in use by another app'] });
  });
});

describe('keys', () => {
  test('add, list, get, remove', async () => {
    const added = await deisAs(emu).post('/v1/keys/').send({ id: 'admin@laptop', public: SSH_KEY }).expect(201);
    expect(added.body).toEqual({
      created: '2014-01-01T00:00:00UTC', id: 'admin@laptop', owner: 'admin', public: SSH_KEY,
      updated: '2014-01-01T00:00:00UTC', uuid: expect.any(String),
    });
    expect((await deisAs(emu).get('/v1/keys').expect(200)).body).toMatchObject({ count: 1, results: [added.body] });
    await deisAs(emu).get('/v1/keys/admin@laptop').expect(200, added.body);
    await deisAs(emu).delete('/v1/keys/admin@laptop').expect(204);
    await deisAs(emu).get('/v1/keys/admin@laptop').expect(404);
  });

  test('the key route is greedy: a trailing slash is part of the id', async () => {
    await deisAs(emu).post('/v1/keys/').send({ id: 'mykey', public: SSH_KEY }).expect(201);
    await deisAs(emu).get('/v1/keys/mykey/').expect(404);
    await deisAs(emu).get('/v1/keys/mykey').expect(200);
  });

  test('keys are private to their owner', async () => {
    const alice = await registerAndLogin(emu, 'alice');
    await deisAs(emu, alice).post('/v1/keys/').send({ id: 'k', public: SSH_KEY }).expect(201);
    expect((await deisAs(emu).get('/v1/keys').expect(200)).body.count).toBe(0);
    await deisAs(emu).get('/v1/keys/k').expect(404);
  });

  test.each([
    [{ id: 'k', public: 'not a key' }, { public: ["Key must look like '<type> <base64 key> [comment]', e.g. 'ssh-rsa AAAA... me@host'"] }],
    [{ public: SSH_KEY }, { id: ['This field is required.'] }],
    [{ id: 'k' }, { public: ['This field is required.'] }],
  ])('rejects %j', async (body, errors) => {
    await deisAs(emu).post('/v1/keys/').send(body).expect(400, errors);
  });

  test('duplicate names and duplicate key material are refused', async () => {
    await deisAs(emu).post('/v1/keys/').send({ id: 'k', public: SSH_KEY }).expect(201);
    await deisAs(emu).post('/v1/keys/').send({ id: 'k', public: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 other' })
      .expect(400, { detail: 'The fields owner, id must make a unique set.' });
    await deisAs(emu).post('/v1/keys/').send({ id: 'k2', public: SSH_KEY }).expect(400, { public: ['Key with this Public already exists.'] });
  });
});
