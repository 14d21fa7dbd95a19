import { stateOf } from '../../helpers/emulator';
import { plainError, tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

const emu = withTsuruEmulator({ team: 'myteam', app: 'myapp' });

const KEY = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCN admin@polypaas-test';
const OTHER_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGxx admin@laptop';

describe('team tokens', () => {
  test('token-create (JSON) → 201 with the token, which acts for its team until it expires', async () => {
    const created = await tsuruAs(emu).post('/1.6/tokens').send({ token_id: 'mytoken', description: 'ci token', expires_in: 3600, team: 'myteam' }).expect(201);
    expect(created.body).toMatchObject({
      token_id: 'mytoken', team: 'myteam', description: 'ci token', creator_email: 'admin@polypaas.local',
      created_at: '2014-01-01T00:00:00.000Z', expires_at: '2014-01-01T01:00:00.000Z',
    });
    await tsuruAs(emu, created.body.token).get('/1.0/apps/myapp').expect(200);
    emu.clock.advance(3600 * 1000 + 1);
    await tsuruAs(emu, created.body.token).get('/1.0/apps/myapp').expect(401);
  });

  test('token-list, token-info and token-delete', async () => {
    await tsuruAs(emu).get('/1.6/tokens').expect(204);
    await tsuruAs(emu).post('/1.6/tokens').send({ token_id: 'mytoken', team: 'myteam' }).expect(201);
    const list = await tsuruAs(emu).get('/1.6/tokens').expect(200);
    expect(list.body.map((t: { token_id: string }) => t.token_id)).toEqual(['mytoken']);
    const info = await tsuruAs(emu).get('/1.7/tokens/mytoken').expect(200);
    expect(info.body).toEqual(list.body[0]);
    await tsuruAs(emu).delete('/1.6/tokens/mytoken').expect(200);
    await tsuruAs(emu, info.body.token).get('/1.0/apps/myapp').expect(401);
    const gone = await tsuruAs(emu).get('/1.7/tokens/mytoken').expect(404);
    expect(gone.text).toBe(plainError('team token not found'));
  });

  test('a taken id is 409, a team the caller is not in 400, a negative expiry 400; nothing changes', async () => {
    await tsuruAs(emu).post('/1.6/tokens').send({ token_id: 'mytoken', team: 'myteam' }).expect(201);
    const before = await stateOf(emu);
    await tsuruAs(emu).post('/1.6/tokens').send({ token_id: 'mytoken', team: 'myteam' }).expect(409);
    await tsuruAs(emu).post('/1.6/tokens').send({ token_id: 'x', team: 'ghosts' }).expect(400);
    await tsuruAs(emu).post('/1.6/tokens').send({ token_id: 'y', team: 'myteam', expires_in: -5 }).expect(400);
    await tsuruAs(emu).post('/1.6/tokens').send({ token_id: 'z', team: 'myteam', expires_in: 'soon' }).expect(400);
    expect(await stateOf(emu)).toEqual(before);
  });
});

describe('SSH keys', () => {
  test('key-add (form with force=false), key-list as a map, key-remove', async () => {
    await tsuruAs(emu).post('/1.0/users/keys').type('form').send({ force: 'false', key: KEY, name: 'mykey' }).expect(200);
    expect((await tsuruAs(emu).get('/1.0/users/keys').expect(200)).body).toEqual({ mykey: KEY });
    const dup = await tsuruAs(emu).post('/1.0/users/keys').type('form').send({ force: 'false', key: OTHER_KEY, name: 'mykey' }).expect(409);
    expect(dup.text).toBe(plainError('key already exists'));
    await tsuruAs(emu).post('/1.0/users/keys').type('form').send({ force: 'true', key: OTHER_KEY, name: 'mykey' }).expect(200);
    expect((await tsuruAs(emu).get('/1.0/users/keys').expect(200)).body).toEqual({ mykey: OTHER_KEY });
    await tsuruAs(emu).delete('/1.0/users/keys/mykey').expect(200);
    expect((await tsuruAs(emu).get('/1.0/users/keys').expect(200)).body).toEqual({});
    await tsuruAs(emu).delete('/1.0/users/keys/mykey').expect(404);
  });

  test('a key that is no key, or no name, is a 400', async () => {
    await tsuruAs(emu).post('/1.0/users/keys').type('form').send({ key: 'hello', name: 'k' }).expect(400);
    await tsuruAs(emu).post('/1.0/users/keys').type('form').send({ key: KEY }).expect(400);
  });
});
