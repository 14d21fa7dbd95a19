import type { OperationHandler } from '../../types';
import { bodyOf, caller, keyJson, paginate } from '../mappers';

export const listKeys: OperationHandler = (req, core) =>
  paginate(req, core.keys.list(caller(req)), (k) => keyJson(caller(req).username, k));

export const getKey: OperationHandler = (req, core) =>
  ({ status: 200, body: keyJson(caller(req).username, core.keys.get(caller(req), req.params.id)) });

export const addKey: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  return { status: 201, body: keyJson(caller(req).username, core.keys.add(caller(req), String(b.id), String(b.public))) };
};

export const removeKey: OperationHandler = (req, core) => {
  core.keys.remove(caller(req), req.params.id);
  return { status: 204 };
};
