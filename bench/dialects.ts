import { once, type BenchRequest } from './load';

/** A request of a dialect's scenario, with the express pattern of its route for the express baseline. */
export interface ScenarioRequest extends BenchRequest {
  pattern: string;
}

/**
 * What the bench measures of one dialect: a validated GET of one resource and a write, both on a
 * resource `prepare` creates through the dialect's own API (paths are below the dialect's API root,
 * which is also where Prism serves the spec); and the dialect's list, if it has one the bench pages.
 */
export interface DialectScenario {
  name: string;
  /** The spec under specs/ that Prism mocks. */
  spec: string;
  /** Where the spec's paths start on the dialect's own port. */
  apiRoot: string;
  prepare(apiUrl: string): Promise<{ get: ScenarioRequest; write: ScenarioRequest }>;
  list?: ScenarioRequest;
}

const json = (headers: Record<string, string>) => ({ ...headers, 'Content-Type': 'application/json' });

async function created(apiUrl: string, request: Omit<BenchRequest, 'expect'>): Promise<string> {
  const reply = await once(apiUrl, request);
  if (reply.status !== 201) throw new Error(`${request.method} ${request.path}: ${reply.status} ${reply.body}`);
  return reply.body;
}

const DEIS_AUTH = { Authorization: 'token polypaas-admin-token' };
const deis: DialectScenario = {
  name: 'deis',
  spec: 'deis.yaml',
  apiRoot: '/v1',
  async prepare(apiUrl) {
    await created(apiUrl, { method: 'POST', path: '/apps/', headers: json(DEIS_AUTH), body: JSON.stringify({ id: 'bench-app' }) });
    return {
      get: { method: 'GET', path: '/apps/bench-app', pattern: '/apps/:id', headers: DEIS_AUTH, expect: 200 },
      // Every config POST makes a new release: the write the issue measured (9 statements a request).
      write: {
        method: 'POST', path: '/apps/bench-app/config/', pattern: '/apps/:id/config/', headers: json(DEIS_AUTH),
        body: JSON.stringify({ values: { BENCH: 'on' } }), expect: 201,
      },
    };
  },
  list: { method: 'GET', path: '/apps/', pattern: '/apps/', headers: DEIS_AUTH, expect: 200 },
};

const MEDSTACK_AUTH = { Authorization: `Basic ${Buffer.from('admin:polypaas-admin-token').toString('base64')}` };
const SERVICES = '/companies/polypaas/clusters/default/services';
const SERVICES_PATTERN = '/companies/:company/clusters/:cluster/services';
const medstack: DialectScenario = {
  name: 'medstack',
  spec: 'medstack.yaml',
  apiRoot: '/v1',
  async prepare(apiUrl) {
    const body = await created(apiUrl, {
      method: 'POST', path: SERVICES, headers: json(MEDSTACK_AUTH), body: JSON.stringify({ name: 'bench-svc', image: 'nginx:1' }),
    });
    const path = `${SERVICES}/${(JSON.parse(body) as { id: string }).id}`;
    return {
      get: { method: 'GET', path, pattern: `${SERVICES_PATTERN}/:service`, headers: MEDSTACK_AUTH, expect: 200 },
      write: {
        method: 'PATCH', path, pattern: `${SERVICES_PATTERN}/:service`, headers: json(MEDSTACK_AUTH),
        body: JSON.stringify({ command: 'serve', replicas: 1 }), expect: 201,
      },
    };
  },
  list: { method: 'GET', path: SERVICES, pattern: SERVICES_PATTERN, headers: MEDSTACK_AUTH, expect: 200 },
};

const TSURU_AUTH = { Authorization: 'bearer polypaas-admin-token' };
const form = (headers: Record<string, string>) => ({ ...headers, 'Content-Type': 'application/x-www-form-urlencoded' });
const tsuru: DialectScenario = {
  name: 'tsuru',
  spec: 'tsuru.yaml',
  apiRoot: '',
  async prepare(apiUrl) {
    // As tsuru-client 1.7.2 sends them: forms, and Go's empty string for false.
    await created(apiUrl, { method: 'POST', path: '/1.0/apps', headers: form(TSURU_AUTH), body: 'name=bench-tsuru&platform=python&teamOwner=polypaas' });
    return {
      get: { method: 'GET', path: '/1.0/apps/bench-tsuru', pattern: '/1.0/apps/:app', headers: TSURU_AUTH, expect: 200 },
      // env-set: a new version of the app, streamed back as tsuru's JSON lines.
      write: {
        method: 'POST', path: '/1.0/apps/bench-tsuru/env', pattern: '/1.0/apps/:app/env', headers: form(TSURU_AUTH),
        body: 'Envs.0.Name=BENCH&Envs.0.Value=on&NoRestart=&Private=', expect: 200,
      },
    };
  },
};

const DIVIO_AUTH = { Authorization: 'Token polypaas-admin-token' };
const divio: DialectScenario = {
  name: 'divio',
  spec: 'divio.yaml',
  apiRoot: '',
  async prepare(apiUrl) {
    const body = await created(apiUrl, {
      method: 'POST', path: '/apps/v3/applications/', headers: json(DIVIO_AUTH),
      body: JSON.stringify({
        name: 'Bench', slug: 'bench-divio', organisation: '0a1d0000-0000-4000-8000-000000000001',
        plan_group: '9a710000-0000-4000-8000-000000000001', region: '4e610000-0000-4000-8000-000000000001',
      }),
    });
    const path = `/apps/v3/applications/${(JSON.parse(body) as { uuid: string }).uuid}/`;
    return {
      get: { method: 'GET', path, pattern: '/apps/v3/applications/:uuid/', headers: DIVIO_AUTH, expect: 200 },
      write: { method: 'PATCH', path, pattern: '/apps/v3/applications/:uuid/', headers: json(DIVIO_AUTH), body: JSON.stringify({ name: 'Bench renamed' }), expect: 200 },
    };
  },
};

/** The dialects the bench measures; a new dialect is one more entry here. */
export const SCENARIOS: DialectScenario[] = [deis, medstack, tsuru, divio];
