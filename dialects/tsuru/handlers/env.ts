import type { Core } from '../../../src/core/core';
import type { App, VariableChange } from '../../../src/core/model';
import type { OperationHandler } from '../../types';
import { bodyOf, caller, goBool, messageStream, text } from '../mappers';

const MASK = '*** (private variable)';

/** What tsuru sets in every app's environment itself, derived from the app (and why users cannot set TSURU_*). */
function platformVariables(app: App, core: Core) {
  return [
    { name: 'TSURU_APPNAME', value: app.name },
    { name: 'TSURU_APPDIR', value: '/home/application/current' },
    { name: 'TSURU_SERVICES', value: JSON.stringify(servicesOf(app, core)) },
    { name: 'TSURU_APP_DOMAIN', value: `${app.name}.${core.ctx.settings.appDomain}` },
  ].map((v) => ({ ...v, alias: '', public: true }));
}

/** Tsuru's TSURU_SERVICES: each bound service's instances with the variables they export. */
function servicesOf(app: App, core: Core) {
  const services: Record<string, { instance_name: string; envs: Record<string, string> }[]> = {};
  const variables = core.variables.list(app.environmentId);
  for (const i of core.addons.boundTo(app)) {
    const envs = Object.fromEntries(variables.filter((v) => v.source === `binding:${i.id}`).map((v) => [v.name, text(v.value)]));
    (services[i.serviceName] ??= []).push({ instance_name: i.name, envs });
  }
  return services;
}

/** The app's variables: its own (private ones masked) after the platform's; `env` picks one by name. */
export const EnvGet: OperationHandler = (req, core) => {
  const p = caller(req);
  const app = core.apps.get(p, req.params.app);
  const own = core.releases.currentVariables(p, app.name).variables.filter((v) => v.kind === 'env').map((v) => ({
    name: v.name, value: v.isSensitive ? MASK : text(v.value), alias: '', public: !v.isSensitive,
  }));
  const all = [...platformVariables(app, core), ...own];
  const wanted = text(req.query.env);
  return { status: 200, body: wanted ? all.filter((v) => v.name === wanted) : all };
};

/** `Envs.N.Name`/`Envs.N.Value` (or JSON `envs`), `Private` for all of them or per variable, `NoRestart`. */
export const EnvSet: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const allPrivate = goBool(b.private);
  const envs = Array.isArray(b.envs) ? (b.envs as Record<string, unknown>[]) : [];
  const changes: VariableChange[] = envs.map((e) => ({
    kind: 'env', name: text(e.name), value: text(e.value), isSensitive: allPrivate || goBool(e.private),
  }));
  const { release, restarted } = core.catalogueApps.setEnv(caller(req), req.params.app, changes, !goBool(b.norestart));
  return messageStream(core, [`---- Setting ${changes.length} new environment variables ----\n`, ...restartLines(restarted, release.version)]);
};

export const EnvUnset: OperationHandler = (req, core) => {
  const names = (Array.isArray(req.query.env) ? req.query.env : [req.query.env]).map(text);
  const changes = names.map((name): VariableChange => ({ kind: 'env', name, value: null }));
  const { release, restarted } = core.catalogueApps.setEnv(caller(req), req.params.app, changes, !goBool(req.query.noRestart));
  return messageStream(core, [`---- Unsetting ${names.length} environment variables ----\n`, ...restartLines(restarted, release.version)]);
};

/** What the stream says about the units: they move to the new version unless the client asked for no restart. */
function restartLines(restarted: number, version: number): string[] {
  return restarted ? [`---- Restarting ${restarted} unit(s) with version ${version} ----\n`] : [];
}
