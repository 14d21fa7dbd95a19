import { stateOf } from '../../helpers/emulator';
import { plainError, tsuruAs, withTsuruEmulator } from '../../helpers/tsuru';

const emu = withTsuruEmulator({ team: 'myteam', app: 'myapp' });

const info = async (app = 'myapp') => (await tsuruAs(emu).get(`/1.0/apps/${app}`).expect(200)).body;
const update = (body: string | object) => {
  const req = tsuruAs(emu).put('/1.0/apps/myapp');
  return typeof body === 'string' ? req.type('form').send(body) : req.send(body);
};

describe('metadata: labels and annotations', () => {
  test('stored at creation (JSON) and shown by app-info', async () => {
    await tsuruAs(emu).post('/1.0/apps').send({
      name: 'labelled', teamOwner: 'myteam',
      metadata: { labels: [{ name: 'tier', value: 'web' }], annotations: [{ name: 'example.com/owner', value: 'Ops team, room 4' }] },
    }).expect(201);
    expect((await info('labelled')).metadata).toEqual({
      labels: [{ name: 'tier', value: 'web' }], annotations: [{ name: 'example.com/owner', value: 'Ops team, room 4' }],
    });
  });

  test('a new app has none', async () => {
    expect((await info()).metadata).toEqual({ labels: [], annotations: [] });
  });

  test('update (the form): an item replaces the one of its name, a new one is added, `delete` removes one', async () => {
    await update('metadata.labels.0.name=tier&metadata.labels.0.value=web&metadata.labels.1.name=team&metadata.labels.1.value=a').expect(200);
    await update('metadata.labels.0.name=tier&metadata.labels.0.value=worker&metadata.labels.1.name=team&metadata.labels.1.delete=true'
      + '&metadata.annotations.0.name=note&metadata.annotations.0.value=hello world').expect(200);
    expect((await info()).metadata).toEqual({ labels: [{ name: 'tier', value: 'worker' }], annotations: [{ name: 'note', value: 'hello world' }] });
  });

  test('an update without metadata keeps it', async () => {
    await update({ metadata: { labels: [{ name: 'tier', value: 'web' }] } }).expect(200);
    await update('description=other').expect(200);
    expect((await info()).metadata.labels).toEqual([{ name: 'tier', value: 'web' }]);
  });

  test('deleting an item no app has checks nothing and changes nothing', async () => {
    await update({ metadata: { labels: [{ name: 'Not Valid!', delete: true }] } }).expect(200);
    expect((await info()).metadata).toEqual({ labels: [], annotations: [] });
  });

  const k8sName = 'name part must consist of alphanumeric characters';
  test.each([
    ['a private label', { labels: [{ name: 'tsuru.io/pool', value: 'x' }] }, 'prefix tsuru.io/ is private'],
    ['a private annotation', { annotations: [{ name: 'tsuru.io/x', value: 'x' }] }, 'prefix tsuru.io/ is private'],
    ['a space in a name', { labels: [{ name: 'bad name', value: 'x' }] }, `metadata.labels: Invalid value: "bad name": ${k8sName}`],
    ['an empty name', { labels: [{ name: '', value: 'x' }] }, `metadata.labels: Invalid value: "": ${k8sName}`],
    ['a name starting with -', { annotations: [{ name: '-lead', value: 'x' }] }, `metadata.annotations: Invalid value: "-lead": ${k8sName}`],
    ['two slashes', { labels: [{ name: 'a/b/c', value: 'x' }] }, 'metadata.labels: Invalid value: "a/b/c": name part'],
    ['an upper-case prefix', { labels: [{ name: 'Example.COM/x', value: 'x' }] }, 'metadata.labels: Invalid value: "Example.COM/x": prefix part a lowercase RFC 1123 subdomain'],
    ['a 64-character name', { labels: [{ name: 'x'.repeat(64), value: 'x' }] }, `metadata.labels: Invalid value: "${'x'.repeat(64)}": name part must be no more than 63 characters`],
    ['a space in a label value', { labels: [{ name: 'tier', value: 'has space' }] }, 'metadata.labels: Invalid value: "has space": a valid label must be an empty string'],
    ['a 64-character label value', { labels: [{ name: 'tier', value: 'v'.repeat(64) }] }, `metadata.labels: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`],
    ['annotations over 256 KiB', { annotations: [{ name: 'big', value: 'x'.repeat(256 * 1024) }] }, 'metadata.annotations: Too long: must have at most 262144 bytes'],
  ])('%s → 400 in tsuru\'s words, nothing changed', async (_case, metadata, message) => {
    const before = await stateOf(emu);
    const res = await update({ metadata }).expect(400);
    expect(res.text.startsWith(message)).toBe(true);
    expect(res.text.endsWith('\n')).toBe(true);
    expect(await stateOf(emu)).toEqual(before);
  });

  test('annotation names are checked in lower case (tsuru lowers them first); label names are not', async () => {
    await update({ metadata: { annotations: [{ name: 'Example.com/Owner', value: 'x' }] } }).expect(200);
    expect((await info()).metadata.annotations).toEqual([{ name: 'Example.com/Owner', value: 'x' }]);
  });

  test('bad metadata at creation is a 400 and makes no app', async () => {
    const before = await stateOf(emu);
    const res = await tsuruAs(emu).post('/1.0/apps').send({ name: 'nope', teamOwner: 'myteam', metadata: { labels: [{ name: 'tsuru.io/a', value: 'b' }] } }).expect(400);
    expect(res.text).toBe(plainError('prefix tsuru.io/ is private'));
    expect(await stateOf(emu)).toEqual(before);
  });
});

describe('planoverride: the app\'s own memory, CPU and CPU burst', () => {
  test('set by app-update (the form), shown with the plan by app-info and app-list', async () => {
    await update('planoverride.memory=268435456&planoverride.cpumilli=250').expect(200);
    const plan = { name: 'small', memory: 134217728, cpumilli: 100, default: true, override: { memory: 268435456, cpumilli: 250 } };
    expect((await info()).plan).toEqual(plan);
    expect((await tsuruAs(emu).get('/1.0/apps').expect(200)).body[0].plan).toEqual(plan);
  });

  test('a new app overrides nothing', async () => {
    expect((await info()).plan.override).toEqual({});
  });

  test('a value replaces the current one, 0 removes it, an absent one is kept (JSON)', async () => {
    await update({ planoverride: { memory: 268435456, cpumilli: 250, cpuBurst: 2 } }).expect(200);
    await update({ planoverride: { memory: 0, cpuBurst: 1.5 } }).expect(200);
    expect((await info()).plan.override).toEqual({ cpumilli: 250, cpuBurst: 1.5 });
  });

  test('another plan brings its own resources: the override is dropped, unless the same request sets one', async () => {
    await update({ planoverride: { memory: 268435456 } }).expect(200);
    await update('plan=medium').expect(200);
    expect((await info()).plan).toMatchObject({ name: 'medium', override: {} });
    await update('plan=large&planoverride.cpumilli=3000').expect(200);
    expect((await info()).plan).toMatchObject({ name: 'large', override: { cpumilli: 3000 } });
  });

  test.each([
    ['planoverride.memory=-1', 'invalid plan override: memory must be 0 (to remove it) or at least 1'],
    ['planoverride.cpumilli=-5', 'invalid plan override: cpumilli must be 0 (to remove it) or at least 1'],
    ['planoverride.cpuBurst=0.5', 'invalid plan override: cpuBurst must be 0 (to remove it) or at least 1'],
    ['planoverride.memory=lots', 'Invalid value for planoverride.memory'],
    ['planoverride.cpumilli=1.5', 'Invalid value for planoverride.cpumilli'],
  ])('%s → 400, nothing changed', async (form, message) => {
    const before = await stateOf(emu);
    const res = await update(form).expect(400);
    expect(res.text.startsWith(message)).toBe(true);
    expect(await stateOf(emu)).toEqual(before);
  });
});
