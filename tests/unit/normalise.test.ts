import type { OpenAPIV3 } from 'openapi-types';
import { coerce, formToObject, keyPath, safeCopy } from '../../src/http/normalise';

const GO = { caseInsensitiveKeys: true, repeated: 'first' } as const;
const DJANGO = { caseInsensitiveKeys: false, repeated: 'last' } as const;

const schema: OpenAPIV3.SchemaObject = {
  type: 'object',
  properties: {
    envs: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' }, private: { type: 'boolean' } } } },
    noRestart: { type: 'boolean' },
    units: { type: 'integer' },
    tags: { type: 'array', items: { type: 'string' } },
    plan: { type: 'object', properties: { memory: { type: 'number' } } },
    name: { type: 'string' },
  },
};

test('dotted and indexed lists become arrays of objects named as the schema names them', () => {
  const body = formToObject([['Envs.1.Name', 'B'], ['Envs.0.Name', 'A'], ['Envs.0.Value', 'x'], ['Envs.0.Private', ''], ['Envs.1.Value', 'y']], schema, GO);
  expect(body).toEqual({ envs: [{ name: 'A', value: 'x', private: false }, { name: 'B', value: 'y' }] });
});

test('bracketed keys read like dotted ones', () => {
  expect(keyPath('envs[0][name]')).toEqual(['envs', '0', 'name']);
  expect(formToObject([['plan[memory]', '512']], schema, GO)).toEqual({ plan: { memory: 512 } });
});

test('keys match in any case only where the server reads forms that way', () => {
  expect(formToObject([['NoRestart', 'true']], schema, GO)).toEqual({ noRestart: true });
  expect(formToObject([['NoRestart', 'true']], schema, DJANGO)).toEqual({ NoRestart: 'true' });
});

test('a repeated key is an array where the schema has one, else the first (Go) or last (Django) value', () => {
  const fields: [string, string][] = [['tags', 'a'], ['tags', 'b'], ['name', 'one'], ['name', 'two']];
  expect(formToObject(fields, schema, GO)).toEqual({ tags: ['a', 'b'], name: 'one' });
  expect(formToObject(fields, schema, DJANGO)).toEqual({ tags: ['a', 'b'], name: 'two' });
});

test('strings become the schema\'s numbers and booleans; what does not fit stays for validation to refuse', () => {
  expect(coerce('3', { type: 'integer' })).toBe(3);
  expect(coerce('-1.5', { type: 'number' })).toBe(-1.5);
  expect(coerce('three', { type: 'integer' })).toBe('three');
  expect(coerce('', { type: 'boolean' })).toBe(false);
  expect(coerce('1', { type: 'boolean' })).toBe(true);
  expect(coerce('TRUE', { type: 'boolean' })).toBe(true);
  expect(coerce('maybe', { type: 'boolean' })).toBe('maybe');
  expect(coerce('x', { oneOf: [{ type: 'array', items: { type: 'string' } }] })).toEqual(['x']);
});

test('keys outside the schema are kept as sent, their values as strings', () => {
  expect(formToObject([['web', '3']], { type: 'object', additionalProperties: { type: 'integer' } }, DJANGO)).toEqual({ web: 3 });
  expect(formToObject([['other', '1']], undefined, DJANGO)).toEqual({ other: '1' });
});

test('every object built has no prototype, so keys like __proto__ and constructor are data', () => {
  const form = formToObject([['__proto__', 'x'], ['constructor', 'y'], ['envs.0.__proto__', 'z']], schema, GO);
  expect(Object.getPrototypeOf(form)).toBeNull();
  expect(Object.keys(form)).toEqual(['__proto__', 'constructor', 'envs']);
  const json = safeCopy(JSON.parse('{"__proto__": {"admin": true}, "a": [{"constructor": 1}]}')) as Record<string, unknown>;
  expect(Object.getPrototypeOf(json)).toBeNull();
  expect(Object.keys(json)).toEqual(['__proto__', 'a']);
  expect((json as { admin?: boolean }).admin).toBeUndefined();
  expect(Object.getPrototypeOf((json.a as object[])[0])).toBeNull();
});
