import request from 'supertest';
import { noSpecViolations, stateOf } from '../../helpers/emulator';
import { ADMIN_BASIC, CLUSTER, medstackAs, withMedstackEmulator } from '../../helpers/medstack';

const emu = withMedstackEmulator({ bodyLimit: 2048 });
const raw = () => request(emu.urls.medstack!);

test('unknown paths and unknown methods are the seed\'s 404', async () => {
  await medstackAs(emu).get('/v1/nope').expect(404, { code: 404, type: 'not_found', message: 'Path not found' });
  await medstackAs(emu).get('/v2/companies/current').expect(404, { code: 404, type: 'not_found', message: 'Path not found' });
  await medstackAs(emu).patch('/v1/companies/current').send({}).expect(404, { code: 404, type: 'not_found', message: 'Path not found' });
});

test('malformed JSON, other media types and oversized bodies are refused and change nothing', async () => {
  const before = await stateOf(emu);
  const malformed = await raw().post(`${CLUSTER}/volumes`).set('Authorization', ADMIN_BASIC).set('Content-Type', 'application/json')
    .send('{"name": ').expect(noSpecViolations).expect(400);
  expect(malformed.body).toMatchObject({ code: 400, type: 'invalid_request_error', message: expect.stringMatching(/^The request body is not valid JSON/) });
  const text = await raw().post(`${CLUSTER}/volumes`).set('Authorization', ADMIN_BASIC).set('Content-Type', 'text/plain').send('name=x').expect(400);
  expect(text.body.message).toBe('Content-Type must be application/json, not "text/plain"');
  const big = await medstackAs(emu).post(`${CLUSTER}/secrets`).send({ name: 'big', data: 'x'.repeat(5000) }).expect(413);
  expect(big.body).toEqual({ code: 413, type: 'invalid_request_error', message: 'The request body exceeds the 2048-byte limit' });
  expect(await stateOf(emu)).toEqual(before);
});

test('the gateway serves MedStack under /medstack', async () => {
  await request(emu.urls.gateway!).get('/medstack/v1/companies/current').set('Authorization', ADMIN_BASIC).expect(200);
});
