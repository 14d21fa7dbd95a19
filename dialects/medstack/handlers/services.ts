import type { OperationHandler } from '../../types';
import { bodyOf, list, scope, serviceJson, taskJson, workloadInput } from '../mappers';

export const listServices: OperationHandler = (req, core) =>
  ({ status: 200, body: list(core.workloads.list(...scope(req)), serviceJson) });

export const getService: OperationHandler = (req, core) =>
  ({ status: 200, body: serviceJson(core.workloads.get(...scope(req), req.params.service_id)) });

export const createService: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  return { status: 201, body: serviceJson(core.workloads.create(...scope(req), String(b.name), workloadInput(b))) };
};

/** PUT: settings left out return to their defaults. The reference answers 201 to both updates. */
export const replaceService: OperationHandler = (req, core) =>
  ({ status: 201, body: serviceJson(core.workloads.update(...scope(req), req.params.service_id, workloadInput(bodyOf(req)), 'replace')) });

/** PATCH: only the settings given change. */
export const updateService: OperationHandler = (req, core) =>
  ({ status: 201, body: serviceJson(core.workloads.update(...scope(req), req.params.service_id, workloadInput(bodyOf(req)), 'patch')) });

export const deleteService: OperationHandler = (req, core) => {
  core.workloads.remove(...scope(req), req.params.service_id);
  return { status: 204 };
};

export const refreshServiceImage: OperationHandler = (req, core) =>
  ({ status: 200, body: serviceJson(core.workloads.refreshImage(...scope(req), req.params.service_id)) });

export const listTasks: OperationHandler = (req, core) =>
  ({ status: 200, body: list(core.workloads.tasks(...scope(req)), taskJson) });
