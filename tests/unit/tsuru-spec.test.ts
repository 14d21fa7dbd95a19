import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import addFormats from 'ajv-formats';
import { OpenAPIBackend } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';
import YAML from 'yaml';
import { fromRoot } from '../../src/store/paths';
import { cliRequests, type CliRequest } from '../helpers/tsuruCliRequests';

/**
 * specs/tsuru.yaml is generated: these tests hold it to the script that writes it, to OpenAPI 3.0,
 * to the part-1 list in the overlay, to the wire tsuru-client 1.7.2 really speaks, and to the rules
 * of FIDELITY.md that every operation shares.
 */
const specText = readFileSync(fromRoot('specs', 'tsuru.yaml'), 'utf8');
const spec = YAML.parse(specText) as OpenAPIV3.Document;
const overlay = YAML.parse(readFileSync(fromRoot('scripts', 'tsuru-spec', 'overlay.yaml'), 'utf8')) as {
  include: string[];
  added: { operation: { operationId: string } }[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type Operation = OpenAPIV3.OperationObject & { 'x-polypaas-unversioned'?: string };
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item?.[m]).map((method) => ({ path, method, op: item![method] as Operation })));

const schemaOf = (schema: OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject | undefined): OpenAPIV3.SchemaObject | undefined => {
  if (schema && '$ref' in schema) return spec.components!.schemas![schema.$ref.split('/').pop()!] as OpenAPIV3.SchemaObject;
  return schema;
};
const responseOf = (r: OpenAPIV3.ReferenceObject | OpenAPIV3.ResponseObject): OpenAPIV3.ResponseObject =>
  '$ref' in r ? spec.components!.responses![r.$ref.split('/').pop()!] as OpenAPIV3.ResponseObject : r;

let api: OpenAPIBackend;
beforeAll(async () => {
  api = new OpenAPIBackend({
    definition: structuredClone(spec), strict: true, validate: true, quick: false,
    ajvOpts: { strict: false }, customizeAjv: (ajv) => addFormats(ajv),
  });
  await api.init();
});

test('specs/tsuru.yaml is a valid OpenAPI 3.0.3 document', () => {
  expect(spec.openapi).toBe('3.0.3');
  expect(api.getOperations()).toHaveLength(operations.length);
});

test('re-running the conversion reproduces the committed file byte for byte', () => {
  const script = fromRoot('scripts', 'tsuru-spec', 'convert.mjs');
  const regenerated = execFileSync(process.execPath, [script, '--stdout'], { encoding: 'utf8' });
  expect(regenerated === specText).toBe(true);
});

test('the spec holds exactly part 1: the included Swagger operations and the added routes, each id once', () => {
  const ids = operations.map((o) => o.op.operationId!);
  expect(new Set(ids).size).toBe(ids.length);
  const expected = [...overlay.include, ...overlay.added.map((a) => a.operation.operationId)];
  expect([...ids].sort()).toEqual([...expected].sort());
  expect(ids).toHaveLength(78);
});

describe('every request tsuru-client 1.7.2 sends is an operation of the spec', () => {
  const requests = cliRequests();

  test('the recording holds the whole client session', () => {
    expect(requests.length).toBeGreaterThanOrEqual(70);
    expect(new Set(requests.map((r) => r.command)).size).toBeGreaterThanOrEqual(60);
  });

  const formFieldsFit = (request: CliRequest, op: Operation) => {
    const names = request.body.kind === 'form' ? request.body.fields.map(([name]) => name) : request.body.kind === 'multipart' ? request.body.fieldNames : [];
    const media = (op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content[request.contentType ?? ''];
    if (!media) return [`${request.contentType} is not a body type of ${op.operationId}`];
    const schema = schemaOf(media.schema)!;
    const properties = Object.keys(schema.properties ?? {}).map((p) => p.toLowerCase());
    // Forms are read case-insensitively, and `Envs.0.Name` / `routeropts.a` belong to their first segment.
    const unknown = names.filter((name) => !properties.includes(name.split('.')[0].toLowerCase()));
    const missing = (schema.required ?? []).filter((field) => !names.some((name) => name.toLowerCase() === field.toLowerCase()));
    return [...unknown.map((n) => `form field ${n} is not declared`), ...missing.map((n) => `required ${n} is not sent`)];
  };

  test.each(requests.map((r) => [`${r.command}: ${r.method} ${r.path}`, r] as const))('%s', (_name, request) => {
    const matched = api.router.matchOperation({ method: request.method, path: request.path, headers: {}, query: request.query }) as Operation | undefined;
    expect(matched?.operationId).toBeDefined();
    const op = matched!;
    const declared = (op.parameters as OpenAPIV3.ParameterObject[] ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(Object.keys(request.query).filter((name) => !declared.includes(name))).toEqual([]);
    const headers: Record<string, string> = request.contentType ? { 'content-type': request.contentType } : {};
    const body = request.body.kind === 'json' ? request.body.value : undefined;
    const result = api.validateRequest({ method: request.method, path: request.path, query: request.query, headers, body }, op as never);
    // A form reaches validation only after the pipeline has normalised it against the schema: here its field names are checked.
    const isForm = request.body.kind === 'form' || request.body.kind === 'multipart';
    const errors = (result.errors ?? []).filter((e) => !(isForm && (e.params?.missingProperty === 'requestBody' || e.instancePath.startsWith('/requestBody'))));
    expect(errors).toEqual([]);
    if (isForm) expect(formFieldsFit(request, op)).toEqual([]);
  });
});

test('each route has its own unversioned alias, unique per method', () => {
  const seen = new Set<string>();
  for (const { path, method, op } of operations) {
    expect(op['x-polypaas-unversioned']).toBe(path.replace(/^\/\d+\.\d+\//, '/'));
    const key = `${method} ${op['x-polypaas-unversioned']!.replace(/\{[^}]+\}/g, '{}')}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
  }
});

test('errors are plain text, successes use the real content types, and every response carries Supported-Tsuru', () => {
  const successTypes = new Set(['application/json', 'application/x-json-stream', 'text/plain', 'text']);
  for (const { op } of operations) {
    const open = Array.isArray(op.security) && op.security.length === 0;
    if (!open) expect([op.operationId, Object.keys(op.responses)]).toEqual([op.operationId, expect.arrayContaining(['401', '403'])]);
    for (const [status, raw] of Object.entries(op.responses)) {
      const response = responseOf(raw);
      expect(response.headers?.['Supported-Tsuru']).toBeDefined();
      const types = Object.keys(response.content ?? {});
      if (Number(status) >= 400) expect(types).toEqual(['text/plain']);
      else types.forEach((type) => expect(successTypes.has(type)).toBe(true));
    }
  }
});

test('a request body declares one schema for all its encodings (openapi-backend validates against the first)', () => {
  for (const { op } of operations) {
    const content = (op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content ?? {};
    const schemas = new Set(Object.values(content).map((media) => JSON.stringify(media.schema)));
    expect(schemas.size).toBeLessThanOrEqual(1);
  }
});

test.each([
  ['InstanceCreate', '201', undefined],
  ['AppCreate', '201', 'application/json'],
  ['AppList', '204', undefined],
  ['AppDeploy', '200', 'text'],
  ['EnvSet', '200', 'application/x-json-stream'],
  ['UnitsAdd', '200', 'application/x-json-stream'],
  ['ServiceInstanceBind', '200', 'application/x-json-stream'],
  ['AppLog', '200', 'application/x-json-stream'],
  ['UserLogin', '200', 'application/json'],
])('FIDELITY.md: %s answers %s with %s', (id, status, type) => {
  const { op } = operations.find((o) => o.op.operationId === id)!;
  const response = responseOf(op.responses[status]);
  expect(Object.keys(response.content ?? {})).toEqual(type ? [type] : []);
  if (id === 'InstanceCreate') expect(op.responses['200']).toBeUndefined();
});

test('login and the auth schemes need no token; everything else needs one', () => {
  const open = operations.filter((o) => Array.isArray(o.op.security) && o.op.security.length === 0).map((o) => o.op.operationId).sort();
  expect(open).toEqual(['AuthScheme', 'AuthSchemes', 'Login', 'UserLogin']);
  expect(spec.components!.securitySchemes!.Bearer).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
});
