import { CoreError } from '../../../src/core/errors';
import type { Staged } from '../../../src/core/services/environments';
import type { OperationHandler } from '../../types';
import { paginate } from '../pages';
import { pathId } from '../ids';
import { environmentCreatedJson, environmentDetailJson, environmentJson, environmentSettingsJson } from '../stageMappers';
import { body, bodyId, caller, queryBool, queryId, validateAll } from '../serializer';

type Filter = (s: Staged) => boolean;

/**
 * An application's environments in creation order (test before live). Filters that ask about state polypaas
 * keeps: deployed, deploying, the last deployment's outcome, mirrors; pending commits are never known.
 */
export const ListEnvironments: OperationHandler = (req, core) => {
  const q = req.query as Record<string, unknown>;
  const application = queryId(req, 'application');
  const related = queryId(req, 'related_to_application');
  const organisation = queryId(req, 'organisation');
  const [deployed, deploying, failed, mirror] = ['deployed', 'deploying', 'last_deployment_failed', 'is_mirror'].map((n) => queryBool(req, n));
  const lastFailed = (s: Staged) => core.deployments.lastFinished(s.environment.id)?.success === false;
  const filters: Filter[] = [
    ({ app }) => application === undefined || app.id === application,
    ({ app }) => related === undefined || app.id === related || core.profiles.profileOf(app).copiedFrom === related,
    ({ app }) => organisation === undefined || core.catalogues.tenantUuid(app.tenantId) === organisation,
    ({ environment }) => q.slug === undefined || environment.name === q.slug,
    ({ app, environment }) => q.name_search === undefined || `${app.name} ${environment.name}`.includes(String(q.name_search).toLowerCase()),
    ({ environment }) => deployed === undefined || !!core.deployments.lastSuccessful(environment.id) === deployed,
    ({ environment }) => deploying === undefined || !!core.deployments.running(environment.id) === deploying,
    (s) => failed === undefined || lastFailed(s) === failed,
    ({ app }) => mirror === undefined || (core.profiles.profileOf(app).copyType === 'MIRROR') === mirror,
    ({ app }) => q.copy_type === undefined || core.profiles.profileOf(app).copyType === q.copy_type,
    () => queryBool(req, 'with_pending_commits') !== true,
  ];
  const items = core.environments.list(caller(req)).filter((s) => filters.every((f) => f(s)));
  const order = (q.o as string[] | undefined)?.[0];
  if (order) items.sort((a, b) => (order.startsWith('-') ? -1 : 1) * a.app.name.localeCompare(b.app.name));
  return paginate(req, items, (s) => environmentJson(core, s));
};

export const CreateEnvironment: OperationHandler = (req, core) => {
  const b = body(req);
  let application: string | undefined;
  validateAll([() => { application = bodyId(req, 'application'); }]);
  const staged = core.environments.create(caller(req), application!, {
    name: String(b.slug ?? ''), branch: String(b.branch ?? ''), alternativeDockerfile: b.alternative_dockerfile as string | null | undefined,
  });
  return { status: 201, body: environmentCreatedJson(staged) };
};

export const GetEnvironment: OperationHandler = (req, core) =>
  ({ status: 200, body: environmentDetailJson(core, core.environments.get(caller(req), pathId(req.params.uuid))) });

const update: OperationHandler = (req, core) => {
  const b = body(req);
  const staged = core.environments.update(caller(req), pathId(req.params.uuid), {
    branch: b.branch as string | undefined, alternativeDockerfile: b.alternative_dockerfile as string | null | undefined,
  });
  return { status: 200, body: environmentSettingsJson(staged) };
};
export const UpdateEnvironment = update;
export const PartialUpdateEnvironment = update;

export const DestroyEnvironment: OperationHandler = (req, core) => {
  core.environments.destroy(caller(req), pathId(req.params.uuid));
  return { status: 204 };
};

/** The new environment's detail; past the plan group's limit, {"non_field_errors": ["Can not add another Environment."]}. */
export const CopyEnvironment: OperationHandler = (req, core) => {
  try {
    const staged = core.environments.copy(caller(req), pathId(req.params.uuid), String(body(req).new_slug ?? ''));
    return { status: 201, body: environmentDetailJson(core, staged) };
  } catch (error) {
    // The new environment's name is this operation's new_slug.
    if (error instanceof CoreError && error.field === 'name') throw new CoreError(error.kind, error.code, error.params, 'new_slug');
    throw error;
  }
};

export const StopEnvironment: OperationHandler = (req, core) => {
  core.environments.stop(caller(req), pathId(req.params.uuid));
  return { status: 200 };
};
