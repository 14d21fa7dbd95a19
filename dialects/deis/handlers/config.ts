import type { ConfigChanges } from '../../../src/core/model';
import type { OperationHandler } from '../../types';
import { bodyOf, caller, configJson, jsonMap } from '../mappers';

export const getConfig: OperationHandler = (req, core) =>
  ({ status: 200, body: configJson(req.params.id, core.releases.currentConfig(caller(req), req.params.id)) });

/** Each map is an object or a JSON string; a null value unsets its key. The new release's number goes in X-Deis-Release. */
export const setConfig: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const changes: ConfigChanges = {};
  for (const field of ['values', 'memory', 'cpu', 'tags'] as const) {
    const map = jsonMap(b[field], field);
    if (map) changes[field] = map;
  }
  const { config, release } = core.releases.setConfig(caller(req), req.params.id, changes);
  return { status: 201, body: configJson(req.params.id, config), headers: { 'X-Deis-Release': String(release.version) } };
};
