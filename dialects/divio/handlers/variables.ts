import type { OperationHandler } from '../../types';
import { paginate } from '../pages';
import { pathId } from '../ids';
import { variableJson, variableWrittenJson } from '../mappers';
import { body, bodyId, caller, queryBool, queryIds, validateAll } from '../serializer';

/** Needs `application` or `environment` (each may repeat), as divio-cli's comment on this endpoint says. */
export const ListEnvironmentVariables: OperationHandler = (req, core) => {
  const q = req.query as Record<string, unknown>;
  const variables = core.environmentVariables.list(caller(req), {
    appIds: queryIds(req, 'application'), environmentIds: queryIds(req, 'environment'), ids: queryIds(req, 'uuid'),
    name: q.name as string | undefined, environmentName: q.environment_slug as string | undefined,
    isSensitive: queryBool(req, 'is_sensitive'), isReadOnly: queryBool(req, 'is_read_only'),
  });
  return paginate(req, variables, variableJson);
};

export const CreateEnvironmentVariable: OperationHandler = (req, core) => {
  const b = body(req);
  let environment: string | undefined;
  validateAll([() => { environment = bodyId(req, 'environment'); }]);
  const variable = core.environmentVariables.create(caller(req), environment!, {
    name: b.name as string | undefined, value: b.value as string | undefined,
    isSensitive: b.is_sensitive as boolean | undefined, patternReplacement: b.is_pattern_replacement_active as boolean | undefined,
  });
  return { status: 201, body: variableWrittenJson(variable) };
};

export const GetEnvironmentVariable: OperationHandler = (req, core) =>
  ({ status: 200, body: variableJson(core.environmentVariables.get(caller(req), pathId(req.params.uuid))) });

/** Whether a variable is sensitive is fixed at its creation: the update schemas have no is_sensitive. */
const update: OperationHandler = (req, core) => {
  const b = body(req);
  const variable = core.environmentVariables.update(caller(req), pathId(req.params.uuid), {
    name: b.name as string | undefined, value: b.value as string | undefined,
    patternReplacement: b.is_pattern_replacement_active as boolean | undefined,
  });
  return { status: 200, body: variableWrittenJson(variable) };
};
export const UpdateEnvironmentVariable = update;
export const PartialUpdateEnvironmentVariable = update;

export const DestroyEnvironmentVariable: OperationHandler = (req, core) => {
  core.environmentVariables.destroy(caller(req), pathId(req.params.uuid));
  return { status: 204 };
};

const move = (where: 'before' | 'after'): OperationHandler => (req, core) => {
  core.environmentVariables.get(caller(req), pathId(req.params.uuid), 'write');
  let target: string | undefined;
  validateAll([() => { target = bodyId(req, 'target'); }]);
  core.environmentVariables.move(caller(req), pathId(req.params.uuid), target!, where);
  return { status: 200, body: { target } };
};
export const MoveBeforeEnvironmentVariable = move('before');
export const MoveAfterEnvironmentVariable = move('after');
