// Swagger 2.0 → OpenAPI 3.0.3, one operation at a time. Only what tsuru's Swagger uses is converted:
// path/query parameters, `in: body`, `in: formData` (with files), responses with schemas, definitions.

const SCHEMA_KEYS = ['type', 'format', 'items', 'enum', 'default', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems'];

/** A Swagger schema as an OpenAPI 3.0 schema: refs into components, no siblings next to a $ref. */
export function convertSchema(schema) {
  if (Array.isArray(schema)) return schema.map(convertSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  if (typeof schema.$ref === 'string') {
    // OpenAPI 3.0 ignores every key beside $ref; the Swagger's `type: object` next to refs would only mislead.
    return { $ref: schema.$ref.replace('#/definitions/', '#/components/schemas/') };
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'x-nullable') out.nullable = value;
    else if (key === 'type' && value === 'file') Object.assign(out, { type: 'string', format: 'binary' });
    else if (key === 'x-go-custom-type' || key === 'x-mimetype') continue;
    else out[key] = convertSchema(value);
  }
  return out;
}

/** A non-body Swagger parameter as an OpenAPI 3.0 parameter with a schema. */
function convertParameter(p) {
  const schema = {};
  for (const key of SCHEMA_KEYS) if (p[key] !== undefined) schema[key] = convertSchema(p[key]);
  const out = { name: p.name, in: p.in };
  if (p.description) out.description = p.description;
  if (p.in === 'path' || p.required) out.required = true;
  if (p.type === 'array') {
    // The tsuru server reads every list in a query as repeated keys (Go's Query()[name]), whatever
    // collectionFormat the Swagger gives (it leaves most at csv, Swagger's default, by omission).
    out.style = 'form';
    out.explode = true;
  }
  out.schema = schema;
  return out;
}

/** The form fields of `in: formData` parameters as one object schema. */
function formSchema(fields) {
  const schema = { type: 'object', properties: {} };
  const required = fields.filter((f) => f.required).map((f) => f.name);
  if (required.length) schema.required = required;
  for (const f of fields) {
    const property = convertSchema(Object.fromEntries(SCHEMA_KEYS.filter((k) => f[k] !== undefined).map((k) => [k, f[k]])));
    if (f.description) property.description = f.description;
    schema.properties[f.name] = property;
  }
  return schema;
}

function convertResponse(response, produces) {
  const out = { description: response.description ?? '' };
  if (response.schema) {
    const schema = convertSchema(response.schema);
    out.content = Object.fromEntries(produces.map((type) => [type, { schema }]));
  }
  return out;
}

/**
 * One Swagger operation, with the parameters of its path item, as an OpenAPI 3.0 operation. The
 * Swagger's `consumes`/`produces` are kept under `x-swagger` so later passes can read what the
 * Swagger said about media types; they are removed before the spec is written.
 */
export function convertOperation(op, pathParameters = []) {
  const params = [...pathParameters.filter((pp) => !(op.parameters ?? []).some((p) => p.name === pp.name && p.in === pp.in)), ...(op.parameters ?? [])];
  const consumes = op.consumes?.length ? op.consumes : ['application/json'];
  const produces = op.produces?.length ? op.produces : ['application/json'];
  const out = { operationId: op.operationId };
  if (op.summary) out.summary = op.summary;
  if (op.description) out.description = op.description;
  if (op.tags) out.tags = op.tags;
  const plain = params.filter((p) => p.in !== 'body' && p.in !== 'formData');
  if (plain.length) out.parameters = plain.map(convertParameter);
  const body = params.find((p) => p.in === 'body');
  const form = params.filter((p) => p.in === 'formData');
  if (body) {
    const schema = convertSchema(body.schema);
    out.requestBody = { required: !!body.required, content: Object.fromEntries(consumes.map((type) => [type, { schema }])) };
    if (body.description) out.requestBody.description = body.description;
  } else if (form.length) {
    const schema = formSchema(form);
    out.requestBody = { required: form.some((f) => f.required), content: Object.fromEntries(consumes.map((type) => [type, { schema }])) };
  }
  out.responses = Object.fromEntries(Object.entries(op.responses ?? {}).map(([status, r]) => [status, convertResponse(r, produces)]));
  if (op.security) out.security = op.security;
  out['x-swagger'] = { consumes, produces };
  return out;
}

/** Every `#/components/schemas/X` reachable from a value, following refs through `schemas`. */
export function reachableSchemas(value, schemas, found = new Set()) {
  if (Array.isArray(value)) value.forEach((v) => reachableSchemas(v, schemas, found));
  else if (value && typeof value === 'object') {
    const ref = typeof value.$ref === 'string' && value.$ref.match(/^#\/components\/schemas\/(.+)$/);
    if (ref && !found.has(ref[1])) {
      found.add(ref[1]);
      if (!schemas[ref[1]]) throw new Error(`schema ${ref[1]} is referenced but defined nowhere`);
      reachableSchemas(schemas[ref[1]], schemas, found);
    }
    Object.values(value).forEach((v) => reachableSchemas(v, schemas, found));
  }
  return found;
}
