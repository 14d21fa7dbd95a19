import type { BuildMode } from '../../../src/core/services/deployments';
import { CoreError } from '../../../src/core/errors';
import type { OperationHandler } from '../../types';
import { DIVIO_MESSAGES } from '../errors';
import { paginate } from '../pages';
import { fieldId, pathId } from '../ids';
import { eventLog } from '../../stepWording';
import { deploymentCreatedJson, deploymentJson, deploymentStep, deploymentVariablesJson } from '../stageMappers';
import { body, bodyId, caller, queryBool, queryId, validateAll } from '../serializer';

/** Newest first, as divio-cli expects (it takes results[0] as the latest). */
export const ListDeployments: OperationHandler = (req, core) => {
  const application = queryId(req, 'application');
  const environment = queryId(req, 'environment');
  const organisation = queryId(req, 'organisation');
  const items = core.deployments.list(caller(req), {
    appIds: application ? [application] : undefined, environmentIds: environment ? [environment] : undefined,
    success: queryBool(req, 'is_success'),
  }).filter((d) => organisation === undefined || core.catalogues.tenantUuid(d.app.tenantId) === organisation);
  return paginate(req, items, (d) => deploymentJson(core, d));
};

/** Answers at once with the small body the real server sends; the deployment runs on the clock. */
export const CreateDeployment: OperationHandler = (req, core) => {
  const b = body(req);
  let environment: string | undefined;
  let copyFrom: string | undefined;
  let adopt: string | undefined;
  validateAll([
    () => { environment = bodyId(req, 'environment'); },
    () => { copyFrom = bodyId(req, 'copy_from', false); },
    () => { adopt = bodyId(req, 'adopt_deployment', false); },
  ]);
  const deployment = core.deployments.create(caller(req), environment!, {
    buildMode: (b.build_mode as BuildMode | undefined) ?? 'AUTO', copyFrom, adoptDeployment: adopt,
    provisionServices: b.provision_services !== false,
  });
  return { status: 201, body: deploymentCreatedJson(deployment) };
};

export const GetDeployment: OperationHandler = (req, core) =>
  ({ status: 200, body: deploymentJson(core, core.deployments.get(caller(req), pathId(req.params.uuid))) });

export const GetDeploymentEnvironmentVariables: OperationHandler = (req, core) =>
  ({ status: 200, body: deploymentVariablesJson(core, core.deployments.get(caller(req), pathId(req.params.uuid))) });

export const GetDeploymentLogs: OperationHandler = (req, core) => {
  const deployment = core.deployments.get(caller(req), pathId(req.params.uuid));
  return { status: 200, body: { uuid: deployment.id, logs: eventLog(core.deployments.eventOf(deployment), deploymentStep) } };
};

/**
 * Deploys every environment the query selects (as ListEnvironments filters them, `limit` at most): each
 * one either starts a deployment or says why not (one already running, no right to deploy it).
 */
export const CreateDeploymentsInBulk: OperationHandler = (req, core) => {
  const q = req.query as Record<string, unknown>;
  const p = caller(req);
  const application = q.application === undefined ? undefined : fieldId(q.application, 'application');
  const adopt = q.adopt_deployment === undefined ? undefined : fieldId(q.adopt_deployment, 'adopt_deployment');
  const selected = core.environments.list(p, application ? [application] : undefined)
    .filter(({ environment }) => q.slug === undefined || environment.name === q.slug)
    .slice(0, typeof q.limit === 'number' ? q.limit : undefined);
  const deployed: Record<string, unknown> = {};
  const errored: Record<string, unknown> = {};
  for (const { environment } of selected) {
    try {
      const d = core.deployments.create(p, environment.id, {
        buildMode: (q.build_mode as BuildMode | undefined) ?? 'AUTO', adoptDeployment: adopt, provisionServices: true,
      });
      deployed[environment.id] = deploymentCreatedJson(d);
    } catch (error) {
      if (!(error instanceof CoreError)) throw error;
      errored[environment.id] = { detail: DIVIO_MESSAGES.word(error).message };
    }
  }
  return { status: 200, body: { deployed, errored } };
};
