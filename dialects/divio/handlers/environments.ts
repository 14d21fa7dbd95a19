import { CoreError } from '../../../src/core/errors';
import type { OperationHandler } from '../../types';
import { environmentFilter } from '../environmentQuery';
import { paginateWhole } from '../pages';
import { pathId } from '../ids';
import { environmentCreatedJson, environmentDetailJson, environmentFacts, environmentJson, environmentSettingsJson } from '../stageMappers';
import { body, bodyId, caller, validateAll } from '../serializer';

/** An application's environments in creation order (test before live). */
export const ListEnvironments: OperationHandler = (req, core) =>
  paginateWhole(req, core.environments.search(caller(req), environmentFilter(req)), (page) => {
    const facts = environmentFacts(core, page);
    return page.map((listed) => environmentJson(listed, facts));
  });

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
