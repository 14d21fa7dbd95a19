import { stateOf } from '../../helpers/emulator';
import { CLUSTER, medstackAs, withMedstackEmulator } from '../../helpers/medstack';

const emu = withMedstackEmulator({ nodeDurations: { provisionMs: 3000, resizeMs: 2000, rebootMs: 1000, deleteMs: 1000 } });
const NODES = `${CLUSTER}/nodes`;

const createNode = async () => (await medstackAs(emu).post(NODES).send({ size_id: 'node_size_small' }).expect(202)).body;
const status = async (id: string) => (await medstackAs(emu).get(`${NODES}/${id}`).expect(202)).body.status;

test('node sizes come from the catalogue', async () => {
  const res = await medstackAs(emu).get(`${CLUSTER}/node-sizes`).expect(200);
  expect(res.body.object).toBe('list');
  expect(res.body.data[0]).toEqual({ id: 'node_size_small', object: 'node_size', title: 'Small (2 vCPU, 4 GB)', vcpu: 2, memory: 4 });
});

test('a new node is provisioning, then running once its time has passed', async () => {
  const node = await createNode();
  expect(node).toEqual({
    id: expect.any(String), object: 'node', status: 'provisioning', public_ip_address: expect.stringMatching(/^203\.0\.113\.\d+$/),
    swarm_manager: true, size: 'node_size_small', operating_system: { type: 'linux', distribution: 'ubuntu', version: '22.04' },
  });
  emu.clock.advance(2999);
  expect(await status(node.id)).toBe('provisioning');
  emu.clock.advance(1);
  expect(await status(node.id)).toBe('running');
  const second = await createNode();
  expect(second.swarm_manager).toBe(false);
  expect((await medstackAs(emu).get(NODES).expect(200)).body.data.map((n: { id: string }) => n.id)).toEqual([node.id, second.id]);
});

test('resize takes the new size when it settles', async () => {
  const node = await createNode();
  emu.clock.advance(3000);
  const resizing = await medstackAs(emu).patch(`${NODES}/${node.id}`).send({ size_id: 'node_size_large' }).expect(202);
  expect(resizing.body).toMatchObject({ status: 'resizing', size: 'node_size_small' });
  emu.clock.advance(2000);
  expect((await medstackAs(emu).get(`${NODES}/${node.id}`).expect(202)).body).toMatchObject({ status: 'running', size: 'node_size_large' });
});

test('reboot, then delete: the node is gone once deleting settles', async () => {
  const node = await createNode();
  emu.clock.advance(3000);
  await medstackAs(emu).post(`${NODES}/${node.id}/reboot`).expect(202).then((r) => expect(r.body.status).toBe('rebooting'));
  emu.clock.advance(1000);
  expect(await status(node.id)).toBe('running');
  await medstackAs(emu).delete(`${NODES}/${node.id}`).expect(202).then((r) => expect(r.body.status).toBe('deleting'));
  emu.clock.advance(1000);
  await medstackAs(emu).get(`${NODES}/${node.id}`).expect(404, { code: 404, type: 'not_found', message: 'Node not found' });
});

test('a node that is busy refuses another operation with 409 and changes nothing', async () => {
  const node = await createNode();
  const before = await stateOf(emu);
  for (const send of [
    () => medstackAs(emu).post(`${NODES}/${node.id}/reboot`),
    () => medstackAs(emu).delete(`${NODES}/${node.id}`),
    () => medstackAs(emu).patch(`${NODES}/${node.id}`).send({ size_id: 'node_size_large' }),
  ]) {
    const res = await send().expect(409);
    expect(res.body).toEqual({ code: 409, type: 'conflict error', message: 'The node is provisioning; try again once it is running' });
  }
  expect(await stateOf(emu)).toEqual(before);
});

test('sizes are checked', async () => {
  const res = await medstackAs(emu).post(NODES).send({ size_id: 'node_size_huge' }).expect(400);
  expect(res.body).toEqual({ code: 400, type: 'invalid_request_error', param: 'size_id', message: 'No node size node_size_huge in this cluster', size_id: 'No node size node_size_huge in this cluster' });
  const missing = await medstackAs(emu).post(NODES).send({}).expect(400);
  expect(missing.body).toMatchObject({ param: 'size_id', message: 'is required' });
  const wrongType = await medstackAs(emu).post(NODES).send({ size_id: 5 }).expect(400);
  expect(wrongType.body).toEqual({ code: 400, type: 'invalid_request_error', param: 'size_id', message: 'must be a string', size_id: 'must be a string' });
});

test('unknown nodes are 404s', async () => {
  await medstackAs(emu).get(`${NODES}/nope`).expect(404);
  await medstackAs(emu).post(`${NODES}/nope/reboot`).expect(404);
});
