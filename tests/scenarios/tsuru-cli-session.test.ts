import request from 'supertest';
import { noSpecViolations, startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { cliRequests, type CliRequest } from '../helpers/tsuruCliRequests';
import { PYTHON_APP, tarGz } from '../helpers/tsuru';

/**
 * tsuru-client 1.7.2's own session (cli-1.7.2-requests.txt), request for request: the same methods,
 * versioned paths, query strings, forms, JSON bodies and chunked multipart deploys, with the bearer
 * token the login handed out. Each reply must be what the client decodes: arrays for lists, {"token"}
 * for login, a JSON string for the API key, streams of {"Message","Timestamp"} lines, and deploy logs
 * ending in "\nOK\n". Every reply is checked against the spec (strict mode).
 *
 * The recording answered each command alone, so its order is not a session a real server could
 * follow end to end. Two moves make it one, and every request is still sent: the three deploys run
 * before the unit commands (units need a deployed app), and app-remove runs after the last command
 * that reads myapp (app-quota-view). The team `otherteam` that app-grant names is created first.
 */
const RECORDED = cliRequests();
const commands = [...new Set(RECORDED.map((r) => r.command))];
const requestsOf = (command: string) => RECORDED.filter((r) => r.command === command);

const moved = (prefix: string) => commands.filter((c) => c.startsWith(prefix));
const DEPLOYS = moved('tsuru-client app-deploy -a');
const REMOVE = moved('tsuru-client app-remove');
const ORDER = commands.filter((c) => !DEPLOYS.includes(c) && !REMOVE.includes(c)).flatMap((c) => [
  ...(c === 'tsuru-client unit-add 2 -a myapp' ? DEPLOYS : []),
  c,
  ...(c.startsWith('tsuru-client app-quota-view') ? REMOVE : []),
]);

/** What the recording shows elided (`...(400 chars)`): a whole key of the same kind. */
const SSH_KEY = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCNx2v8 admin@polypaas-test';

/** The only refusal left: the session never removes myapp2, so myteam still owns an app. */
const EXPECTED_STATUS: Record<string, number> = { 'tsuru-client team-remove myteam -y': 403 };

let emu: TestEmulator;
beforeAll(async () => { emu = await startTestEmulator(); });
afterAll(() => emu.close());

function send(r: CliRequest, token: string | undefined, previous: request.Response[]) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(r.query)) for (const v of [value].flat()) search.append(name, v);
  let call = request(emu.urls.tsuru!)[r.method.toLowerCase() as 'get'](`${r.path}${search.size || r.path === '/1.0/apps' ? `?${search}` : ''}`)
    .set('X-Tsuru-Verbosity', '0');
  if (token && r.path !== '/1.0/auth/scheme') call = call.set('Authorization', `bearer ${token}`);
  call = call.expect(noSpecViolations);
  const body = r.body;
  if (body.kind === 'json') return call.send(body.value as object);
  if (body.kind === 'multipart') {
    const withMessage = body.fieldNames.includes('message') ? call.field('message', 'release 1') : call;
    return withMessage.field('origin', 'app-deploy').attach('file', tarGz(PYTHON_APP), { filename: 'archive.tar.gz', contentType: 'application/octet-stream' });
  }
  if (body.kind !== 'form') return call;
  const fields = body.fields.map(([k, v]): [string, string] => {
    if (k === 'key') return [k, SSH_KEY];
    // unit-set reads the app first and sends the difference to the count it wants (3 web units).
    if (r.command.startsWith('tsuru-client unit-set') && k === 'units') {
      const web = (previous.at(-1)!.body.units as { processname: string }[]).filter((u) => u.processname === 'web').length;
      return [k, String(3 - web)];
    }
    return [k, v];
  });
  return call.type('form').send(new URLSearchParams(fields).toString());
}

const streamLines = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line));

/** What tsuru-client decodes from each reply, by content type and path. */
function checkDecodable(r: CliRequest, res: request.Response): void {
  const type = res.headers['content-type'] ?? '';
  expect(res.headers['supported-tsuru']).toBe('1.0.1');
  if (r.path.endsWith('/deploy')) {
    expect(type).toBe('text');
    expect(res.text.endsWith('\nOK\n')).toBe(true);
  } else if (type === 'application/x-json-stream') {
    for (const line of streamLines(res.text)) {
      if (r.path.endsWith('/log')) expect(Array.isArray(line)).toBe(true);
      else expect(line).toEqual({ Message: expect.any(String), Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/) });
    }
  } else if (r.path.endsWith('/tokens') && r.method === 'POST' && r.path.startsWith('/1.0/users/')) {
    expect(res.body).toEqual({ token: expect.any(String), is_admin: true });
  } else if (r.path === '/1.0/users/api-key') {
    expect(typeof res.body).toBe('string');
  } else if (res.status === 200 && type.startsWith('application/json') && r.method === 'GET') {
    const lists = ['/1.0/apps', '/1.0/services/instances', '/1.4/volumes', '/1.0/platforms', '/1.0/pools', '/1.0/plans', '/1.3/routers',
      '/1.0/users', '/1.0/roles', '/1.0/permissions', '/1.1/events', '/1.6/tokens', '/1.0/deploys', '/1.0/teams', '/1.0/services'];
    const isList = lists.includes(r.path) || r.path.endsWith('/env');
    expect(Array.isArray(res.body)).toBe(isList);
  }
}

test('every request of the recording, as the client sends it, answered as the client decodes it', async () => {
  await request(emu.urls.tsuru!).post('/1.0/teams').set('Authorization', 'bearer polypaas-admin-token').send({ name: 'otherteam' }).expect(201);
  let token: string | undefined;
  const seen: string[] = [];
  for (const command of ORDER) {
    const previous: request.Response[] = [];
    for (const r of requestsOf(command)) {
      const res = await send(r, token, previous);
      seen.push(`${r.method} ${r.path}`);
      const expected = EXPECTED_STATUS[command];
      if (expected ? res.status !== expected : res.status >= 300) {
        throw new Error(`${command}: ${r.method} ${r.path} answered ${res.status} ${res.text}`);
      }
      if (res.status < 300) checkDecodable(r, res);
      if (r.path.endsWith('/tokens') && r.method === 'POST' && r.path.startsWith('/1.0/users/')) token = res.body.token;
      previous.push(res);
    }
  }
  expect(seen).toHaveLength(RECORDED.length);
  // The logout at the end revoked the session's token.
  await request(emu.urls.tsuru!).get('/1.0/users/info').set('Authorization', `bearer ${token}`).expect(401);
});

test('the session left the state it describes', async () => {
  // token-regenerate replaced the fixture's API key, and change-password the password: log in anew.
  await request(emu.urls.tsuru!).get('/1.0/users/info').set('Authorization', 'bearer polypaas-admin-token').expect(401);
  const login = await request(emu.urls.tsuru!).post('/1.0/users/admin@polypaas.local/tokens').type('form').send('password=newpass1').expect(200);
  const admin = (path: string) => request(emu.urls.tsuru!).get(path).set('Authorization', `bearer ${login.body.token}`);
  const { body: info } = await admin('/1.0/apps/myapp2').expect(200);
  expect(info).toMatchObject({ description: 'a description', plan: { name: 'small' }, router: 'myrouter', routeropts: { a: 'b' }, tags: ['tag1'] });
  await admin('/1.0/apps/myapp').expect(404);
  const kinds = (await admin('/1.1/events?target.value=myapp&limit=100').expect(200)).body.map((e: { Kind: { Name: string } }) => e.Kind.Name);
  expect(kinds).toEqual(expect.arrayContaining(['app.create', 'app.deploy', 'app.update.env.set', 'app.update.env.unset',
    'app.update.unit.add', 'app.update.unit.remove', 'app.stop', 'app.start', 'app.restart', 'app.update.bind', 'app.update.unbind',
    'app.update.cname.add', 'app.update.cname.remove', 'app.delete']));
  await admin('/1.7/tokens/mytoken').expect(404);
  expect((await admin('/1.0/users?userEmail=bob@example.com').expect(200)).body).toHaveLength(1);
});
