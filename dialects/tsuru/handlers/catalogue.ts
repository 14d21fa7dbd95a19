import type { OperationHandler, Reply } from '../../types';
import { caller } from '../mappers';

/** A list is 204 without a body when empty, as tsuru's list handlers answer. */
const listReply = (items: unknown[]): Reply => (items.length ? { status: 200, body: items } : { status: 204 });

export const PlatformList: OperationHandler = (_req, core) =>
  listReply(core.platformCatalogue.platforms().map((p) => ({ name: p.name, disabled: p.disabled })));

export const PlanList: OperationHandler = (_req, core) =>
  listReply(core.platformCatalogue.plans().map((p) => ({ name: p.name, memory: p.memory, cpumilli: p.cpuMilli, default: p.isDefault })));

export const RouterList: OperationHandler = (_req, core) =>
  listReply(core.platformCatalogue.routers().map((r) => ({ name: r.name, type: r.type, default: r.isDefault })));

/** Pools are clusters: the default team's are public, a team's own are for its members. */
export const PoolList: OperationHandler = (req, core) => {
  const publicTenant = core.principals.defaultTenantId();
  return listReply(core.platformCatalogue.pools(caller(req)).map((c) => ({
    name: c.name, default: c.isDefault && c.tenantId === publicTenant, provisioner: 'kubernetes', public: c.tenantId === publicTenant,
    teams: c.tenantId === publicTenant ? [] : [c.tenantId], labels: { region: c.region, provider: c.provider },
  })));
};

/** Volumes of the pools (clusters) of the caller's teams, each with the apps that mount it (its binds). */
export const VolumeList: OperationHandler = (req, core) => {
  const p = caller(req);
  const volumes = [...p.roles.keys()].flatMap((tenantId) => core.tenancy.listClusters(p, tenantId).flatMap((cluster) =>
    core.clusterFiles.listVolumes(p, tenantId, cluster.id).map((v) => ({
      name: v.name, pool: cluster.name, teamOwner: tenantId, status: 'ready', plan: { name: 'default', opts: {} }, opts: {},
      binds: core.clusterFiles.volumeMounts(v.id)
        .map((m) => ({ id: { app: m.app, mountpoint: m.target, volume: m.volume }, readonly: m.readonly })),
    }))));
  return { status: 200, body: volumes };
};

/** The roles of the fixtures, each in the context it is given in, with the permissions it names. */
export const RoleList: OperationHandler = (req, core) => ({
  status: 200,
  body: core.roleCatalogue.roles(caller(req)).map((r) => ({ name: r.name, context: r.context, description: r.description, scheme_names: r.schemeNames })),
});

/** The permission tree of the fixtures, in its order, each permission with the contexts it may be given in. */
export const PermissionList: OperationHandler = (req, core) => ({
  status: 200,
  body: core.roleCatalogue.permissionTree(caller(req)).map((p) => ({ name: p.name, contexts: p.contexts })),
});
