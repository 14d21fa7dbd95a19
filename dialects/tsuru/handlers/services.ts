import type { Core } from '../../../src/core/core';
import type { Principal } from '../../../src/core/model';
import type { InstanceView } from '../../../src/core/services/addons';
import type { OperationHandler } from '../../types';
import { bodyOf, caller, text } from '../mappers';

function instanceJson(i: InstanceView) {
  return {
    name: i.name, tags: i.tags, id: i.id, service_name: i.serviceName, plan_name: i.plan, apps: i.apps, jobs: [], bound_units: [],
    teams: i.teams, team_owner: i.tenantId, description: i.description, parameters: i.parameters, pool: '',
  };
}

/** Services with the caller's instances of each: every service, or only those with an instance bound to `app`. */
function serviceLists(core: Core, p: Principal, appName?: string) {
  const instances = core.addons.instances(p, appName);
  return core.addons.services()
    .map((svc) => {
      const own = instances.filter((i) => i.serviceName === svc.name);
      return { service: svc.name, instances: own.map((i) => i.name), plans: svc.plans.map((pl) => pl.name), service_instances: own.map(instanceJson) };
    })
    .filter((s) => !appName || s.instances.length);
}

export const ServicesList: OperationHandler = (req, core) => {
  const lists = serviceLists(core, caller(req));
  return lists.length ? { status: 200, body: lists } : { status: 204 };
};

/** What service-list and app-info read: `?app=` narrows to the instances bound to that app. */
export const InstancesList: OperationHandler = (req, core) => {
  const lists = serviceLists(core, caller(req), text(req.query.app) || undefined);
  return lists.length ? { status: 200, body: lists } : { status: 204 };
};

/** `id`, `endpoint`, `username`, `password`, `team`: a service offered by the team. */
export const ServiceCreate: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const p = caller(req);
  const teams = [...p.roles.keys()];
  core.addons.createService(p, {
    name: text(b.id), team: text(b.team) || (teams.length === 1 ? teams[0] : ''), endpoint: text(b.endpoint),
    username: text(b.username), password: text(b.password),
  });
  return { status: 201 };
};

export const ServiceUpdate: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const changes = Object.fromEntries((['endpoint', 'username', 'password'] as const).filter((k) => text(b[k])).map((k) => [k, text(b[k])]));
  core.addons.updateService(caller(req), req.params.name, changes);
  return { status: 200 };
};

export const ServiceDelete: OperationHandler = (req, core) => {
  core.addons.removeService(caller(req), req.params.name);
  return { status: 200 };
};

/** The caller's instances of the service. */
export const ServiceInfo: OperationHandler = (req, core) => {
  const p = caller(req);
  core.addons.service(req.params.name);
  const instances = core.addons.instances(p).filter((i) => i.serviceName === req.params.name);
  return {
    status: 200,
    body: instances.map((i) => ({
      id: String(i.id), name: i.name, pool: '', teams: i.teams, planname: i.plan, apps: i.apps, jobs: [], servicename: i.serviceName,
      info: {}, teamowner: i.tenantId,
    })),
  };
};

export const ServiceDoc: OperationHandler = (req, core) =>
  ({ status: 200, contentType: 'text/plain; charset=utf-8', body: core.addons.service(req.params.name).doc });

export const ServiceAddDoc: OperationHandler = (req, core) => {
  core.addons.updateService(caller(req), req.params.name, { doc: text(bodyOf(req).doc) });
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: '' };
};

export const ServicePlans: OperationHandler = (req, core) =>
  ({ status: 200, body: core.addons.service(req.params.name).plans });
