import { createHash } from 'node:crypto';
import type { Core } from '../../src/core/core';
import type { App, Environment } from '../../src/core/model';
import type { Deployment } from '../../src/core/services/deployments';
import type { Staged } from '../../src/core/services/environments';
import type { ListedEnvironment } from '../../src/core/services/environmentList';
import type { StageFacts } from '../../src/core/services/stageFacts';
import { stepWording } from '../stepWording';
import { divioDate, divioDateOrNull } from './mappers';

/** How Divio's deployment log words each step a deployment records (deploymentSteps.json). */
export const deploymentStep = stepWording('divio/deploymentSteps.json');

/** The variables the platform sets in every environment, besides the user's own (names only). */
const BUILT_IN_VARIABLES = ['DOMAIN', 'DOMAIN_ALIASES', 'GIT_BRANCH', 'SECRET_KEY', 'STAGE'];

/** The hostname the platform gives an environment: the app's own for the primary one. */
const hostOf = (core: Core, app: App, environment: Environment) =>
  `${environment.isPrimary ? app.name : `${app.name}-${environment.name}`}.${core.ctx.settings.appDomain}`;

/** What entries of these deployments show besides their rows: read for all of them at once. */
export const deploymentFacts = (core: Core, deployments: (Deployment & Staged)[], environmentIds: string[] = []) =>
  core.deployments.facts({ deployments, environmentIds, appIds: deployments.map((d) => d.app.id) });

function deploymentFields(d: Deployment & Staged, facts: StageFacts) {
  const build = facts.buildOf(d);
  return {
    uuid: d.id,
    environment: d.environmentId,
    region: facts.regionOf(d.app.id),
    org_membership: null,
    started_at: divioDate(d.startedAt),
    ended_at: divioDateOrNull(d.endedAt),
    duration: d.endedAt ? (Date.parse(d.endedAt) - Date.parse(d.startedAt)) / 1000 : null,
    status: d.status,
    is_usable: d.success === true,
    success: d.success,
    git_commit: build?.sha || null,
    alternative_dockerfile: d.environment.alternativeDockerfile,
    copy_from: d.copyFrom,
  };
}

/** A deployment with the names of the variables it was made with (its release's, or its environment's while it runs). */
export const deploymentJson = (d: Deployment & Staged, facts: StageFacts) => ({
  ...deploymentFields(d, facts),
  environment_variables: facts.deploymentVariables(d).map((v) => v.name),
  percent: d.percent,
});

/** The deployment with the variables it was made with as a map (hidden values null). */
export const deploymentVariablesJson = (d: Deployment & Staged, facts: StageFacts) => ({
  ...deploymentFields(d, facts),
  environment_variables: Object.fromEntries(facts.deploymentVariables(d).map((v) => [v.name, v.value])),
});

export const deploymentCreatedJson = (d: Deployment) => ({
  uuid: d.id,
  environment: d.environmentId,
  build_mode: d.buildMode,
  copy_from: d.copyFrom,
  adopt_deployment: d.adoptDeployment,
  provision_services: d.provisionServices,
});

const withStage = (staged: Staged, d: Deployment | null | undefined, facts: StageFacts) => (d ? deploymentJson({ ...d, ...staged }, facts) : null);

/** What entries of these environments show besides their rows: read for all of them at once. */
export const environmentFacts = (core: Core, items: ListedEnvironment[], deployments: (Deployment & Staged)[] = []) => deploymentFacts(
  core, [...items.flatMap((s) => (s.lastFinished ? [{ ...s.lastFinished, app: s.app, environment: s.environment }] : [])), ...deployments],
  items.map((s) => s.environment.id),
);

/** An environment as lists show it (the real list serializer, seen in a captured page). */
export function environmentJson(listed: ListedEnvironment, facts: StageFacts) {
  const { app, environment } = listed;
  return {
    uuid: environment.id,
    application: app.id,
    app_name: `${app.name.replace(/-/g, '')}-${environment.name}-${createHash('md5').update(environment.id).digest('hex')}`,
    slug: environment.name,
    branch: environment.branch,
    primary_domain: listed.primaryDomainId,
    // `<last deployed commit>..<branch>`, null before the first deployment.
    pending_commits_lookup: listed.deployedSha ? `${listed.deployedSha}..${environment.branch}` : null,
    ondemand_backup_retention_config: null,
    scheduled_backup_config: null,
    environment_variables: facts.variablesOf(environment.id).map((v) => v.name),
    is_production_grade: environment.isPrimary,
    last_finished_deployment: withStage(listed, listed.lastFinished, facts),
  };
}

export function environmentDetailJson(core: Core, staged: Staged) {
  const { app, environment } = staged;
  const profile = core.profiles.profileOf(app);
  const released = core.deployments.lastSuccessful(environment.id);
  const running = core.deployments.running(environment.id);
  const listed = core.environments.listed(staged);
  const facts = environmentFacts(core, [listed], [released, running].flatMap((d) => (d ? [{ ...d, ...staged }] : [])));
  const list = environmentJson(listed, facts);
  const pending = pendingVariableChanges(core, environment, released, facts);
  return {
    uuid: environment.id,
    application: { uuid: app.id, slug: app.name, name: profile.displayName, organisation: core.catalogues.tenantUuid(app.tenantId) },
    slug: environment.name,
    branch: environment.branch,
    is_production_grade: environment.isPrimary,
    pending_commits_lookup: list.pending_commits_lookup,
    has_pending_commits: false,
    alternative_dockerfile: environment.alternativeDockerfile,
    deployed_url: released ? `https://${hostOf(core, app, environment)}` : null,
    last_finished_deployment: list.last_finished_deployment,
    currently_running_deployment: withStage(staged, running, facts),
    currently_released_deployment: withStage(staged, released, facts),
    app_name: list.app_name,
    primary_domain: list.primary_domain,
    divio_domain: hostOf(core, app, environment),
    application_config: { release_commands: profile.releaseCommands, port: profile.settings.port },
    ssh_endpoint: { host: `ssh.${core.ctx.settings.appDomain}`, port: 22, user: `${app.name}-${environment.name}` },
    ondemand_backup_retention_config: null,
    scheduled_backup_config: null,
    next_scheduled_backup_occurence: null,
    pending_commit_count: 0,
    has_pending_changes: pending.length > 0,
    pending_changes: pending,
    running_tasks: running ? ['deployment'] : [],
    built_in_environment_variables: BUILT_IN_VARIABLES,
    environment_variables: list.environment_variables,
  };
}

/** The variables changed since the environment's running release: they take effect at its next deployment. */
function pendingVariableChanges(core: Core, environment: Environment, released: Deployment | undefined, facts: StageFacts) {
  const deployed = new Map((released && core.deployments.releaseOf(released)?.variables.filter((v) => v.kind === 'env') || [])
    .map((v) => [v.name, v.value]));
  const current = facts.variablesOf(environment.id);
  const changed = current.filter((v) => deployed.get(v.name) !== v.value).map((v) => ({ type: 'environment_variable', name: v.name }));
  const removed = [...deployed.keys()].filter((name) => !current.some((v) => v.name === name))
    .map((name) => ({ type: 'environment_variable', name }));
  return released ? [...changed, ...removed] : [];
}

export const environmentCreatedJson = ({ app, environment }: Staged) => ({
  uuid: environment.id, application: app.id, slug: environment.name, branch: environment.branch,
  alternative_dockerfile: environment.alternativeDockerfile,
});

export const environmentSettingsJson = ({ environment }: Staged) => ({
  uuid: environment.id, branch: environment.branch, alternative_dockerfile: environment.alternativeDockerfile,
});
