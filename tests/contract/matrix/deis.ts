import { TOKENS, type DialectMatrix } from '../../helpers/accessMatrix';

const app = (suffix = '') => ({ name }: { name: string }) => `/v1/apps/${name}${suffix}`;

/** Every Deis operation on one app: another tenant's app does not exist (404), someone else's is a 403. */
export const deisMatrix: DialectMatrix = {
  dialect: 'deis',
  authorization: (who) => `token ${TOKENS[who]}`,
  refusal: { outsider: 404, stranger: 403 },
  appPath: /^\/apps\/\{id\}/,
  operations: [
    { operationId: 'getApp', method: 'get', path: app() },
    { operationId: 'updateApp', method: 'post', path: app(), body: { owner: 'carol' } },
    { operationId: 'destroyApp', method: 'delete', path: app() },
    { operationId: 'getAppLogs', method: 'get', path: app('/logs') },
    { operationId: 'runCommand', method: 'post', path: app('/run'), body: { command: 'echo hi' } },
    { operationId: 'listContainers', method: 'get', path: app('/containers') },
    { operationId: 'listContainersByType', method: 'get', path: app('/containers/cmd') },
    { operationId: 'getContainer', method: 'get', path: app('/containers/cmd/1') },
    { operationId: 'restartContainers', method: 'post', path: app('/containers/restart') },
    { operationId: 'restartContainersByType', method: 'post', path: app('/containers/cmd/restart') },
    { operationId: 'restartContainer', method: 'post', path: app('/containers/cmd/1/restart') },
    { operationId: 'scaleApp', method: 'post', path: app('/scale'), body: { cmd: 3 } },
    { operationId: 'getConfig', method: 'get', path: app('/config') },
    { operationId: 'setConfig', method: 'post', path: app('/config'), body: { values: { STOLEN: '1' } } },
    { operationId: 'listDomains', method: 'get', path: app('/domains') },
    { operationId: 'addDomain', method: 'post', path: app('/domains'), body: { domain: 'stolen.example.com' } },
    { operationId: 'removeDomain', method: 'delete', path: app('/domains/target.example.com') },
    { operationId: 'listBuilds', method: 'get', path: app('/builds') },
    { operationId: 'createBuild', method: 'post', path: app('/builds'), body: { image: 'evil/image' } },
    { operationId: 'getBuild', method: 'get', path: (t) => `/v1/apps/${t.name}/builds/${t.buildId}` },
    { operationId: 'listReleases', method: 'get', path: app('/releases') },
    { operationId: 'getRelease', method: 'get', path: app('/releases/v1') },
    { operationId: 'rollbackRelease', method: 'post', path: app('/releases/rollback'), body: { version: 1 } },
    { operationId: 'listAppPerms', method: 'get', path: app('/perms') },
    { operationId: 'grantAppPerm', method: 'post', path: app('/perms'), body: { username: 'bob' } },
    { operationId: 'revokeAppPerm', method: 'delete', path: app('/perms/carol') },
  ],
};

/** What the app holds before the intruders come: a build (a running process), a domain and a share. */
export const deisSetup = [
  { path: '/v1/apps/target/builds/', body: { image: 'deis/example-go:latest' } },
  { path: '/v1/apps/target/domains/', body: { domain: 'target.example.com' } },
  { path: '/v1/apps/target/perms/', body: { username: 'carol' } },
];
