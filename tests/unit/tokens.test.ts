import { testCore, codeOf } from './helpers';

test('a reusing login hands back the user\'s one login token, never its API token; a new-token login makes one each time', () => {
  const { core } = testCore();
  const first = core.principals.login('admin', 'polypaas', 'reuse');
  expect(first).not.toBe('polypaas-admin-token');
  expect(core.principals.login('admin', 'polypaas', 'reuse')).toBe(first);
  const sessions = [core.principals.login('admin', 'polypaas', 'new'), core.principals.login('admin', 'polypaas', 'new')];
  expect(new Set([first, ...sessions]).size).toBe(3);
  expect(codeOf(() => core.principals.login('admin', 'wrong', 'new'))).toBe('auth.bad_credentials');
});

test('a logout revokes exactly the token it was called with', () => {
  const { core } = testCore();
  const session = core.principals.login('admin', 'polypaas', 'new');
  const other = core.principals.login('admin', 'polypaas', 'new');
  core.principals.logout(core.principals.resolveToken(session)!);
  expect(core.principals.resolveToken(session)).toBeUndefined();
  expect(core.principals.resolveToken(other)?.username).toBe('admin');
  expect(core.principals.resolveToken('polypaas-admin-token')?.username).toBe('admin');
});

test('a team token acts as a member of its tenant and expires when told', () => {
  const { core, clock, as } = testCore({ tenants: [{ id: 'team', name: 'Team', tokens: ['team-token'] }], clusters: [{ id: 'tc', tenant: 'team', name: 'c' }] });
  const team = core.principals.resolveToken('team-token')!;
  expect(team).toMatchObject({ userId: null, homeTenantId: 'team', roles: new Map([['team', 'member']]) });
  expect(core.apps.create(team, { name: 'by-team' })).toMatchObject({ tenantId: 'team', ownerId: null });
  expect(codeOf(() => core.apps.get(as('admin'), 'by-team'))).toBe('app.not_found');
  expect(codeOf(() => core.keys.list(team))).toBe('access.denied');

  const soon = new Date(clock.now().getTime() + 1000).toISOString();
  core.ctx.store.tx(() => core.principals.issueToken({ tenantId: 'team', kind: 'team', token: 'short', expiresAt: soon }));
  expect(core.principals.resolveToken('short')).toBeDefined();
  clock.advance(1000);
  expect(core.principals.resolveToken('short')).toBeUndefined();
});

test('Basic credentials take the password or one of the user\'s own tokens, never another\'s', () => {
  const { core } = testCore({ users: [{ username: 'other', password: 'p', tokens: ['other-token'] }] });
  expect(core.principals.resolveBasic('admin', 'polypaas')?.username).toBe('admin');
  expect(core.principals.resolveBasic('admin', 'polypaas-admin-token')?.token).toBe('polypaas-admin-token');
  expect(core.principals.resolveBasic('admin', 'other-token')).toBeUndefined();
});

test('resolved credentials are remembered while no user, token or membership changes, and never past expiry', () => {
  const { core, clock } = testCore({ users: [{ username: 'other', password: 'p', tokens: ['other-token'] }] });
  const session = core.principals.login('admin', 'polypaas', 'new');
  const expiring = core.principals.issueToken({ userId: 1, kind: 'api', expiresAt: new Date(clock.now().getTime() + 1000).toISOString() });
  const admin = core.principals.resolveToken(session)!;
  const basic = core.principals.resolveBasic('other', 'p')!;
  expect(core.principals.resolveToken(expiring)?.username).toBe('admin');
  // A write elsewhere (a new app) leaves them standing: the very same answers, from memory.
  core.apps.create(admin, { name: 'written' });
  expect(core.principals.resolveToken(session)).toBe(admin);
  expect(core.principals.resolveBasic('other', 'p')).toBe(basic);
  // A role change, a password change and a revocation are each seen at once.
  const other = core.principals.findByUsername('other');
  core.principals.join(other.id, admin.homeTenantId, 'admin');
  expect(core.principals.resolveBasic('other', 'p')?.roles.get(admin.homeTenantId)).toBe('admin');
  core.accounts.changePassword(core.principals.resolveBasic('other', 'p')!, { current: 'p', next: 'p-2' });
  expect(core.principals.resolveBasic('other', 'p')).toBeUndefined();
  expect(core.principals.resolveBasic('other', 'p-2')?.username).toBe('other');
  core.principals.logout(core.principals.resolveToken(session)!);
  expect(core.principals.resolveToken(session)).toBeUndefined();
  clock.advance(1500);
  expect(core.principals.resolveToken(expiring)).toBeUndefined();
});
