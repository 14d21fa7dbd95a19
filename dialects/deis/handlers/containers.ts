import { fail } from '../../../src/core/errors';
import type { OperationHandler } from '../../types';
import { bodyOf, caller, containerJson, paginate, toInt } from '../mappers';

export const listContainers: OperationHandler = (req, core) => {
  const app = core.apps.get(caller(req), req.params.id);
  return paginate(req, core.processes.list(caller(req), app.name), (p) => containerJson(app, p));
};

export const listContainersByType: OperationHandler = (req, core) => {
  const app = core.apps.get(caller(req), req.params.id);
  return paginate(req, core.processes.list(caller(req), app.name, req.params.type), (p) => containerJson(app, p));
};

export const getContainer: OperationHandler = (req, core) => {
  const app = core.apps.get(caller(req), req.params.id);
  const container = core.processes.list(caller(req), app.name, req.params.type).find((p) => String(p.num) === req.params.num);
  if (!container) throw fail('request.process_not_found');
  return { status: 200, body: containerJson(app, container) };
};

export const scaleApp: OperationHandler = (req, core) => {
  const structure: Record<string, number> = {};
  for (const [type, count] of Object.entries(bodyOf(req))) {
    const n = toInt(count);
    if (!Number.isInteger(n)) throw fail('request.integer_invalid', { value: String(count) });
    structure[type] = n;
  }
  core.processes.scale(caller(req), req.params.id, structure);
  return { status: 204 };
};
