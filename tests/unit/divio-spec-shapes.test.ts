import type { Reply } from '../../dialects/types';
import { ResponseChecker } from '../../src/http/strict';
import { loadDivioSpec, operationsOf, type SpecOperation } from '../helpers/divioSpec';

/**
 * The replies the issue describes, checked against specs/divio.yaml with strict mode's own checker: the
 * spec must accept what the Divio dialect has to answer, and refuse what it must never answer.
 */
const ENV = '2b22d485-f04e-492b-b364-e14f8506726a';
const REGION = 'ac2f330e-0351-4cac-b9d3-953e54b3d1f8';

const running = {
  uuid: '095be615-a8ad-4c33-8e9c-c7612fbf6c9f', environment: ENV, region: REGION, org_membership: null,
  started_at: '2026-01-05T10:00:00.000000Z', ended_at: null, duration: null, status: 'building', is_usable: false,
  success: null, git_commit: null, alternative_dockerfile: null, copy_from: null, environment_variables: ['DEBUG'], percent: 40,
};
const done = { ...running, ended_at: '2026-01-05T10:00:34.000000Z', duration: 34, status: 'done', is_usable: true, success: true, git_commit: 'a1b2c3', percent: 100 };

const listItem = (slug: string, lastFinished: unknown) => ({
  uuid: slug === 'test' ? ENV : '3f17d230-ecb9-46b7-b3d9-8f7ccc5b2664', application: 'a4b97354-4e56-4723-bc0e-1f22b5fcbed6',
  app_name: `myapp-${slug}-58284ca388d44510b3399ec2e672990f`, slug, branch: 'main', primary_domain: null,
  pending_commits_lookup: null, ondemand_backup_retention_config: null, scheduled_backup_config: null,
  environment_variables: ['DEBUG'], is_production_grade: slug === 'live', last_finished_deployment: lastFinished,
});

const detail = (sshEndpoint: unknown) => ({
  uuid: ENV, application: { uuid: 'a4b97354-4e56-4723-bc0e-1f22b5fcbed6', slug: 'myapp', name: 'My app', organisation: REGION },
  slug: 'test', branch: 'main', is_production_grade: false, pending_commits_lookup: null, has_pending_commits: false,
  alternative_dockerfile: null, deployed_url: 'http://myapp-test.example.test/', last_finished_deployment: done,
  currently_running_deployment: null, currently_released_deployment: done, app_name: 'myapp-test-58284ca388d44510b3399ec2e672990f',
  primary_domain: null, divio_domain: 'myapp-test.example.test', application_config: null, ssh_endpoint: sshEndpoint,
  ondemand_backup_retention_config: null, scheduled_backup_config: null, next_scheduled_backup_occurence: null,
  pending_commit_count: 0, has_pending_changes: false, pending_changes: [], running_tasks: [],
  built_in_environment_variables: ['DATABASE_URL'], environment_variables: ['DEBUG'],
});

const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });

let operations: Map<string, SpecOperation>;
const checker = new ResponseChecker();
const violations = (operationId: string, reply: Reply) => checker.violations(operations.get(operationId)!, reply);

beforeAll(async () => {
  operations = new Map(operationsOf(await loadDivioSpec()).map(({ operationId, operation }) => [operationId, operation]));
});

test.each([
  ['a running deployment: success and ended_at null', 'GetDeployment', { status: 200, body: running }],
  ['a finished deployment: done, successful, usable', 'GetDeployment', { status: 200, body: done }],
  ['the small body of a new deployment', 'CreateDeployment', { status: 201, body: { uuid: running.uuid, environment: ENV, build_mode: 'AUTO', copy_from: null, adopt_deployment: null, provision_services: true } }],
  ['a deployment log', 'GetDeploymentLogs', { status: 200, body: { uuid: running.uuid, logs: 'Step 1/5\n' } }],
  ['the variables a deployment was made with, hidden ones null', 'GetDeploymentEnvironmentVariables', { status: 200, body: { ...done, percent: undefined, environment_variables: { DEBUG: 'true', SECRET: null } } }],
  ['test then live, test never deployed', 'ListEnvironments', { status: 200, body: page([listItem('test', null), listItem('live', done)]) }],
  ['an environment without an SSH endpoint', 'GetEnvironment', { status: 200, body: detail(null) }],
  ['an environment with an SSH endpoint', 'GetEnvironment', { status: 200, body: detail({ host: 'ssh.example.test', port: 2222, user: 'app' }) }],
  ['the plan limit on copy', 'CopyEnvironment', { status: 400, body: { non_field_errors: ['Can not add another Environment.'] } }],
  ['every missing field of a one-field create, and a nested error', 'CreateApplication', { status: 400, body: { name: ['This field is required.'], release_commands: [{}, { label: ['This field is required.'] }] } }],
  ['a malformed id', 'GetDeployment', { status: 404, body: { detail: 'Invalid UUID.' } }],
  ['no credentials', 'ListApplications', { status: 401, body: { detail: 'Authentication credentials were not provided.' }, headers: { 'WWW-Authenticate': 'Token' } }],
  ['stop, with no body', 'StopEnvironment', { status: 200 }],
  ['a destroy', 'DestroyEnvironmentVariable', { status: 204 }],
])('accepts %s (%s)', (_what, operationId, reply) => {
  expect(violations(operationId, JSON.parse(JSON.stringify(reply)) as Reply)).toEqual([]);
});

test.each([
  ['success as a string', 'GetDeployment', { status: 200, body: { ...running, success: 'yes' } }],
  ['a deployment without percent', 'GetDeployment', { status: 200, body: { ...running, percent: undefined } }],
  ['an empty object for "no deployment yet"', 'ListEnvironments', { status: 200, body: page([listItem('test', {})]) }],
  ['a page without next and previous', 'ListDeployments', { status: 200, body: { count: 1, results: [done] } }],
  ['a base32 id in a reply', 'GetDeployment', { status: 200, body: { ...done, uuid: 'whgzabvjmjeklhia6exvwjemza' } }],
  ['a 401 without WWW-Authenticate', 'ListApplications', { status: 401, body: { detail: 'Invalid token.' } }],
  ['an error that mixes detail and fields', 'CreateDomain', { status: 400, body: { detail: 'x', name: ['y'] } }],
  ['a body on stop', 'StopEnvironment', { status: 200, body: { status: 'stopping' } }],
  ['an undeclared status', 'CreateDeployment', { status: 202, body: { uuid: running.uuid } }],
])('refuses %s (%s)', (_what, operationId, reply) => {
  expect(violations(operationId, JSON.parse(JSON.stringify(reply)) as Reply)).not.toEqual([]);
});
