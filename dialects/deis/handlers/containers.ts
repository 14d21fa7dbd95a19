import { fail } from '../../../src/core/errors';
import type { Core } from '../../../src/core/core';
import type { DialectRequest, OperationHandler, Reply } from '../../types';
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

/** The 1.13 controller's restart: 200 with the restarted containers as a plain list (no page). */
const restart = (req: DialectRequest, core: Core, which: { type?: string; num?: number }): Reply => {
  const app = core.apps.get(caller(req), req.params.id);
  return { status: 200, body: core.processes.restart(caller(req), app.name, which).map((p) => containerJson(app, p)) };
};

export const restartContainers: OperationHandler = (req, core) => restart(req, core, {});

export const restartContainersByType: OperationHandler = (req, core) => restart(req, core, { type: req.params.type });

/** A number that is no integer matches no container, as the controller's filter finds none. */
export const restartContainer: OperationHandler = (req, core) =>
  restart(req, core, { type: req.params.type, num: /^\d+$/.test(req.params.num) ? Number(req.params.num) : NaN });
