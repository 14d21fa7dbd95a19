#!/usr/bin/env node
// Writes specs/tsuru.yaml from tsuru's own Swagger 1.18 (seed 000, copied here as api-1.18.yaml) and
// overlay.yaml: the operations of this part (its include list), the fixes FIDELITY.md and the real
// client's traffic call for, and the routes no spec lists. Run: npm run spec:tsuru
//   --stdout   print the spec instead of writing it (the unit test compares the two)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { convertOperation, convertSchema, reachableSchemas } from './swagger2.mjs';
import { applyFidelity, bothBodyEncodings, ERROR_RESPONSES, sharedComponents } from './fidelity.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const PATCHABLE = ['summary', 'description', 'parameters', 'requestBody', 'security', 'x-polypaas-body-limit'];

const readYaml = (file) => YAML.parse(readFileSync(join(here, file), 'utf8'));

/** The Swagger's operations, converted, keyed by operationId, each with its path and method. */
function swaggerOperations(swagger) {
  const found = new Map();
  for (const [path, item] of Object.entries(swagger.paths)) {
    for (const method of METHODS) {
      if (!item[method]) continue;
      const op = convertOperation(item[method], item.parameters);
      bothBodyEncodings(op);
      found.set(op.operationId, { path, method, op });
    }
  }
  return found;
}

/** The Swagger routes FIDELITY.md knows to be wrong, moved to where the real server serves them. */
function fixSwaggerRoutes(available, routes) {
  for (const { operationId, path, method } of routes) {
    const entry = available.get(operationId);
    if (!entry) throw new Error(`swaggerRoutes: ${operationId} is not an operation of the Swagger`);
    if (path) entry.path = path;
    if (method) entry.method = method;
  }
}

/**
 * An overlay fix: the listed keys replace the Swagger's; a response's keys replace those of the
 * Swagger's response with the same status (null removes the response).
 */
function patch(entry, fix) {
  const { op } = entry;
  const pathParameters = (op.parameters ?? []).filter((p) => p.in === 'path');
  for (const key of PATCHABLE) {
    if (fix[key] === null) delete op[key];
    else if (fix[key] !== undefined) op[key] = fix[key];
  }
  // A fix lists the query parameters; the path's own parameters stay as the Swagger declares them.
  if (fix.parameters) op.parameters = [...pathParameters, ...fix.parameters];
  for (const [status, response] of Object.entries(fix.responses ?? {})) {
    if (response === null) delete op.responses[status];
    else op.responses[status] = { ...op.responses[status], ...response };
  }
  if (fix.path) entry.path = fix.path;
  if (fix.method) entry.method = fix.method;
  if (fix.operationId) op.operationId = fix.operationId;
}

function assertKnownErrors(entry) {
  for (const status of Object.keys(entry.op.responses)) {
    if (Number(status) >= 400 && !ERROR_RESPONSES[status]) throw new Error(`${entry.op.operationId}: no shared response for ${status}`);
  }
}

export function buildSpec() {
  const swagger = readYaml('api-1.18.yaml');
  const overlay = readYaml('overlay.yaml');
  const available = swaggerOperations(swagger);
  fixSwaggerRoutes(available, overlay.swaggerRoutes);
  const entries = [];
  for (const id of overlay.include) {
    const entry = available.get(id);
    if (!entry) throw new Error(`include: ${id} is not an operation of the Swagger`);
    if (overlay.fixes?.[id]) patch(entry, overlay.fixes[id]);
    entries.push(entry);
  }
  for (const fix of Object.keys(overlay.fixes ?? {})) {
    if (!overlay.include.includes(fix)) throw new Error(`fixes: ${fix} is not included`);
  }
  for (const added of overlay.added) {
    entries.push({ path: added.path, method: added.method, op: { ...added.operation, 'x-swagger': { produces: [] } } });
  }

  const paths = {};
  const ids = new Set();
  for (const entry of entries) {
    assertKnownErrors(entry);
    if (ids.has(entry.op.operationId)) throw new Error(`operationId ${entry.op.operationId} twice`);
    ids.add(entry.op.operationId);
    paths[entry.path] ??= {};
    if (paths[entry.path][entry.method]) throw new Error(`${entry.method} ${entry.path} twice`);
    paths[entry.path][entry.method] = applyFidelity(entry.path, entry.op);
  }
  const sortedPaths = Object.fromEntries(Object.keys(paths).sort().map((p) => [p, paths[p]]));

  const allSchemas = { ...convertSchema(swagger.definitions), ...overlay.schemas };
  const shared = sharedComponents();
  const used = reachableSchemas([sortedPaths, shared], allSchemas);
  const schemas = Object.fromEntries([...used].sort().map((name) => [name, allSchemas[name]]));
  const tags = [...new Set(entries.flatMap((e) => e.op.tags ?? []))].sort().map((name) => ({ name }));

  return {
    openapi: '3.0.3',
    info: overlay.info,
    servers: [{ url: '/' }],
    security: [{ Bearer: [] }],
    tags,
    paths: sortedPaths,
    components: {
      securitySchemes: overlay.securitySchemes,
      schemas,
      responses: shared.responses,
      headers: shared.headers,
    },
  };
}

export function renderSpec() {
  const header = '# Generated by scripts/tsuru-spec/convert.mjs from api-1.18.yaml and overlay.yaml: do not edit by hand.\n';
  return header + YAML.stringify(buildSpec(), { lineWidth: 0, aliasDuplicateObjects: false });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderSpec();
  if (process.argv.includes('--stdout')) process.stdout.write(text);
  else writeFileSync(join(root, 'specs', 'tsuru.yaml'), text);
}
