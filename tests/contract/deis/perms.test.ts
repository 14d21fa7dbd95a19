import { deisAs, registerAndLogin, withDeisEmulator } from '../../helpers/deis';

const emu = withDeisEmulator();
let alice: string;
let bob: string;
beforeEach(async () => {
  alice = await registerAndLogin(emu, 'alice');
  bob = await registerAndLogin(emu, 'bob');
  await deisAs(emu, alice).post('/v1/apps/').send({ id: 'shared' }).expect(201);
});

describe('app perms', () => {
  test('grant, list, revoke (DELETE, not the POST the reference shows)', async () => {
    await deisAs(emu, alice).get('/v1/apps/shared/perms/').expect(200, { users: [] });
    await deisAs(emu, alice).post('/v1/apps/shared/perms/').send({ username: 'bob' }).expect(201);
    await deisAs(emu, bob).get('/v1/apps/shared/perms/').expect(200, { users: ['bob'] });
    await deisAs(emu, bob).post('/v1/apps/shared/config/').send({ values: { BOB: 'was here' } }).expect(201);
    await deisAs(emu, alice).delete('/v1/apps/shared/perms/bob').expect(204);
    await deisAs(emu, bob).get('/v1/apps/shared').expect(403);
    await deisAs(emu, alice).delete('/v1/apps/shared/perms/bob/').expect(404);
    await deisAs(emu, alice).post('/v1/apps/shared/perms/bob').expect(405, { detail: "Method 'POST' not allowed." });
  });

  test('only the owner or a superuser shares', async () => {
    await deisAs(emu, bob).post('/v1/apps/shared/perms/').send({ username: 'bob' }).expect(403);
    await deisAs(emu).post('/v1/apps/shared/perms/').send({ username: 'bob' }).expect(201);
    await deisAs(emu, bob).delete('/v1/apps/shared/perms/bob').expect(403);
  });

  test('unknown users and apps are 404s; username is required', async () => {
    await deisAs(emu, alice).post('/v1/apps/shared/perms/').send({ username: 'ghost' }).expect(404);
    await deisAs(emu, alice).post('/v1/apps/nope/perms/').send({ username: 'bob' }).expect(404);
    await deisAs(emu, alice).post('/v1/apps/shared/perms/').send({}).expect(400, { username: ['This field is required.'] });
  });
});

describe('admin perms', () => {
  test('superusers list, grant and revoke superuser status', async () => {
    const list = await deisAs(emu).get('/v1/admin/perms/').expect(200);
    expect(list.body).toEqual({ count: 1, next: null, previous: null, results: [{ username: 'admin', is_superuser: true }] });
    await deisAs(emu).post('/v1/admin/perms/').send({ username: 'alice' }).expect(201);
    await deisAs(emu, alice).get('/v1/admin/perms').expect(200);
    await deisAs(emu, alice).get('/v1/apps').expect(200);
    await deisAs(emu).delete('/v1/admin/perms/alice').expect(204);
    await deisAs(emu, alice).get('/v1/admin/perms').expect(403);
  });

  test('others get a 403; unknown users a 404', async () => {
    await deisAs(emu, bob).get('/v1/admin/perms/').expect(403, { detail: 'You do not have permission to perform this action.' });
    await deisAs(emu, bob).post('/v1/admin/perms/').send({ username: 'bob' }).expect(403);
    await deisAs(emu).post('/v1/admin/perms/').send({ username: 'ghost' }).expect(404);
    await deisAs(emu).delete('/v1/admin/perms/ghost').expect(404);
  });
});
