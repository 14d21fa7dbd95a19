import type { OperationHandler } from '../../types';
import { bodyOf, caller, catalogueView, miniAppJson, text } from '../mappers';

const tagsOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(text) : value ? [text(value)] : []);

export const TeamCreate: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  core.teams.create(caller(req), text(b.name), tagsOf(b.tags));
  return { status: 201 };
};

/** Each of the caller's teams with the topmost permissions the caller's roles give there; 204 without a body when in none. */
export const TeamsList: OperationHandler = (req, core) => {
  const p = caller(req);
  const teams = core.teams.list(p);
  if (!teams.length) return { status: 204 };
  return { status: 200, body: teams.map((t) => ({ name: t.id, tags: t.tags, permissions: core.roleCatalogue.teamPermissions(p, t.id) })) };
};

export const TeamGet: OperationHandler = (req, core) => {
  const p = caller(req);
  const team = core.teams.get(p, req.params.team);
  const view = catalogueView(core);
  return {
    status: 200,
    body: {
      name: team.id, tags: team.tags,
      users: team.members.map(({ user, role }) => ({
        email: user.email ?? user.username,
        roles: core.roleCatalogue.teamRolesFor(role).map((r) => ({ name: r.name, contexttype: 'team', contextvalue: team.id })),
      })),
      pools: core.platformCatalogue.pools(p).filter((c) => c.tenantId === team.id || c.isDefault)
        .map((c) => ({ name: c.name, default: c.isDefault, provisioner: 'kubernetes', public: c.tenantId !== team.id })),
      apps: core.catalogueApps.search(p, { teamOwner: team.id }).sort((a, b) => (a.app.name < b.app.name ? -1 : 1))
        .map((entry) => miniAppJson(entry, core, view)),
    },
  };
};

/** A new name (`newname`) and new tags, either or both. */
export const TeamUpdate: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const newName = text(b.newname);
  if (b.tags !== undefined) core.teams.updateTags(caller(req), req.params.team, tagsOf(b.tags));
  if (newName && newName !== req.params.team) core.teams.rename(caller(req), req.params.team, newName);
  return { status: 200 };
};

export const TeamDelete: OperationHandler = (req, core) => {
  core.teams.remove(caller(req), req.params.team);
  return { status: 200 };
};
