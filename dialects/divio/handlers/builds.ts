import type { Core } from '../../../src/core/core';
import type { Build } from '../../../src/core/model';
import type { Staged } from '../../../src/core/services/environments';
import type { OperationHandler } from '../../types';
import { paginate } from '../pages';
import { pathId } from '../ids';
import { divioDate } from '../mappers';
import { caller } from '../serializer';

/**
 * A build as Divio shows it: made by a deployment (its build mode is the build's type, from its start to
 * the image), or by another dialect directly from an image.
 */
function buildJson(core: Core, { build, staged }: { build: Build; staged: Staged }) {
  const deployment = core.deployments.madeBuild(build.id);
  return {
    uuid: build.id,
    repository: core.profiles.profileOf(staged.app).repository,
    website: staged.app.id,
    build_type: deployment?.buildMode ?? 'IMAGE',
    start: divioDate(deployment?.startedAt ?? build.createdAt),
    end: divioDate(build.createdAt),
    git_commit: build.sha || null,
    docker_image: build.image,
  };
}

export const ListBuilds: OperationHandler = (req, core) => paginate(req, core.deployments.builds(caller(req)), (b) => buildJson(core, b));

export const GetBuild: OperationHandler = (req, core) =>
  ({ status: 200, body: buildJson(core, core.deployments.build(caller(req), pathId(req.params.uuid))) });
