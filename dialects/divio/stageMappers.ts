import { createHash } from 'node:crypto';
import type { Core } from '../../src/core/core';
import type { App, Environment } from '../../src/core/model';
import type { Deployment } from '../../src/core/services/deployments';
import type { Staged } from '../../src/core/services/environments';
import { stepWording } from '../stepWording';
import { divioDate, divioDateOrNull } from './mappers';

/** How Divio's deployment log words each step a deployment records (deploymentSteps.json). */
export const deploymentStep = stepWording('divio/deploymentSteps.json');

/** The variables the platform sets in every environment, besides the user's own (names only). */
const BUILT_IN_VARIABLES = ['DOMAIN', 'DOMAIN_ALIASES', 'GIT_BRANCH', 'SECRET_KEY', 'STAGE'];

/** The hostname the platform gives an environment: the app's own for the primary one. */
const hostOf = (core: Core, app: App, environment: Environment) =>
  `${environment.isPrimary ? app.name : `${app.name}-${environment.name}`}.${core.ctx.settings.appDomain}`;

/** The names of the variables a deployment was made with: its release's, or the environment's while it runs. */
function deploymentVariables(core: Core, d: Deployment): { name: string; value: string | null }[] {
  const release = core.deployments.releaseOf(d);
  const variables = release
    ? release.variables.filter((v) => v.kind === 'env')
    : core.environmentVariables.of(d.environmentId);
  return variables.map((v) => ({ name: v.name, value: v.isSensitive ? null : String(v.value) }));
}

function deploymentFields(core: Core, d: Deployment & Staged) {
  const build = core.deployments.buildOf(d);
  return {
    uuid: d.id,
    environment: d.environmentId,
    region: core.profiles.profileOf(d.app).regionId ?? core.catalogues.defaultRegion()!.id,
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

export const deploymentJson = (core: Core, d: Deployment & Staged) => ({
  ...deploymentFields(core, d),
  environment_variables: deploymentVariables(core, d).map((v) => v.name),
  percent: d.percent,
});

/** The deployment with the variables it was made with as a map (hidden values null). */
export const deploymentVariablesJson = (core: Core, d: Deployment & Staged) => ({
  ...deploymentFields(core, d),
  environment_variables: Object.fromEntries(deploymentVariables(core, d).map((v) => [v.name, v.value])),
});

export const deploymentCreatedJson = (d: Deployment) => ({
  uuid: d.id,
  environment: d.environmentId,
  build_mode: d.buildMode,
  copy_from: d.copyFrom,
  adopt_deployment: d.adoptDeployment,
  provision_services: d.provisionServices,
});

const withStage = (core: Core, staged: Staged, d: Deployment | undefined) => (d ? deploymentJson(core, { ...d, ...staged }) : null);

/** `<last deployed commit>..<branch>`, null before the first deployment. */
function pendingCommitsLookup(core: Core, environment: Environment): string | null {
  const deployed = core.deployments.lastSuccessful(environment.id);
  const sha = deployed && core.deployments.buildOf(deployed)?.sha;
  return sha ? `${sha}..${environment.branch}` : null;
}

/** An environment as lists show it (the real list serializer, seen in a captured page). */
export function environmentJson(core: Core, staged: Staged) {
  const { app, environment } = staged;
  return {
    uuid: environment.id,
    application: app.id,
    app_name: `${app.name.replace(/-/g, '')}-${environment.name}-${createHash('md5').update(environment.id).digest('hex')}`,
    slug: environment.name,
    branch: environment.branch,
    primary_domain: core.domains.primaryOf(environment.id)?.id ?? null,
    pending_commits_lookup: pendingCommitsLookup(core, environment),
    ondemand_backup_retention_config: null,
    scheduled_backup_config: null,
    environment_variables: core.environmentVariables.of(environment.id).map((v) => v.name),
    is_production_grade: environment.isPrimary,
    last_finished_deployment: withStage(core, staged, core.deployments.lastFinished(environment.id)),
  };
}

export function environmentDetailJson(core: Core, staged: Staged) {
  const { app, environment } = staged;
  const profile = core.profiles.profileOf(app);
  const released = core.deployments.lastSuccessful(environment.id);
  const list = environmentJson(core, staged);
  const pending = pendingVariableChanges(core, environment, released);
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
    currently_running_deployment: withStage(core, staged, core.deployments.running(environment.id)),
    currently_released_deployment: withStage(core, staged, released),
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
    running_tasks: core.deployments.running(environment.id) ? ['deployment'] : [],
    built_in_environment_variables: BUILT_IN_VARIABLES,
    environment_variables: list.environment_variables,
  };
}

/** The variables changed since the environment's running release: they take effect at its next deployment. */
function pendingVariableChanges(core: Core, environment: Environment, released: Deployment | undefined) {
  const deployed = new Map((released && core.deployments.releaseOf(released)?.variables.filter((v) => v.kind === 'env') || [])
    .map((v) => [v.name, v.value]));
  const current = core.environmentVariables.of(environment.id);
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
