import type { OpenAPIV3 } from 'openapi-types';

/**
 * Turns a request body into the value the routed operation's schema describes, the way real servers
 * read their forms: keys matched to the schema's property names (in any case where the server's form
 * reader ignores case), dotted and indexed lists (`Envs.0.Name=FOO` → `envs: [{name: 'FOO'}]`),
 * repeated keys into arrays where the schema has an array, and strings into the schema's numbers and
 * booleans (Go sends an empty string for false). Every object built has no prototype, so a key such
 * as `constructor` or `__proto__` is data, never an inherited property.
 */

type Schema = OpenAPIV3.SchemaObject;
type Dict = Record<string, unknown>;

export interface FormReading {
  caseInsensitiveKeys: boolean;
  /** Which value counts when the schema wants one and the form repeats the key. */
  repeated: 'first' | 'last';
}

const dict = (): Dict => Object.create(null) as Dict;

/** A deep copy of a parsed JSON value whose objects have no prototype. */
export function safeCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(safeCopy);
  if (value === null || typeof value !== 'object') return value;
  const out = dict();
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, key, { value: safeCopy(item), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The schema a value must match, looking through allOf/oneOf/anyOf to the first branch with a type. */
function resolved(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.type || schema.properties) return schema;
  const branches = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])] as Schema[];
  return branches.map(resolved).find((branch) => branch?.type || branch?.properties) ?? schema;
}

const typeOf = (schema: Schema | undefined) => resolved(schema)?.type;

const NO_PROPERTIES: Record<string, Schema> = {};
const lowerCaseNames = new WeakMap<object, Map<string, string>>();

/** The properties' names by their lower case, built once per schema (the first name wins, as a scan would find it). */
function namesByLowerCase(properties: Record<string, Schema>): Map<string, string> {
  let names = lowerCaseNames.get(properties);
  if (!names) {
    names = new Map();
    for (const name of Object.keys(properties)) if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
    lowerCaseNames.set(properties, names);
  }
  return names;
}

/** The schema's own name for a form key, and the property's schema. */
function property(schema: Schema | undefined, key: string, reading: FormReading): [string, Schema | undefined] {
  const s = resolved(schema);
  const properties = (s?.properties ?? NO_PROPERTIES) as Record<string, Schema>;
  if (Object.hasOwn(properties, key)) return [key, properties[key]];
  if (reading.caseInsensitiveKeys) {
    const name = namesByLowerCase(properties).get(key.toLowerCase());
    if (name) return [name, properties[name]];
  }
  const extra = s?.additionalProperties;
  return [key, typeof extra === 'object' ? (extra as Schema) : undefined];
}

/** `Envs.0.Name` and `envs[0][name]` alike → ['Envs', '0', 'Name']. */
export function keyPath(key: string): string[] {
  if (!key.includes('.') && !key.includes('[')) return [key];
  return key.replace(/\[([^\]]*)\]/g, '.$1').split('.').filter((part, i) => part !== '' || i === 0);
}

/** Builds the body object from form fields, in the order they came, guided by the schema. */
export function formToObject(fields: [string, string][], schema: Schema | undefined, reading: FormReading): Dict {
  const root = dict();
  for (const [key, value] of fields) place(root, schema, keyPath(key), value, reading);
  return compactLists(root) as Dict;
}

function place(target: Dict, schema: Schema | undefined, path: string[], value: string, reading: FormReading): void {
  const [name, propertySchema] = property(schema, path[0], reading);
  const rest = path.slice(1);
  const existing = target[name];
  if (rest.length === 0) {
    setLeaf(target, name, propertySchema, existing, value, reading);
    return;
  }
  if (typeOf(propertySchema) === 'array' && /^\d+$/.test(rest[0])) {
    const list = (existing instanceof SparseList ? existing : new SparseList());
    target[name] = list;
    const items = resolved(propertySchema)!.type === 'array' ? (resolved(propertySchema) as OpenAPIV3.ArraySchemaObject).items as Schema : undefined;
    const index = Number(rest[0]);
    if (rest.length === 1) {
      list.set(index, coerce(value, items));
      return;
    }
    const current = list.get(index);
    // Not `instanceof Object`: the objects built here have no prototype.
    const item = current !== null && typeof current === 'object' ? (current as Dict) : dict();
    list.set(index, item);
    place(item, items, rest.slice(1), value, reading);
    return;
  }
  const child = existing !== null && typeof existing === 'object' && !(existing instanceof SparseList) && !Array.isArray(existing) ? (existing as Dict) : dict();
  target[name] = child;
  place(child, propertySchema, rest, value, reading);
}

function setLeaf(target: Dict, name: string, schema: Schema | undefined, existing: unknown, value: string, reading: FormReading): void {
  const s = resolved(schema);
  if (s?.type === 'array') {
    const items = (s as OpenAPIV3.ArraySchemaObject).items as Schema;
    const list = Array.isArray(existing) ? existing : [];
    list.push(coerce(value, items));
    target[name] = list;
    return;
  }
  if (existing !== undefined && reading.repeated === 'first') return;
  target[name] = coerce(value, schema);
}

/** A string read as the schema's scalar type; a value that does not fit stays a string for validation to refuse. */
export function coerce(value: string, schema: Schema | undefined): unknown {
  switch (typeOf(schema)) {
    case 'integer':
    case 'number':
      return /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value) ? Number(value) : value;
    case 'boolean': {
      const lower = value.trim().toLowerCase();
      if (lower === 'true' || lower === '1') return true;
      if (lower === 'false' || lower === '0' || lower === '') return false;
      return value;
    }
    case 'array':
      return [coerce(value, (resolved(schema) as OpenAPIV3.ArraySchemaObject).items as Schema)];
    default:
      return value;
  }
}

/** Indexed list entries as sent (`Envs.3`, `Envs.1`), kept by index until the form is read. */
class SparseList {
  private readonly entries = new Map<number, unknown>();
  get(index: number) {
    return this.entries.get(index);
  }
  set(index: number, value: unknown) {
    this.entries.set(index, value);
  }
  /** The entries in index order, gaps closed (Go's form readers do the same). */
  toArray(): unknown[] {
    return [...this.entries.entries()].sort(([a], [b]) => a - b).map(([, value]) => value);
  }
}

function compactLists(value: unknown): unknown {
  if (value instanceof SparseList) return value.toArray().map(compactLists);
  if (Array.isArray(value)) return value.map(compactLists);
  if (value === null || typeof value !== 'object') return value;
  const out = value as Dict;
  for (const key of Object.keys(out)) out[key] = compactLists(out[key]);
  return out;
}
