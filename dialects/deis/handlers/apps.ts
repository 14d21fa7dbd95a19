import type { OperationHandler } from '../../types';
import { appJson, bodyOf, caller, paginate } from '../mappers';

/** DRF's DefaultRouter root: the controller registers no viewsets with it, so it lists nothing. */
export const getApiRoot: OperationHandler = () => ({ status: 200, body: {} });

export const listApps: OperationHandler = (req, core) =>
  paginate(req, core.apps.list(caller(req)), (app) => appJson(app, core));

/** DRF puts the serialised `url` field (the app's hostname) into Location. */
export const createApp: OperationHandler = (req, core) => {
  const id = bodyOf(req).id;
  const app = core.apps.create(caller(req), { name: id === undefined || id === null ? undefined : String(id) });
  const body = appJson(app, core);
  return { status: 201, body, headers: { Location: body.url } };
};

export const getApp: OperationHandler = (req, core) =>
  ({ status: 200, body: appJson(core.apps.get(caller(req), req.params.id), core) });

export const destroyApp: OperationHandler = (req, core) => {
  core.apps.destroy(caller(req), req.params.id);
  return { status: 204 };
};

/** text/plain whose body is the log JSON-encoded as one string, as the v1.0 controller sends it. */
export const getAppLogs: OperationHandler = (req, core) => {
  const app = core.apps.get(caller(req), req.params.id);
  const text = core.events.tail(app).map((l) => `${l.createdAt.slice(11, 19)} deis[${l.source}]: ${l.message}\n`).join('');
  return { status: 200, contentType: 'text/plain', body: JSON.stringify(text) };
};

/** The real server answers a JSON array [rc, output], not the {"rc", "output"} the reference shows. */
export const runCommand: OperationHandler = (req, core) => {
  const { rc, output } = core.processes.run(caller(req), req.params.id, String(bodyOf(req).command));
  return { status: 200, body: [rc, output] };
};
