import type { Core } from '../../../src/core/core';
import type { DialectRequest, OperationHandler } from '../../types';
import { bodyOf, caller, goBool, messageStream, text } from '../mappers';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(text) : value ? [text(value)] : []);

/** `parameters.k=v` fields (or the empty `parameters=` the CLI sends) as a map. */
const stringMap = (value: unknown): Record<string, string> =>
  (value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text(v)])) : {});

function onlyTeam(req: DialectRequest): string {
  const teams = [...caller(req).roles.keys()];
  return teams.length === 1 ? teams[0] : '';
}

/** 201 without a body (FIDELITY.md: the server says 201 where the Swagger says 200). */
export const InstanceCreate: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  core.addons.createInstance(caller(req), req.params.service, {
    name: text(b.name), plan: text(b.plan), team: text(b.owner) || onlyTeam(req), description: text(b.description),
    tags: list(b.tag), parameters: stringMap(b.parameters),
  });
  return { status: 201 };
};

export const InstanceGet: OperationHandler = (req, core) => {
  const i = core.addons.instance(caller(req), req.params.service, req.params.instance);
  return {
    status: 200,
    body: {
      apps: i.apps, jobs: [], teams: i.teams, teamowner: i.tenantId, description: i.description, pool: '', planname: i.plan,
      plandescription: i.planDescription, tags: i.tags, custominfo: {}, parameters: i.parameters,
    },
  };
};

export const InstanceUpdate: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  core.addons.updateInstance(caller(req), req.params.service, req.params.instance, {
    description: text(b.description), team: text(b.teamowner), plan: text(b.plan), tags: list(b.tags), parameters: stringMap(b.parameters),
  });
  return { status: 200 };
};

export const InstanceDelete: OperationHandler = (req, core) => {
  const { service, instance } = req.params;
  const unbound = core.addons.removeInstance(caller(req), service, instance, goBool(req.query.unbindall));
  return messageStream(core, [
    ...unbound.map((app) => `Instance "${instance}" is not bound to the app "${app}" anymore.\n`),
    `Service instance "${instance}" removed.\n`,
  ]);
};

/** polypaas runs no service API to ask: an instance that exists is up. */
export const ServiceInstanceStatus: OperationHandler = (req, core) => {
  core.addons.instance(caller(req), req.params.service, req.params.instance);
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: `Service instance "${req.params.instance}" is up` };
};

export const ServiceInstanceGrant: OperationHandler = (req, core) => {
  core.addons.shareWith(caller(req), req.params.service, req.params.instance, req.params.team, true);
  return { status: 200 };
};

export const ServiceInstanceRevoke: OperationHandler = (req, core) => {
  core.addons.shareWith(caller(req), req.params.service, req.params.instance, req.params.team, false);
  return { status: 200 };
};

function bind(req: DialectRequest, core: Core) {
  const { service, instance, app } = req.params;
  const { variables } = core.addons.bind(caller(req), service, instance, app);
  return messageStream(core, [
    `---- Setting ${variables.length} new environment variables ----\n`,
    `Instance "${instance}" is now bound to the app "${app}".\n`,
  ]);
}

function unbind(req: DialectRequest, core: Core) {
  const { service, instance, app } = req.params;
  const { variables } = core.addons.unbind(caller(req), service, instance, app);
  return messageStream(core, [
    `---- Unsetting ${variables.length} environment variables ----\n`,
    `Instance "${instance}" is not bound to the app "${app}" anymore.\n`,
  ]);
}

export const ServiceInstanceBind: OperationHandler = bind;
export const ServiceInstanceBind1_0: OperationHandler = bind;
export const ServiceInstanceUnbind: OperationHandler = unbind;
export const ServiceInstanceUnbind1_0: OperationHandler = unbind;
