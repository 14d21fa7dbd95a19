import http from 'node:http';
import request from 'supertest';
import { expectUnchanged } from '../../helpers/emulator';
import { ADMIN_BASIC, CLUSTER, COMPANY, medstackAs, withMedstackEmulator } from '../../helpers/medstack';

/** Requests that fail outside any operation, as MedStack's common error body. */
const emu = withMedstackEmulator();
const raw = () => request(emu.urls.medstack!);

const unchanged = (send: () => Promise<request.Response>) => expectUnchanged(emu, send);

test('a bad percent-encoding in the path is a 400, on every operation', async () => {
  for (const path of ['/v1/companies/%/clusters', `${CLUSTER}/services/%ZZ`, `${COMPANY}/webhooks/outgoing/%`]) {
    const res = await unchanged(() => medstackAs(emu).get(path));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 400, type: 'invalid_request_error', message: 'The path holds a malformed percent-encoding.' });
  }
});

test('an unusable Host header is a 400 in the common error body', async () => {
  const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    http.get(`${emu.urls.medstack}/v1/companies/current`, { headers: { Authorization: ADMIN_BASIC, Host: 'x:99999' } }, (r) => {
      let body = '';
      r.on('data', (c) => { body += c; }).on('end', () => resolve({ status: r.statusCode!, body }));
    }).on('error', reject);
  });
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body)).toEqual({ code: 400, type: 'invalid_request_error', message: 'Invalid Host header: x:99999' });
});

test('a multipart body, truncated or not, is refused: the API speaks JSON only', async () => {
  const res = await unchanged(() => raw().post(`${CLUSTER}/volumes`).set('Authorization', ADMIN_BASIC)
    .set('Content-Type', 'multipart/form-data; boundary=XX').send('--XX\r\nContent-Disposition: form-data; name="name"\r\n\r\nabc'));
  expect(res.status).toBe(400);
  expect(res.body.type).toBe('invalid_request_error');
});

test('a 100 KB URL is a 414 in the common error body', async () => {
  const res = await medstackAs(emu).get(`${CLUSTER}/services/${'a'.repeat(100_000)}`).expect(414);
  expect(res.body).toMatchObject({ code: 414, type: 'invalid_request_error' });
});

test('undeclared query parameters are ignored', async () => {
  await medstackAs(emu).get('/v1/companies/current?expand=everything&page=2').expect(200);
});

test('a webhook naming an empty cluster is a 400, not a foreign-key 500', async () => {
  const res = await unchanged(() => medstackAs(emu).post(`${COMPANY}/webhooks/outgoing`)
    .send({ url: 'http://127.0.0.1:1/hook', events: ['service.created'], cluster_id: '' }));
  expect(res.status).toBe(400);
  expect(res.body.type).toBe('invalid_request_error');
});

test('OPTIONS and other unknown methods are the seed\'s 404, without looking at credentials', async () => {
  await raw().options('/v1/companies/current').expect(404, { code: 404, type: 'not_found', message: 'Path not found' });
  await raw().patch('/v1/companies/current').expect(404, { code: 404, type: 'not_found', message: 'Path not found' });
});
