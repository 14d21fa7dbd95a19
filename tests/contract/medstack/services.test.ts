import { stateOf } from '../../helpers/emulator';
import { deisAs } from '../../helpers/deis';
import { CLUSTER, medstackAs, withMedstackEmulator } from '../../helpers/medstack';

const emu = withMedstackEmulator();
const SERVICES = `${CLUSTER}/services`;

beforeEach(async () => {
  await medstackAs(emu).post(`${CLUSTER}/volumes`).send({ name: 'data' }).expect(201);
  await medstackAs(emu).post(`${CLUSTER}/secrets`).send({ name: 'db-password', data: 's3cret' }).expect(201);
  await medstackAs(emu).post(`${CLUSTER}/configs`).send({ name: 'nginx-conf', data: 'server {}' }).expect(201);
});

const FULL = {
  name: 'my-app',
  image: 'redis',
  replicas: 2,
  command: 'redis-server',
  args: '--appendonly yes',
  hosts: ['my-app.example.com'],
  port: 6379,
  protocol: 'tcp',
  healthcheck_path: '/health',
  healthcheck_interval: 10,
  healthcheck_timeout: 3,
  secrets: [{ name: 'db-password', file_name: '/var/run/secrets/db', uid: '0', gid: '0', mode: '0400' }],
  configs: [{ name: 'nginx-conf', file_name: '/etc/nginx.conf', uid: '101', gid: '101', mode: '0440' }],
  mounts: [{ source: 'data', target: '/data', readonly: false }],
  environment_variables: [{ key: 'MYVAR1', value: 'some_value' }],
  placement_constraints: ['node.labels.size != small'],
  update_order: 'start-first',
  update_delay: 60,
  update_parallelism: 1,
  update_failure_action: 'rollback',
  update_max_failure_ratio: 0.33,
  update_monitor: 5,
  rollback_order: 'stop-first',
  rollback_delay: 0,
  rollback_parallelism: 2,
  rollback_failure_action: 'pause',
  rollback_max_failure_ratio: 0,
  rollback_monitor: 5,
};

const create = async (body: object = FULL) => (await medstackAs(emu).post(SERVICES).send(body).expect(201)).body;

test('create stores and returns every setting exactly', async () => {
  const service = await create();
  expect(service).toEqual({
    ...FULL,
    id: expect.any(String),
    object: 'service',
    secrets: [{ id: expect.any(String), name: 'db-password', file_name: '/var/run/secrets/db', uid: 0, gid: 0, mode: '0400' }],
    configs: [{ id: expect.any(String), name: 'nginx-conf', file_name: '/etc/nginx.conf', uid: 101, gid: 101, mode: '0440' }],
    mounts: [{ type: 'volume', source: 'data', target: '/data', readonly: false }],
  });
  await medstackAs(emu).get(`${SERVICES}/${service.id}`).expect(200, service);
  await medstackAs(emu).get(SERVICES).expect(200, { object: 'list', data: [service] });
});

test('a minimal service gets Docker Swarm defaults and one replica', async () => {
  const service = await create({ name: 'tiny', image: 'busybox' });
  expect(service).toMatchObject({
    replicas: 1, command: '', hosts: [], port: 0, secrets: [], mounts: [], environment_variables: [],
    update_order: 'stop-first', update_parallelism: 1, update_failure_action: 'pause', update_monitor: 5, rollback_failure_action: 'pause',
  });
});

test('replicas are tasks; scaling changes them', async () => {
  const service = await create();
  const tasks = async () => (await medstackAs(emu).get(`${CLUSTER}/tasks`).expect(200)).body.data;
  expect(await tasks()).toHaveLength(2);
  expect((await tasks())[0]).toEqual({
    id: expect.any(String), object: 'task', service_id: service.id, container_id: expect.stringMatching(/^[0-9a-f]{64}$/),
    status: { timestamp: '2014-01-01T00:00:00.000Z', state: 'running', message: 'started', error: null },
    desired_state: 'running', created_at: '2014-01-01T00:00:00.000Z',
  });
  await medstackAs(emu).patch(`${SERVICES}/${service.id}`).send({ replicas: 5 }).expect(201).then((r) => expect(r.body.replicas).toBe(5));
  expect(await tasks()).toHaveLength(5);
  await medstackAs(emu).patch(`${SERVICES}/${service.id}`).send({ replicas: 0 }).expect(201);
  expect(await tasks()).toHaveLength(0);
});

test('PATCH changes only what it names; PUT returns the rest to defaults', async () => {
  const service = await create();
  const patched = (await medstackAs(emu).patch(`${SERVICES}/${service.id}`).send({ port: 8080, environment_variables: [{ key: 'B', value: '2' }] }).expect(201)).body;
  expect(patched).toMatchObject({ port: 8080, command: 'redis-server', replicas: 2, environment_variables: [{ key: 'B', value: '2' }] });
  expect(patched.secrets).toHaveLength(1);
  const replaced = (await medstackAs(emu).put(`${SERVICES}/${service.id}`).send({ image: 'redis:7', replicas: 1 }).expect(201)).body;
  expect(replaced).toMatchObject({
    name: 'my-app', image: 'redis:7', replicas: 1, port: 0, command: '', secrets: [], configs: [], mounts: [],
    environment_variables: [], placement_constraints: [], update_order: 'stop-first',
  });
});

test('image and environment changes are releases of the same app through Deis', async () => {
  const service = await create();
  await medstackAs(emu).patch(`${SERVICES}/${service.id}`).send({ image: 'redis:7' }).expect(201);
  await medstackAs(emu).patch(`${SERVICES}/${service.id}`).send({ environment_variables: [{ key: 'MYVAR1', value: 'changed' }] }).expect(201);
  const releases = (await deisAs(emu).get('/v1/apps/my-app/releases').expect(200)).body.results;
  expect(releases.map((r: { version: number; summary: string }) => `v${r.version} ${r.summary}`)).toEqual([
    'v4 admin changed MYVAR1', 'v3 admin deployed redis:7', 'v2 admin deployed redis and admin added MYVAR1', 'v1 admin created initial release',
  ]);
  expect((await deisAs(emu).get('/v1/apps/my-app/config').expect(200)).body.values).toEqual({ MYVAR1: 'changed' });
});

test('refresh_image redeploys the same image: a new release and new tasks', async () => {
  const service = await create();
  const before = (await medstackAs(emu).get(`${CLUSTER}/tasks`).expect(200)).body.data.map((t: { id: string }) => t.id);
  const refreshed = await medstackAs(emu).post(`${SERVICES}/${service.id}/refresh_image`).expect(200);
  expect(refreshed.body.image).toBe('redis');
  const after = (await medstackAs(emu).get(`${CLUSTER}/tasks`).expect(200)).body.data.map((t: { id: string }) => t.id);
  expect(after).toHaveLength(2);
  expect(after.filter((id: string) => before.includes(id))).toEqual([]);
  expect((await deisAs(emu).get('/v1/apps/my-app/releases').expect(200)).body.count).toBe(3);
});

test('delete removes the service, its tasks and its mounts', async () => {
  const service = await create();
  await medstackAs(emu).delete(`${SERVICES}/${service.id}`).expect(204);
  await medstackAs(emu).get(`${SERVICES}/${service.id}`).expect(404, { code: 404, type: 'not_found', message: 'Service not found' });
  expect((await medstackAs(emu).get(`${CLUSTER}/tasks`).expect(200)).body.data).toEqual([]);
  const volumes = (await medstackAs(emu).get(`${CLUSTER}/volumes`).expect(200)).body.data;
  expect(volumes[0].service_usage).toEqual([]);
  await medstackAs(emu).delete(`${SERVICES}/${service.id}`).expect(404);
});

test.each([
  [{ image: 'x' }, 'name', 'is required'],
  [{ name: 'x' }, 'image', 'is required'],
  [{ name: 'Bad Name', image: 'x' }, 'name', 'must contain only lowercase letters, digits and dashes'],
  [{ name: 'x', image: 'x', replicas: 'two' }, 'replicas', 'must be an integer'],
  [{ name: 'x', image: 'x', mounts: [{ source: 'nope', target: '/x' }] }, 'mounts', 'No volume nope in this cluster'],
  [{ name: 'x', image: 'x', mounts: [{ source: 'data', target: 'relative' }] }, 'mounts', 'target must be an absolute path'],
  [{ name: 'x', image: 'x', secrets: [{ name: 'nope' }] }, 'secrets', 'No secret named nope in this cluster'],
  [{ name: 'x', image: 'x', secrets: [{ file_name: '/x' }] }, 'secrets', 'secrets.0.name is required'],
  [{ name: 'x', image: 'x', configs: [{ name: 'nginx-conf', uid: 'root' }] }, 'configs', 'configs must be a whole number such as "0"'],
  [{ name: 'x', image: 'x', configs: [{ name: 'nginx-conf', mode: 'rwx' }] }, 'configs', 'mode must be octal file permissions such as 0400, not rwx'],
  [{ name: 'x', image: 'x', update_order: 'sideways' }, 'update_order', 'must be one of: stop-first, start-first'],
  [{ name: 'x', image: 'x', environment_variables: [{ key: '1BAD', value: 'v' }] }, 'environment_variables', '1BAD is not a valid environment variable name'],
  [{ name: 'x', image: 'x', port: 70000 }, 'port', 'must be a port number from 0 to 65535'],
])('create %j is a 400 about %s, and changes nothing', async (body, param, message) => {
  const before = await stateOf(emu);
  const res = await medstackAs(emu).post(SERVICES).send(body).expect(400);
  expect(res.body).toEqual({ code: 400, type: 'invalid_request_error', param, message, [param]: message });
  expect(await stateOf(emu)).toEqual(before);
});

test('a taken name is a 409', async () => {
  await create({ name: 'twice', image: 'x' });
  const res = await medstackAs(emu).post(SERVICES).send({ name: 'twice', image: 'x' }).expect(409);
  expect(res.body).toEqual({ code: 409, type: 'conflict error', message: 'The service name twice is not available' });
});

test('unknown services are 404s for every operation', async () => {
  await medstackAs(emu).get(`${SERVICES}/nope`).expect(404);
  await medstackAs(emu).put(`${SERVICES}/nope`).send({}).expect(404);
  await medstackAs(emu).patch(`${SERVICES}/nope`).send({}).expect(404);
  await medstackAs(emu).post(`${SERVICES}/nope/refresh_image`).expect(404);
});
