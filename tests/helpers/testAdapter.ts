import type { OpenAPIV3 } from 'openapi-types';
import { deisAuth } from '../../dialects/deis/auth';
import { DEIS_MESSAGES } from '../../dialects/deis/errors';
import type { DialectAdapter, DialectName, PipelineRules, Problem, Reply } from '../../dialects/types';

/**
 * A small adapter for the pipeline's own tests: a handful of operations on a spec given inline, the
 * Deis token scheme, and errors as `{"problem": kind, ...}` so a test sees which Problem was raised.
 */
const json = (schema: OpenAPIV3.SchemaObject) => ({ 'application/json': { schema } });
const ok = (schema: OpenAPIV3.SchemaObject = { type: 'object' }) => ({ description: 'ok', content: json(schema) });
const any = { description: 'any', content: json({ type: 'object' }) };

const ENV_FORM: OpenAPIV3.SchemaObject = {
  type: 'object',
  properties: {
    Envs: { type: 'array', items: { type: 'object', properties: { Name: { type: 'string' }, Value: { type: 'string' } } } },
    NoRestart: { type: 'boolean' },
    Units: { type: 'integer' },
    tag: { type: 'array', items: { type: 'string' } },
    name: { type: 'string' },
  },
};

export const TEST_SPEC: OpenAPIV3.Document = {
  openapi: '3.0.3',
  info: { title: 'pipeline test', version: '1' },
  security: [{ token: [] }],
  components: { securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'Authorization' } } },
  paths: {
    '/echo': {
      post: {
        operationId: 'echo',
        requestBody: { content: { 'application/json': { schema: ENV_FORM }, 'application/x-www-form-urlencoded': { schema: ENV_FORM } } },
        responses: { 200: ok(), default: any },
      },
    },
    '/upload': {
      post: {
        operationId: 'upload',
        'x-polypaas-body-limit': 64 * 1024,
        requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { message: { type: 'string' } } } } } },
        responses: { 200: ok(), default: any },
      } as OpenAPIV3.OperationObject,
    },
    '/stream': {
      get: {
        operationId: 'stream',
        parameters: [{ name: 'lines', in: 'query', schema: { type: 'integer' } }, { name: 'follow', in: 'query', schema: { type: 'string' } }],
        responses: { 200: { description: 'lines', content: { 'application/x-json-stream': { schema: { type: 'object', required: ['Message'] } } } }, default: any },
      },
    },
    '/badstream': {
      get: {
        operationId: 'badstream',
        responses: { 200: { description: 'lines', content: { 'application/x-json-stream': {} } }, default: any },
      },
    },
    '/failing-stream': {
      get: {
        operationId: 'failingStream',
        responses: { 200: { description: 'lines', content: { 'application/x-json-stream': { schema: { type: 'object', required: ['Message'] } } } }, default: any },
      },
    },
    '/keys-then-fail': {
      post: { operationId: 'keysThenFail', responses: { 201: ok(), default: any } },
    },
    '/teams/{team}': {
      get: { operationId: 'teamV14', parameters: [{ name: 'team', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: ok(), default: any } },
    },
    '/1.0/teams/{team}': {
      delete: { operationId: 'teamV10', parameters: [{ name: 'team', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: ok(), default: any } },
    },
  },
};

export const problemRenderer = (problem: Problem): Reply => {
  const status = { route_not_found: 404, method_not_allowed: 405, unauthenticated: 401, validation: 400, malformed_body: 400,
    unsupported_media_type: 415, body_too_large: 413, core: 400, bad_request: 400, uri_too_long: 414, invalid_reference: 400, internal: 500 }[problem.kind];
  return { status, body: { problem: problem.kind, ...('limit' in problem ? { limit: problem.limit } : {}) } };
};

export const TEST_RULES: PipelineRules = {
  first: 'auth',
  authenticateWrongMethod: false,
  trailingSlash: 'ignore',
  bodies: {
    json: true, urlencoded: true, multipart: true, accept: 'any', otherTypes: 'urlencoded',
    caseInsensitiveKeys: true, repeated: 'first', undeclared: 'ignore',
  },
};

/** The adapter; `overrides` replace any part of it (its spec, rules, handlers, selector). */
export function testAdapter(overrides: Partial<DialectAdapter> = {}, name: DialectName = 'tsuru'): DialectAdapter {
  return {
    name,
    spec: TEST_SPEC,
    apiRoot: '/',
    rules: TEST_RULES,
    auth: { ...deisAuth, schemeName: 'token' },
    errors: problemRenderer,
    messages: DEIS_MESSAGES,
    handlers: {},
    ...overrides,
  };
}
