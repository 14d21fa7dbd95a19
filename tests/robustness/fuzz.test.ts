import type { OpenAPIV3 } from 'openapi-types';
import request from 'supertest';
import { deis } from '../../dialects/deis';
import { divio } from '../../dialects/divio';
import { medstack } from '../../dialects/medstack';
import { tsuru } from '../../dialects/tsuru';
import type { DialectAdapter } from '../../dialects/types';
import { loadSpec } from '../../src/http/mountDialect';
import { ADMIN_TOKEN, noSpecViolations, startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { ADMIN_BASIC } from '../helpers/medstack';

/**
 * Every operation of every dialect, fed bodies and path values of every wrong shape: the answer is
 * always the dialect's own error or a success, never a 500 and never off-spec. Repeatable: the
 * generator is seeded.
 */
const ROUNDS = 40;

function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const scalar = (): unknown => pick([null, true, false, 0, -1, 1.5, 2 ** 53, '', 'x', ' ', 'ünïcödé', '../../etc', '"quoted"', '{}', '[1]', 'a'.repeat(300)]);
  const value = (depth: number): unknown => {
    if (depth > 2 || next() < 0.5) return scalar();
    if (next() < 0.5) return Array.from({ length: Math.floor(next() * 3) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [pick(['x', 'name', 'id', 'values', 'image', 'web', '__proto__', 'constructor']), value(depth + 1)]));
  };
  return { next, pick, scalar, value };
}

/** A body of the operation's own field names with values of any shape, or something else entirely. */
function bodyFor(spec: OpenAPIV3.Document, operation: OpenAPIV3.OperationObject, g: ReturnType<typeof generator>): unknown {
  const media = resolve<OpenAPIV3.RequestBodyObject>(spec, operation.requestBody)?.content['application/json'];
  const schema = resolve<OpenAPIV3.SchemaObject>(spec, media?.schema);
  const fields = Object.keys(schema?.properties ?? {});
  if (!fields.length || g.next() < 0.3) return g.value(0);
  return Object.fromEntries(fields.filter(() => g.next() < 0.7).map((f) => [f, g.value(1)]));
}

/** A spec object, following a local `$ref` (Divio's spec shares its request bodies and schemas). */
function resolve<T>(spec: OpenAPIV3.Document, item: unknown): T | undefined {
  const ref = (item as OpenAPIV3.ReferenceObject | undefined)?.$ref;
  if (!ref) return item as T | undefined;
  return ref.slice(2).split('/').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], spec) as T;
}

const pathFor = (template: string, g: ReturnType<typeof generator>) =>
  template.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(
    g.pick([name === 'company_id' ? 'polypaas' : 'x', name === 'cluster_id' ? 'default' : 'nope', 'fuzz-app', g.scalar(), '%', '..',
      // An id of the right shape (Divio's), so that the request gets past the id check.
      '00000000-0000-4000-8000-000000000003', 'aaaaaaaaaaaaaaaaaaaaaaaaaa']),
  )));

const DIALECTS: [string, DialectAdapter, string][] = [
  ['deis', deis, `token ${ADMIN_TOKEN}`], ['divio', divio, `Token ${ADMIN_TOKEN}`], ['medstack', medstack, ADMIN_BASIC],
  ['tsuru', tsuru, `bearer ${ADMIN_TOKEN}`],
];

let emu: TestEmulator;
beforeAll(async () => { emu = await startTestEmulator(); });
beforeEach(() => emu.reset());
afterAll(() => emu.close());

describe.each(DIALECTS)('%s', (_name, adapter, authorization) => {
  const spec = loadSpec(adapter);
  const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const).filter((m) => item?.[m]).map((m) => [m, path, item![m]!] as const));

  test.each(operations.map(([method, path, op]) => [op.operationId!, method, path, op] as const))(
    '%s never answers 500', async (_id, method, path, operation) => {
      const g = generator([...String(operation.operationId)].reduce((h, c) => h * 31 + c.charCodeAt(0), 7) % 2 ** 31);
      await request(emu.urls.deis!).post('/v1/apps/').set('Authorization', `token ${ADMIN_TOKEN}`).send({ id: 'fuzz-app' });
      for (let round = 0; round < ROUNDS; round++) {
        const url = `${spec.servers![0].url.replace(/\/$/, '')}${pathFor(path, g)}`;
        const call = request(emu.urls[adapter.name]!)[method](url).set('Authorization', authorization);
        const body = method === 'get' || method === 'delete' ? call : call.set('Content-Type', 'application/json').send(JSON.stringify(bodyFor(spec, operation, g)));
        const res = await body.expect(noSpecViolations);
        if (res.status >= 500) throw new Error(`${method.toUpperCase()} ${url} -> ${res.status} ${res.text}`);
      }
      await emu.webhooksIdle();
    },
  );
});
