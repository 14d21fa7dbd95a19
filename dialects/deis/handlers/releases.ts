import type { OperationHandler } from '../../types';
import { bodyOf, caller, paginate, releaseJson, toInt } from '../mappers';

export const listReleases: OperationHandler = (req, core) =>
  paginate(req, core.releases.list(caller(req), req.params.id), (r) => releaseJson(req.params.id, r));

export const getRelease: OperationHandler = (req, core) =>
  ({ status: 200, body: releaseJson(req.params.id, core.releases.get(caller(req), req.params.id, Number(req.params.version))) });

/** Without a version, rolls back to the release before the latest. */
export const rollbackRelease: OperationHandler = (req, core) => {
  const given = bodyOf(req).version;
  const release = core.releases.rollback(caller(req), req.params.id, given === undefined ? undefined : toInt(given));
  return { status: 201, body: { version: release.version } };
};
