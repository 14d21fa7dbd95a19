import type { VariableChange, VariableKind, VariableValue } from '../../../src/core/model';
import type { OperationHandler } from '../../types';
import { bodyOf, caller, configJson, jsonMap } from '../mappers';

/** Deis' four config maps, each a kind of the app's variables. */
const MAPS: Record<'values' | 'memory' | 'cpu' | 'tags', VariableKind> = { values: 'env', memory: 'memory', cpu: 'cpu', tags: 'tag' };

export const getConfig: OperationHandler = (req, core) =>
  ({ status: 200, body: configJson(req.params.id, core.releases.currentVariables(caller(req), req.params.id)) });

/** Each map is an object or a JSON string; a null value unsets its key. The new release's number goes in X-Deis-Release. */
export const setConfig: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const changes: VariableChange[] = [];
  for (const [field, kind] of Object.entries(MAPS)) {
    const map = jsonMap(b[field], field);
    for (const [name, value] of Object.entries(map ?? {})) changes.push({ kind, name, value: value as VariableValue | null });
  }
  const { variables, release } = core.releases.setVariables(caller(req), req.params.id, changes);
  return { status: 201, body: configJson(req.params.id, variables), headers: { 'X-Deis-Release': String(release.version) } };
};
