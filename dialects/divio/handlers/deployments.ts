import type { BuildMode } from '../../../src/core/services/deployments';
import { CoreError } from '../../../src/core/errors';
import type { OperationHandler } from '../../types';
import { DIVIO_MESSAGES } from '../errors';
import { paginateWhole } from '../pages';
import { fieldId, pathId } from '../ids';
import { eventLog } from '../../stepWording';
import { deploymentCreatedJson, deploymentFacts, deploymentJson, deploymentStep, deploymentVariablesJson } from '../stageMappers';
import { body, bodyId, caller, queryBool, queryId, validateAll } from '../serializer';
import { environmentFilter } from '../environmentQuery';

/** Newest first, as divio-cli expects (it takes results[0] as the latest). */
export const ListDeployments: OperationHandler = (req, core) => {
  const items = core.deployments.list(caller(req), {
    appId: queryId(req, 'application'), environmentId: queryId(req, 'environment'), success: queryBool(req, 'is_success'),
    tenantUuid: queryId(req, 'organisation'),
  });
  return paginateWhole(req, items, (page) => {
    const facts = deploymentFacts(core, page);
    return page.map((d) => deploymentJson(d, facts));
  });
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

export const GetDeployment: OperationHandler = (req, core) => {
  const deployment = core.deployments.get(caller(req), pathId(req.params.uuid));
  return { status: 200, body: deploymentJson(deployment, deploymentFacts(core, [deployment])) };
};

export const GetDeploymentEnvironmentVariables: OperationHandler = (req, core) => {
  const deployment = core.deployments.get(caller(req), pathId(req.params.uuid));
  return { status: 200, body: deploymentVariablesJson(deployment, deploymentFacts(core, [deployment])) };
};

export const GetDeploymentLogs: OperationHandler = (req, core) => {
  const deployment = core.deployments.get(caller(req), pathId(req.params.uuid));
  return { status: 200, body: { uuid: deployment.id, logs: eventLog(core.deployments.eventOf(deployment), deploymentStep) } };
};

/**
 * Deploys every environment the query selects (as ListEnvironments filters and orders them, the first
 * `limit` at most; a negative limit selects none): each one either starts a deployment or says why not
 * (one already running, no right to deploy it).
 */
export const CreateDeploymentsInBulk: OperationHandler = (req, core) => {
  const q = req.query as Record<string, unknown>;
  const p = caller(req);
  const adopt = q.adopt_deployment === undefined ? undefined : fieldId(q.adopt_deployment, 'adopt_deployment');
  const environments = core.environments.search(p, environmentFilter(req));
  // The spec declares limit an integer: the query carries its digits.
  const limit = q.limit === undefined ? undefined : Math.max(0, Number(q.limit));
  const selected = limit === undefined ? environments.all() : environments.page({ limit, offset: 0 });
  const outcomes = core.deployments.createEach(p, selected.map(({ environment }) => environment.id), {
    buildMode: (q.build_mode as BuildMode | undefined) ?? 'AUTO', adoptDeployment: adopt, provisionServices: true,
  });
  const deployed: Record<string, unknown> = {};
  const errored: Record<string, unknown> = {};
  for (const [environmentId, outcome] of outcomes) {
    if (outcome instanceof CoreError) errored[environmentId] = { detail: DIVIO_MESSAGES.word(outcome).message };
    else deployed[environmentId] = deploymentCreatedJson(outcome);
  }
  return { status: 200, body: { deployed, errored } };
};
