import request from 'supertest';
import { DEFAULT_ADMIN_TOKEN } from '../../src/http/adminAccess';
import { startCli, stopCli, type RunningCli } from '../helpers/cli';
import { startTestEmulator } from '../helpers/emulator';
import { medstackAs, CLUSTER } from '../helpers/medstack';
import { deisAnonymous } from '../helpers/deis';

/** Every admin route that reads or changes the state. */
const GUARDED: [method: 'get' | 'post' | 'delete', path: string][] = [
  ['get', '/_polypaas/state'], ['post', '/_polypaas/seed'], ['post', '/_polypaas/reset'], ['post', '/_polypaas/snapshot'],
  ['post', '/_polypaas/restore'], ['get', '/_polypaas/snapshots'], ['delete', '/_polypaas/snapshots/x'],
  ['get', '/_polypaas/requests'], ['get', '/_polypaas/webhooks/deliveries'],
];

const loopbackUrl = (url: string) => url.replace('//0.0.0.0:', '//127.0.0.1:');

describe('a CLI bound to 0.0.0.0', () => {
  let cli: RunningCli | undefined;
  afterEach(() => stopCli(cli));

  test('asked over loopback without the admin token, refuses every admin route but /health', async () => {
    cli = await startCli(['--host', '0.0.0.0', '--gateway-port', '0', '--deis-port', '0', '--medstack-port', '0']);
    const banner = cli.output.join('');
    expect(banner).toContain('listening on 0.0.0.0: every dialect and the admin API are reachable from the network');
    expect(banner).toContain(`admin API needs Authorization: Bearer ${DEFAULT_ADMIN_TOKEN}`);
    const gateway = loopbackUrl(cli.urls.gateway);
    await request(gateway).get('/_polypaas/health').expect(200);
    for (const [method, path] of GUARDED) {
      const res = await request(gateway)[method](path).send({ name: 'x', users: [{ username: 'evil', password: 'p', superuser: true, tokens: ['evil'] }] });
      expect([method, path, res.status]).toEqual([method, path, 401]);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="polypaas-admin"');
      expect(res.body.error).toMatch(/--admin-token/);
    }
    await request(gateway).get('/_polypaas/state').set('Authorization', 'Bearer wrong').expect(401);
    // The refused seed created nobody: its token works nowhere.
    await request(loopbackUrl(cli.urls.deis)).get('/v1/apps').set('Authorization', 'token evil').expect(401);
    const state = await request(gateway).get('/_polypaas/state').set('Authorization', `Bearer ${DEFAULT_ADMIN_TOKEN}`).expect(200);
    expect(state.body.users.map((u: { username: string }) => u.username)).toEqual(['admin']);
  });

  test('--admin-token replaces the default', async () => {
    cli = await startCli(['--host', '0.0.0.0', '--admin-token', 'team-secret', '--gateway-port', '0', '--deis-port', '0', '--medstack-port', '0']);
    const gateway = loopbackUrl(cli.urls.gateway);
    await request(gateway).post('/_polypaas/reset').set('Authorization', `Bearer ${DEFAULT_ADMIN_TOKEN}`).expect(401);
    await request(gateway).post('/_polypaas/reset').set('Authorization', 'Bearer team-secret').expect(200);
  });
});

test('on loopback the admin API is open, and the banner says so', async () => {
  const cli = await startCli(['--gateway-port', '0', '--deis-port', '0', '--medstack-port', '0']);
  try {
    expect(cli.output.join('')).toContain('admin API open without a token: loopback only');
    await request(cli.urls.gateway).get('/_polypaas/state').expect(200);
  } finally {
    await stopCli(cli);
  }
});

test('a token given on loopback is required there too', async () => {
  const emu = await startTestEmulator({ adminToken: 'given' });
  try {
    await request(emu.urls.gateway!).get('/_polypaas/state').expect(401);
    await request(emu.urls.gateway!).get('/_polypaas/state').set('Authorization', 'bearer given').expect(200);
  } finally {
    await emu.close();
  }
});

test('/state shows that secrets, tokens and password hashes exist, never their values', async () => {
  const emu = await startTestEmulator();
  try {
    await medstackAs(emu).post(`${CLUSTER}/secrets`).send({ name: 'db-password', data: 'hunter2-secret-value' }).expect(201);
    const login = await deisAnonymous(emu).post('/v1/auth/login/').send({ username: 'admin', password: 'polypaas' }).expect(200);
    const state = (await request(emu.urls.gateway!).get('/_polypaas/state').expect(200)).body;
    const text = JSON.stringify(state);
    const { hash } = emu.core.ctx.store.sqlite.prepare('SELECT password_hash AS hash FROM users').get() as { hash: string };
    for (const hidden of ['hunter2-secret-value', 'polypaas-admin-token', login.body.token, hash]) expect(text).not.toContain(hidden);
    expect(state.secrets).toEqual([expect.objectContaining({ name: 'db-password', value: '[redacted]' })]);
    expect(state.users).toEqual([expect.objectContaining({ username: 'admin', passwordHash: '[redacted]' })]);
    expect(state.tokens.length).toBeGreaterThanOrEqual(1);
    expect(state.tokens.every((t: { token: string }) => t.token === '[redacted]')).toBe(true);
  } finally {
    await emu.close();
  }
});
