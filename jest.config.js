/**
 * Tests run the TypeScript sources through swc; `npm test` type-checks them first with tsc.
 * openapi-backend's $ref parser ships as ES modules only, which Node 20 loads but jest's module
 * system does not, so swc compiles it to CommonJS too.
 */
const swc = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: ['/node_modules/(?!@apidevtools/json-schema-ref-parser/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 20000,
};
