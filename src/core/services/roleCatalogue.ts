import { and, asc, eq, sql } from 'drizzle-orm';
import { permissionSchemes, roleDefinitions } from '../../store/schema-catalogue';
import type { CoreContext } from '../context';
import { fail } from '../errors';
import type { Principal, Role } from '../model';

export type RoleDefinition = typeof roleDefinitions.$inferSelect;
export type PermissionScheme = typeof permissionSchemes.$inferSelect;

/** A role someone holds, in a context: a team's name, or '' for a global role. */
export interface HeldRole { role: RoleDefinition; contextType: string; contextValue: string }
/** One permission someone holds through a role, in that role's context. */
export interface HeldPermission { name: string; contextType: string; contextValue: string }

/** The name of the whole tree: holding it is holding every permission. */
const EVERYTHING = '*';
/** Who may read the role catalogue: those who may change roles or hand them out, as tsuru's listRoles checks. */
const ROLE_READERS = ['role.update', 'role.update.assign', 'role.update.dissociate'];

/** A held permission covers itself and everything below it in the tree (`app` covers `app.deploy`). */
const covers = (held: string, wanted: string) => held === EVERYTHING || wanted === held || wanted.startsWith(`${held}.`);

/**
 * Named roles and the permission tree they draw on, as data (fixture rows). Each role stands for a core
 * role: its holders are the tenant members with that membership role (in the team's context), or the
 * superusers (a global role). What an app operation allows is still the access policy's decision; these
 * rows say how a dialect names and lists what the core grants.
 */
export class RoleCatalogueService {
  constructor(ctx: CoreContext) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    this.allRoles = db.select().from(roleDefinitions).orderBy(asc(roleDefinitions.position)).prepare();
    this.granting = db.select().from(roleDefinitions)
      .where(sql`${roleDefinitions.grants} IN (SELECT value FROM json_each(${p('grants')}))`).orderBy(asc(roleDefinitions.position)).prepare();
    this.teamRoles = db.select().from(roleDefinitions).where(and(eq(roleDefinitions.grants, p('role')), eq(roleDefinitions.context, 'team')))
      .orderBy(asc(roleDefinitions.position)).prepare();
    this.allSchemes = db.select().from(permissionSchemes).orderBy(asc(permissionSchemes.position)).prepare();
  }

  /** The statements of every role request, prepared once. */
  private readonly allRoles;
  private readonly granting;
  private readonly teamRoles;
  private readonly allSchemes;

  /** Every role, in the fixtures' order; only for those who may manage roles. */
  roles(p: Principal): RoleDefinition[] {
    this.requireAny(p, ROLE_READERS);
    return this.allRoles.all();
  }

  /** The whole permission tree; only for those who may change roles (tsuru's listPermissions). */
  permissionTree(p: Principal): PermissionScheme[] {
    this.requireAny(p, ['role.update']);
    return this.tree();
  }

  /** The roles the caller holds: one per membership, in that tenant, then the global ones of a superuser. */
  held(p: Principal): HeldRole[] {
    const grants = [...new Set([...p.roles.values(), ...(p.isSuperuser ? ['superuser' as const] : [])])];
    if (!grants.length) return [];
    const rows = this.granting.all({ grants: JSON.stringify(grants) });
    const inTeams = [...p.roles].flatMap(([tenantId, role]) => rows.filter((r) => r.grants === role && r.context === 'team')
      .map((role) => ({ role, contextType: 'team', contextValue: tenantId })));
    const global = p.isSuperuser ? rows.filter((r) => r.grants === 'superuser').map((role) => ({ role, contextType: 'global', contextValue: '' })) : [];
    return [...inTeams, ...global];
  }

  /** The team roles a membership role stands for (a team's member list names them). */
  teamRolesFor(role: Role): RoleDefinition[] {
    return this.teamRoles.all({ role });
  }

  /** Every permission the caller's roles name, each in its role's context. */
  permissions(p: Principal): HeldPermission[] {
    return this.held(p).flatMap(({ role, contextType, contextValue }) => role.schemeNames.map((name) => ({ name, contextType, contextValue })));
  }

  /**
   * The topmost team permissions the caller holds in a team (tsuru's team-list): walking the tree in
   * order, a permission given there or globally is listed unless a listed one already covers it.
   */
  teamPermissions(p: Principal, tenantId: string): string[] {
    const held = this.permissions(p).filter((h) => h.contextType === 'global' || h.contextValue === tenantId);
    const listed: string[] = [];
    for (const scheme of this.tree()) {
      if (!scheme.contexts.includes('team')) continue;
      if (listed.some((parent) => covers(parent, scheme.name))) continue;
      if (held.some((h) => covers(h.name, scheme.name))) listed.push(scheme.name);
    }
    return listed;
  }

  private tree(): PermissionScheme[] {
    return this.allSchemes.all();
  }

  private requireAny(p: Principal, wanted: string[]): void {
    const global = this.permissions(p).filter((h) => h.contextType === 'global');
    if (!wanted.some((w) => global.some((h) => covers(h.name, w)))) throw fail('access.denied');
  }
}
