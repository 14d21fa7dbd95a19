import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { IndexedRouter } from '../../src/http/indexedRouter';
import { fromRoot } from '../../src/store/paths';
import { loadDivioSpec, operationsOf } from '../helpers/divioSpec';
import part1 from './divio-part1-operations.json';

/**
 * specs/divio.yaml has no dialect behind it yet: these checks keep it loadable the way mountDialect will
 * load it, and hold it to the part-1 operation list, before any handler exists.
 */
const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];

let document: OpenAPIV3.Document;
let router: IndexedRouter;
beforeAll(async () => {
  document = await loadDivioSpec();
  router = new IndexedRouter({ definition: document, apiRoot: '/', ignoreTrailingSlashes: true });
});

test('the spec is valid OpenAPI 3.0.3 and openapi-backend compiles every request validator', () => {
  expect(document.openapi).toBe('3.0.3');
  expect(operationsOf(document).length).toBeGreaterThan(0);
});

test('every operationId is unique', () => {
  const ids = operationsOf(document).map((op) => op.operationId);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
});

test('the spec holds exactly the part-1 operations, on their paths, in the seed order', () => {
  const inSpec = operationsOf(document).map(({ operationId, method, path }) => ({ operationId, method, path }));
  const expected = part1.operations.map(({ operationId, method, path }) => ({ operationId, method, path }));
  expect(inSpec).toEqual(expected);
});

test('every response schema compiles, as strict mode compiles it', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const broken: string[] = [];
  for (const { operationId, operation } of operationsOf(document)) {
    for (const [status, response] of Object.entries(operation.responses) as [string, OpenAPIV3.ResponseObject][]) {
      const schema = response.content?.['application/json']?.schema;
      if (!schema) continue;
      try {
        ajv.compile(schema);
      } catch (error) {
        broken.push(`${operationId} ${status}: ${(error as Error).message}`);
      }
    }
  }
  expect(broken).toEqual([]);
});

test('only the API root is open; every other operation needs the Token scheme and declares 401', () => {
  expect(document.security).toEqual([{ Token: [] }]);
  expect(document.components?.securitySchemes?.Token).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
  // The root takes a token optionally ([{}, {Token: []}]): none is needed, a wrong one is still a 401.
  const open = operationsOf(document).filter(({ operation }) => operation.security?.some((r) => Object.keys(r).length === 0))
    .map((op) => op.operationId);
  expect(open).toEqual(['GetApiRoot']);
  const without401 = operationsOf(document).filter(({ operation }) => !operation.responses['401']).map((op) => op.operationId);
  expect(without401).toEqual([]);
});

test('every request body takes JSON, a form and multipart alike, as Django REST framework does', () => {
  const bodies = operationsOf(document).filter(({ operation }) => operation.requestBody);
  expect(bodies.length).toBeGreaterThan(20);
  for (const { operationId, operation } of bodies) {
    const body = operation.requestBody as OpenAPIV3.RequestBodyObject;
    expect({ operationId, types: Object.keys(body.content) }).toEqual({ operationId, types: BODY_TYPES });
  }
});

test('list responses are Django REST framework pages: count, next, previous, results', () => {
  const lists = operationsOf(document).filter(({ operationId }) => operationId.startsWith('List'));
  expect(lists).toHaveLength(11);
  for (const { operationId, operation } of lists) {
    const schema = (operation.responses['200'] as OpenAPIV3.ResponseObject).content!['application/json'].schema as OpenAPIV3.SchemaObject;
    expect({ operationId, required: schema.required }).toEqual({ operationId, required: ['count', 'next', 'previous', 'results'] });
  }
});

test('ids in paths, filters and bodies are plain strings, so UUIDs and base32 ids both reach the handler', () => {
  const withId = Object.entries(document.paths).filter(([path]) => path.includes('{uuid}'));
  expect(withId.length).toBeGreaterThan(20);
  for (const [path, item] of withId) {
    const parameter = ((item?.parameters ?? []) as OpenAPIV3.ParameterObject[]).find((p) => p.name === 'uuid' && p.in === 'path');
    expect({ path, schema: parameter?.schema }).toEqual({ path, schema: expect.objectContaining({ type: 'string' }) });
    expect({ path, format: (parameter?.schema as OpenAPIV3.SchemaObject).format }).toEqual({ path, format: undefined });
  }
  const idFilters = operationsOf(document).flatMap(({ operation }) => (operation.parameters ?? []) as OpenAPIV3.ParameterObject[])
    .filter((p) => p.in === 'query' && ['application', 'environment', 'organisation', 'uuid'].includes(p.name));
  expect(idFilters.length).toBeGreaterThan(10);
  expect(JSON.stringify(idFilters)).not.toContain('"format":"uuid"');
  const createDeployment = document.components!.schemas!.DeploymentCreateRequest as OpenAPIV3.SchemaObject;
  expect(createDeployment.properties!.environment).toMatchObject({ type: 'string' });
  expect(createDeployment.properties!.environment).not.toHaveProperty('format');
});

describe('routing the paths real clients call', () => {
  const base32 = 'whgzabvjmjeklhia6exvwjemza';
  const route = (method: string, path: string) => router.matchOperation({ method, path, headers: {} })?.operationId;

  test.each([
    ['get', '/apps/v3/', 'GetApiRoot'],
    ['get', `/apps/v3/deployments/${base32}/logs`, 'GetDeploymentLogs'],
    ['get', `/apps/v3/deployments/${base32}/environment-variables`, 'GetDeploymentEnvironmentVariables'],
    ['get', `/apps/v3/app-templates/${base32}`, 'GetAppTemplate'],
    ['post', '/apps/v3/deployments/bulk/', 'CreateDeploymentsInBulk'],
    ['get', `/apps/v3/deployments/${base32}/`, 'GetDeployment'],
    ['post', `/apps/v3/domains/${base32}/make-primary/`, 'MakePrimaryDomain'],
    ['post', `/apps/v3/domains/${base32}/transfer/`, 'TransferDomain'],
    ['post', `/apps/v3/domains/${base32}/verify-dns/`, 'AdditionalDomainAction'],
    ['delete', `/apps/v3/applications/${base32}/`, 'ArchiveApplication'],
    ['get', '/iam/v3/me/', 'GetCurrentUser'],
    ['get', `/billing/v3/application-plan-groups/${base32}/`, 'GetApplicationPlanGroup'],
  ])('%s %s → %s', (method, path, operationId) => {
    expect(route(method, path)).toBe(operationId);
  });
});

test('specs/CHANGES.md names every path of the spec with its evidence', () => {
  const changes = readFileSync(fromRoot('specs', 'CHANGES.md'), 'utf8');
  const start = changes.indexOf('## divio.yaml');
  expect(start).toBeGreaterThan(-1);
  const section = changes.slice(start);
  // CHANGES.md gives the real URL, which ends in a slash; the spec's paths are the same without it.
  const missing = part1.operations.filter(({ operationId, method, path, source }) =>
    !section.includes(`| ${operationId} | ${method.toUpperCase()} | \`${path}/\` | ${source} |`));
  expect(missing).toEqual([]);
});
