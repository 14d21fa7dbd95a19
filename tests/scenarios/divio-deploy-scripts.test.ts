import request from 'supertest';
import { ADMIN_TOKEN, noSpecViolations } from '../helpers/emulator';
import { createApplication, withDivioEmulator } from '../helpers/divio';

/**
 * Divio's own ci-cd.py and the third-party CI scripts of the research file: Python requests with
 * `data=` (form bodies) and `params=`, curl with --data; they follow no pagination, compare slugs
 * themselves and poll GET deployments/{uuid}/ until `success` is not null.
 */
const emu = withDivioEmulator();

const api = () => {
  const auth = (t: request.Test) => t.set('Authorization', `Token ${ADMIN_TOKEN}`).expect(noSpecViolations);
  return {
    get: (path: string, params: Record<string, string> = {}) => auth(request(emu.urls.divio!).get(path).query(params)),
    form: (method: 'post' | 'patch', path: string, data: Record<string, string>) => auth(request(emu.urls.divio!)[method](path).type('form').send(data)),
  };
};

/** ci-cd.py's loop: print "Deployment <status>" until success is not None, sleeping between polls. */
async function pollUntilSettled(uuid: string, sleepMs: number): Promise<{ success: boolean; printed: string[] }> {
  const printed: string[] = [];
  for (;;) {
    const deployment = (await api().get(`/apps/v3/deployments/${uuid}/`).expect(200)).body;
    printed.push(`Deployment ${deployment.status}`);
    if (deployment.success !== null) return { success: deployment.success, printed };
    emu.clock.advance(sleepMs);
  }
}

test('ci-cd.py: find the app by slug, copy live to a new slug, switch its branch, deploy it, poll until success', async () => {
  await createApplication(emu, 'cd-test');
  const app = (await api().get('/apps/v3/applications/', { slug: 'cd-test' }).expect(200)).body.results[0].uuid;
  const environments = (await api().get('/apps/v3/environments/', { application: app }).expect(200)).body.results;
  const live = environments.find((e: { slug: string }) => e.slug === 'live');

  const copy = (await api().form('post', `/apps/v3/environments/${live.uuid}/copy/`, { new_slug: 'feature-x' })).body;
  expect(copy.non_field_errors).toBeUndefined();
  await api().form('patch', `/apps/v3/environments/${copy.uuid}/`, { branch: 'feature/x' }).expect(200);
  const deployment = (await api().form('post', '/apps/v3/deployments/', { environment: copy.uuid }).expect(201)).body;
  const { success, printed } = await pollUntilSettled(deployment.uuid, 5000);
  expect(success).toBe(true);
  expect(printed).toEqual(['Deployment queued', 'Deployment building', 'Deployment deploying', 'Deployment done']);
  const deployed = (await api().get(`/apps/v3/environments/${copy.uuid}/`).expect(200)).body;
  expect(deployed).toMatchObject({ branch: 'feature/x', last_finished_deployment: { uuid: deployment.uuid, success: true } });

  // One copy more than the plan allows: the script reads non_field_errors and stops ("Maximum number of environments reached").
  const refused = (await api().form('post', `/apps/v3/environments/${live.uuid}/copy/`, { new_slug: 'feature-y' })).body;
  expect(refused.non_field_errors).toContain('Can not add another Environment.');
});

test('the shell variants: .results[0] is test and .results[1] live; curl --data deploys; a JSON body does too', async () => {
  await createApplication(emu, 'shell');
  const app = (await api().get('/apps/v3/applications/?slug=shell').expect(200)).body.results[0].uuid;
  const results = (await api().get(`/apps/v3/environments/?application=${app}`).expect(200)).body.results;
  expect(results.map((e: { slug: string }) => e.slug)).toEqual(['test', 'live']);
  const viaForm = (await api().form('post', '/apps/v3/deployments/', { environment: results[0].uuid }).expect(201)).body.uuid;
  const viaJson = await request(emu.urls.divio!).post('/apps/v3/deployments/').set('Authorization', `Token ${ADMIN_TOKEN}`)
    .set('Content-Type', 'application/json').send(JSON.stringify({ environment: results[1].uuid })).expect(noSpecViolations).expect(201);
  for (const uuid of [viaForm, viaJson.body.uuid]) expect((await pollUntilSettled(uuid, 1000)).success).toBe(true);
  // create-env-deploy.py: a new environment from a form, then deployed.
  const created = (await api().form('post', '/apps/v3/environments/', { application: app, slug: 'ci-cd', branch: 'cicdtest' }).expect(201)).body;
  const third = (await api().form('post', '/apps/v3/deployments/', { environment: created.uuid }).expect(201)).body;
  expect((await pollUntilSettled(third.uuid, 1000)).success).toBe(true);
});

test('a malformed deployment id (the script\'s "null") is {"detail": "Invalid UUID."}', async () => {
  const res = await api().get('/apps/v3/deployments/null/').expect(404);
  expect(res.body).toEqual({ detail: 'Invalid UUID.' });
});
