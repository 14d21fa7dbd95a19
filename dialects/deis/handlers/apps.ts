import type { OperationHandler } from '../../types';
import { appJson, bodyOf, caller, paginate } from '../mappers';
import { requestVersion } from '../version';

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

/**
 * The 1.13 controller's POST on an app: with `owner` it transfers the app (`deis apps:transfer`),
 * which takes its owner or a superuser; without, it changes nothing. 200 with no body either way.
 */
export const updateApp: OperationHandler = (req, core) => {
  const owner = bodyOf(req).owner;
  if (owner === undefined || owner === null || owner === '') core.apps.get(caller(req), req.params.id);
  else core.apps.transfer(caller(req), req.params.id, String(owner));
  return { status: 200 };
};

export const destroyApp: OperationHandler = (req, core) => {
  core.apps.destroy(caller(req), req.params.id);
  return { status: 204 };
};

/**
 * The latest `log_lines` lines (the controller's default, 100, without it) as text/plain: the v1.0
 * controller JSON-encodes the log as one string, the later one sends the text itself.
 */
export const getAppLogs: OperationHandler = (req, core) => {
  const app = core.apps.get(caller(req), req.params.id);
  const lines = req.query.log_lines === undefined ? undefined : Number(req.query.log_lines);
  const text = core.events.tail(app, lines).map((l) => `${l.createdAt.slice(11, 19)} deis[${l.source}]: ${l.message}\n`).join('');
  return { status: 200, contentType: 'text/plain', body: requestVersion(req.headers) === '1.0' ? JSON.stringify(text) : text };
};

/** The real server answers a JSON array [rc, output], not the {"rc", "output"} the reference shows. */
export const runCommand: OperationHandler = (req, core) => {
  const { rc, output } = core.processes.run(caller(req), req.params.id, String(bodyOf(req).command));
  return { status: 200, body: [rc, output] };
};
