import type { VariableChange, VariableKind, VariableValue } from '../../../src/core/model';
import type { OperationHandler } from '../../types';
import { bodyOf, caller, configJson, jsonMap } from '../mappers';
import { requestVersion } from '../version';

/** Deis' four config maps, each a kind of the app's variables. */
const MAPS: Record<'values' | 'memory' | 'cpu' | 'tags', VariableKind> = { values: 'env', memory: 'memory', cpu: 'cpu', tags: 'tag' };

export const getConfig: OperationHandler = (req, core) =>
  ({ status: 200, body: configJson(req.params.id, core.releases.currentVariables(caller(req), req.params.id)) });

/**
 * The later controller's cpu field (JSONIntFieldSerializer) stores each share that reads as an integer
 * as one: the 1.13 client sends `{"cpu": {"web": "512"}}` and reads back 512. v1.0.1 keeps what it got.
 */
const INTEGER = /^\s*[+-]?\d+\s*$/;
const asCpuShare = (value: unknown) => (typeof value === 'string' && INTEGER.test(value) ? Number(value) : value);

/** Each map is an object or a JSON string; a null value unsets its key. The new release's number goes in X-Deis-Release. */
export const setConfig: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const coerceCpu = requestVersion(req.headers) === '1.7';
  const changes: VariableChange[] = [];
  for (const [field, kind] of Object.entries(MAPS)) {
    const map = jsonMap(b[field], field);
    for (const [name, given] of Object.entries(map ?? {})) {
      const value = kind === 'cpu' && coerceCpu ? asCpuShare(given) : given;
      changes.push({ kind, name, value: value as VariableValue | null });
    }
  }
  const { variables, release } = core.releases.setVariables(caller(req), req.params.id, changes);
  return { status: 201, body: configJson(req.params.id, variables), headers: { 'X-Deis-Release': String(release.version) } };
};
