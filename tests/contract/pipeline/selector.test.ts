import request from 'supertest';
import type { OpenAPIV3 } from 'openapi-types';
import { ADMIN_TOKEN, startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { TEST_RULES, TEST_SPEC, testAdapter } from '../../helpers/testAdapter';

const AUTH = `token ${ADMIN_TOKEN}`;

/** An "old API" on the same paths: it takes only JSON requests and answers /teams/{t} in its own format. */
const OLD_SPEC: OpenAPIV3.Document = {
  ...TEST_SPEC,
  paths: { '/teams/{team}': { get: { operationId: 'oldTeam', parameters: [{ name: 'team', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } } } },
};

let emu: TestEmulator;
beforeAll(async () => {
  const old = testAdapter({
    variant: 'old', spec: OLD_SPEC, rules: TEST_RULES,
    accepts: (req) => req.headers.accept === 'application/json',
    handlers: { oldTeam: (req) => ({ status: 200, body: { name: req.params.team, api: 'old' } }) },
  });
  const current = testAdapter({
    variant: 'current',
    handlers: {
      teamV14: (req) => ({ status: 200, body: { name: req.params.team, api: 'current' } }),
      teamV10: (req) => ({ status: 200, body: { deleted: req.params.team } }),
    },
  });
  // Another port, whose server keeps `/echo` and `/echo/` apart.
  const exact = testAdapter({ rules: { ...TEST_RULES, trailingSlash: 'exact' }, handlers: { echo: () => ({ status: 200, body: {} }) } }, 'divio');
  emu = await startTestEmulator({ adapters: [old, current, exact] });
});
afterAll(() => emu.close());
const api = () => request(emu.urls.tsuru!);

test('the first adapter that takes the request and routes it answers', async () => {
  await api().get('/teams/ops').set('Authorization', AUTH).set('Accept', 'application/json').expect(200, { name: 'ops', api: 'old' });
  await api().get('/teams/ops').set('Authorization', AUTH).set('Accept', 'text/plain').expect(200, { name: 'ops', api: 'current' });
});

test('a request the taking adapter has no route for falls through to the next one', async () => {
  await api().delete('/1.0/teams/ops').set('Authorization', AUTH).set('Accept', 'application/json').expect(200, { deleted: 'ops' });
  expect(emu.journal.list().at(-1)).toMatchObject({ dialect: 'current', operationId: 'teamV10' });
});

test('when no adapter routes it, the first that takes it answers not-found', async () => {
  const res = await api().get('/nowhere').set('Authorization', AUTH).expect(404);
  expect(res.body).toEqual({ problem: 'route_not_found' });
  expect(emu.journal.list().at(-1)).toMatchObject({ dialect: 'current', status: 404 });
});

test('a wrong method is answered without looking at credentials where the rules say so', async () => {
  const res = await api().put('/teams/ops').expect(405);
  expect(res.body).toEqual({ problem: 'method_not_allowed' });
});

test('trailing slashes are one route or two, as the adapter\'s rules say', async () => {
  await request(emu.urls.divio!).post('/echo').set('Authorization', AUTH).expect(200);
  await request(emu.urls.divio!).post('/echo/').set('Authorization', AUTH).expect(404);
  await api().get('/teams/ops/').set('Authorization', AUTH).expect(200, { name: 'ops', api: 'current' });
});
