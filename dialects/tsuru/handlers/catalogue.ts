import type { Role } from '../../../src/core/model';
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

/** Volumes of the pools (clusters) of the caller's teams. */
export const VolumeList: OperationHandler = (req, core) => {
  const p = caller(req);
  const volumes = [...p.roles.keys()].flatMap((tenantId) => core.tenancy.listClusters(p, tenantId).flatMap((cluster) =>
    core.clusterFiles.listVolumes(p, tenantId, cluster.id).map((v) => ({
      name: v.name, pool: cluster.name, teamOwner: tenantId, status: 'ready', plan: { name: 'default', opts: {} }, binds: [], opts: {},
    }))));
  return { status: 200, body: volumes };
};

/**
 * The roles polypaas grants are the core's membership roles, each in a team's context, with the
 * permissions the one access policy gives them.
 */
const ROLES: Record<Role, { description: string; permissions: string[] }> = {
  admin: { description: 'Everything in the team: its apps, members, tokens and pools', permissions: ['app', 'team', 'service-instance'] },
  member: { description: 'Every app of the team', permissions: ['app', 'service-instance'] },
  user: { description: 'The apps the user owns or that were shared with them', permissions: ['app.read', 'app.deploy'] },
};

export const RoleList: OperationHandler = () => ({
  status: 200,
  body: Object.entries(ROLES).map(([role, r]) => ({ name: `team-${role}`, context: 'team', description: r.description, scheme_names: r.permissions })),
});

export const PermissionList: OperationHandler = () => {
  const names = [...new Set(Object.values(ROLES).flatMap((r) => r.permissions))].sort();
  return { status: 200, body: names.map((name) => ({ name, contexts: ['global', 'team'] })) };
};
