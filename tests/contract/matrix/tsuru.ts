import { TOKENS, type DialectMatrix } from '../../helpers/accessMatrix';
import { ADMIN_TOKEN } from '../../helpers/emulator';

const app = (suffix = '') => ({ name }: { name: string }) => `/1.0/apps/${name}${suffix}`;

/**
 * Every Tsuru operation on one app: another team's app (and instance) does not exist for the caller
 * (404), an app of the caller's own team it may not use is tsuru's "You don't have permission" (403).
 */
export const tsuruMatrix: DialectMatrix = {
  dialect: 'tsuru',
  authorization: (who) => `bearer ${TOKENS[who]}`,
  refusal: { outsider: 404, stranger: 403 },
  appPath: /\{app\}/,
  setup: [
    { method: 'put', path: '/1.0/apps/target/teams/polypaas' },
    // Two instances of the default team: one to bind, one already bound (to unbind), made by its admin.
    { method: 'post', path: '/1.0/services/mysql/instances', body: { name: 'free', owner: 'polypaas' }, authorization: `bearer ${ADMIN_TOKEN}` },
    { method: 'post', path: '/1.0/services/mysql/instances', body: { name: 'bound', owner: 'polypaas' }, authorization: `bearer ${ADMIN_TOKEN}` },
    { method: 'put', path: '/1.13/services/mysql/instances/bound/apps/target', authorization: `bearer ${ADMIN_TOKEN}` },
  ],
  operations: [
    { operationId: 'AppGet', method: 'get', path: app() },
    { operationId: 'AppUpdate', method: 'put', path: app(), body: { description: 'taken over' } },
    { operationId: 'AppDelete', method: 'delete', path: app() },
    { operationId: 'AppCnameAdd', method: 'post', path: app('/cname'), body: { cname: ['www.target.example.com'] } },
    { operationId: 'AppCnameDelete', method: 'delete', path: app('/cname?cname=target.example.com') },
    { operationId: 'AppDeploy', method: 'post', path: app('/deploy'), body: { image: 'evil/image:1' } },
    { operationId: 'AppDeployRollback', method: 'post', path: app('/deploy/rollback'), body: { version: '1' } },
    { operationId: 'EnvGet', method: 'get', path: app('/env') },
    { operationId: 'EnvSet', method: 'post', path: app('/env'), body: { envs: [{ name: 'EVIL', value: '1' }] } },
    { operationId: 'EnvUnset', method: 'delete', path: app('/env?env=PORT') },
    { operationId: 'AppLog', method: 'get', path: app('/log?lines=10') },
    { operationId: 'AppQuotaGet', method: 'get', path: app('/quota') },
    { operationId: 'AppRestart', method: 'post', path: app('/restart'), body: { process: '' } },
    { operationId: 'AppStart', method: 'post', path: app('/start'), body: { process: '' } },
    { operationId: 'AppStop', method: 'post', path: app('/stop'), body: { process: '' } },
    { operationId: 'AppRun', method: 'post', path: app('/run'), body: { command: 'echo hi' } },
    { operationId: 'AppTeamGrant', method: 'put', path: app('/teams/polypaas') },
    { operationId: 'AppTeamRevoke', method: 'delete', path: app('/teams/polypaas') },
    { operationId: 'UnitsAdd', method: 'put', path: app('/units'), body: { units: '2', process: 'cmd' } },
    { operationId: 'UnitsRemove', method: 'delete', path: app('/units?units=1&process=cmd') },
    { operationId: 'ServiceInstanceBind', method: 'put', path: ({ name }) => `/1.13/services/mysql/instances/free/apps/${name}` },
    { operationId: 'ServiceInstanceBind1_0', method: 'put', path: ({ name }) => `/1.0/services/mysql/instances/free/${name}` },
    { operationId: 'ServiceInstanceUnbind', method: 'delete', path: ({ name }) => `/1.13/services/mysql/instances/bound/apps/${name}` },
    { operationId: 'ServiceInstanceUnbind1_0', method: 'delete', path: ({ name }) => `/1.0/services/mysql/instances/bound/${name}` },
  ],
};
