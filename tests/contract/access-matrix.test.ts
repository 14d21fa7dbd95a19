import { DIALECTS } from '../../dialects';
import { loadSpec } from '../../src/http/mountDialect';
import { matrixFixtures, type Asker, type Target } from '../helpers/accessMatrix';
import { client, startTestEmulator, stateOf, type TestEmulator } from '../helpers/emulator';
import { deisAs } from '../helpers/deis';
import { deisMatrix, deisSetup } from './matrix/deis';
import { divioMatrix } from './matrix/divio';
import { medstackMatrix } from './matrix/medstack';
import { tsuruMatrix } from './matrix/tsuru';

/**
 * One access policy for every dialect: for each operation on one app, a superuser of another tenant
 * and a user of the same tenant it was never shared with are refused, and nothing changes; its owner
 * passes (so no refusal here is an accident of a wrong path or body).
 */
const MATRICES = [deisMatrix, divioMatrix, medstackMatrix, tsuruMatrix];

let emu: TestEmulator;
let target: Target;
beforeAll(async () => { emu = await startTestEmulator({ fixtures: matrixFixtures() }); });
afterAll(() => emu.close());
beforeEach(async () => {
  emu.reset();
  for (const { path, body } of deisSetup) await deisAs(emu).post(path).send(body).expect(201);
  const app = (await deisAs(emu).get('/v1/apps/target').expect(200)).body;
  const build = (await deisAs(emu).get('/v1/apps/target/builds').expect(200)).body.results[0];
  target = { name: 'target', id: app.uuid, buildId: build.uuid };
  for (const matrix of MATRICES) {
    for (const step of matrix.setup ?? []) {
      const req = client(emu.urls[matrix.dialect]!, step.authorization ?? matrix.authorization('owner'))[step.method](step.path);
      await (step.body === undefined ? req : req.send(step.body as object)).expect((res) => {
        if (res.status >= 300) throw new Error(`${matrix.dialect} setup ${step.path}: ${res.status} ${res.text}`);
      });
    }
  }
});

test('every dialect of polypaas is in the matrix', () => {
  expect(MATRICES.map((m) => m.dialect).sort()).toEqual(DIALECTS.map((d) => d.name).sort());
});

describe.each(MATRICES)('$dialect', (matrix) => {
  const url = () => emu.urls[matrix.dialect]!;
  const send = (who: Asker, op: (typeof matrix.operations)[number]) => {
    const req = client(url(), matrix.authorization(who))[op.method](op.path(target));
    return op.body === undefined ? req : req.send(op.body as object);
  };

  test('lists every app-scoped operation of its spec', () => {
    const adapter = DIALECTS.find((d) => d.name === matrix.dialect)!;
    const scoped = Object.entries(loadSpec(adapter).paths).filter(([path]) => matrix.appPath.test(path))
      .flatMap(([, item]) => (['get', 'post', 'put', 'patch', 'delete'] as const).map((m) => item?.[m]?.operationId).filter(Boolean));
    expect(matrix.operations.map((o) => o.operationId).sort()).toEqual(scoped.sort());
  });

  const cases = matrix.operations.flatMap((op) => (['outsider', 'stranger'] as const).map((who) => [op.operationId, who, op] as const));
  test.each(cases)('%s as the %s is refused and changes nothing', async (_id, who, op) => {
    const before = await stateOf(emu);
    await send(who, op).expect(matrix.refusal[who]);
    expect(await stateOf(emu)).toEqual(before);
  });

  test.each(matrix.operations.map((op) => [op.operationId, op] as const))('%s is allowed to the owner', async (_id, op) => {
    const res = await send('owner', op);
    expect(res.status).toBeLessThan(300);
  });
});
