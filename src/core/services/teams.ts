import { asc, eq, sql } from 'drizzle-orm';
import { appGrants, apps, clusters, memberships, tenants, tokens, users } from '../../store/schema';
import { webhooks } from '../../store/schema-infra';
import { addonInstances, addonInstanceTeams, addonServices } from '../../store/schema-addons';
import { events } from '../../store/schema-timeline';
import { tenantProfiles } from '../../store/schema-catalogue';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Principal, Role, Tenant, User } from '../model';
import type { AccessPolicy } from './access';
import type { EventService } from './events';
import type { PrincipalService } from './principals';
import { slot } from './placeholders';

/** Every table whose rows belong to a tenant: a renamed team takes them all along. */
const TENANT_ROWS = [memberships, tokens, clusters, apps, appGrants, tenantProfiles, webhooks, events, addonServices, addonInstances, addonInstanceTeams];

/** Tsuru's rule for team names (the message of its own check says as much). */
const TEAM_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export interface Team extends Tenant {
  tags: string[];
  /** The caller's role in it. */
  role: Role;
}

export interface TeamDetails extends Team {
  members: { user: User; role: Role }[];
}

/**
 * Tenants as teams: anyone may create one (and becomes its admin), members see it, its admins change
 * or remove it, and a team that still owns apps cannot be removed.
 */
export class TeamService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly principals: PrincipalService,
    private readonly events: EventService,
  ) {
    const db = ctx.store.db;
    this.teamsOf = db.select({ tenant: tenants, tags: tenantProfiles.tags }).from(tenants)
      .leftJoin(tenantProfiles, eq(tenantProfiles.tenantId, tenants.id))
      .where(sql`${tenants.id} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`).orderBy(asc(tenants.id)).prepare();
    this.membersOf = db.select({ user: users, role: memberships.role }).from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.tenantId, sql.placeholder('tenantId'))).orderBy(asc(users.username)).prepare();
    this.tagsByTenant = db.select({ tags: tenantProfiles.tags }).from(tenantProfiles).where(eq(tenantProfiles.tenantId, sql.placeholder('tenantId'))).prepare();
    const p = sql.placeholder;
    const named = eq(tenants.id, p('name'));
    this.exists = db.select({ id: tenants.id }).from(tenants).where(named).prepare();
    this.insertTenant = db.insert(tenants).values({ id: slot('name'), uuid: slot('uuid'), name: slot('name'), createdAt: slot('now') }).returning().prepare();
    this.writeTags = db.insert(tenantProfiles).values({ tenantId: slot('name'), tags: slot('tags') })
      .onConflictDoUpdate({ target: tenantProfiles.tenantId, set: { tags: slot('tags') } }).prepare();
    this.renameTenant = db.update(tenants).set({ id: slot('newName'), name: slot('newName') }).where(named).prepare();
    this.moveRows = TENANT_ROWS.map((table) => db.update(table).set({ tenantId: slot('newName') }).where(eq(table.tenantId, p('name'))).prepare());
    this.ownedApps = db.select({ name: apps.name }).from(apps).where(eq(apps.tenantId, p('name'))).orderBy(asc(apps.name)).prepare();
    this.ownedPools = db.select({ name: clusters.name }).from(clusters).where(eq(clusters.tenantId, p('name'))).orderBy(asc(clusters.name)).prepare();
    this.deleteTenant = db.delete(tenants).where(named).prepare();
  }

  /** The statements of every team request, reads and writes, prepared once. */
  private readonly teamsOf;
  private readonly membersOf;
  private readonly tagsByTenant;
  private readonly exists;
  private readonly insertTenant;
  private readonly writeTags;
  private readonly renameTenant;
  private readonly moveRows;
  private readonly ownedApps;
  private readonly ownedPools;
  private readonly deleteTenant;

  create(p: Principal, name: string, tags: string[] = []): Tenant {
    return this.ctx.store.tx(() => {
      if (!TEAM_NAME.test(name)) throw fail('team.name_invalid', { name }, 'name');
      if (this.exists.get({ name })) throw fail('team.name_taken', { name }, 'name');
      const tenant = this.insertTenant.get({ name, uuid: this.ctx.ids.uuid(), now: nowIso(this.ctx) })!;
      this.writeTags.run({ name, tags });
      if (p.userId !== null) this.principals.join(p.userId, name, 'admin');
      this.events.record({ tenantId: name }, 'team.create', p.username, { team: name }, { type: 'team', value: name });
      return tenant;
    });
  }

  /** The teams the caller belongs to, by name. */
  list(p: Principal): Team[] {
    const ids = [...p.roles.keys()];
    if (!ids.length) return [];
    return this.teamsOf.all({ ids: JSON.stringify(ids) }).map((row) => ({ ...row.tenant, tags: row.tags ?? [], role: p.roles.get(row.tenant.id)! }));
  }

  get(p: Principal, name: string): TeamDetails {
    const tenant = this.requireTeam(p, name, 'read');
    const members = this.membersOf.all({ tenantId: name });
    return { ...tenant, tags: this.tagsOf(name), role: p.roles.get(name)!, members };
  }

  updateTags(p: Principal, name: string, tags: string[]): void {
    this.ctx.store.tx(() => {
      this.requireTeam(p, name, 'write');
      this.writeTags.run({ name, tags });
      this.events.record({ tenantId: name }, 'team.update', p.username, { team: name, tags }, { type: 'team', value: name });
    });
  }

  /**
   * Renames a team. Its name is its tenant id, which every row of the team refers to: they all move in
   * one transaction, with foreign keys checked at its commit (SQLite's deferred check), history included.
   */
  rename(p: Principal, name: string, newName: string): void {
    this.ctx.store.tx(() => {
      this.requireTeam(p, name, 'write');
      if (!TEAM_NAME.test(newName)) throw fail('team.name_invalid', { name: newName }, 'newname');
      if (this.exists.get({ name: newName })) throw fail('team.name_taken', { name: newName }, 'newname');
      // Not a prepared statement: SQLite sets a flag PRAGMA when it compiles it, so a statement prepared once would set nothing on later runs.
      this.ctx.store.sqlite.exec('PRAGMA defer_foreign_keys = ON');
      this.renameTenant.run({ name, newName });
      for (const moveRows of this.moveRows) moveRows.run({ name, newName });
      this.events.record({ tenantId: newName }, 'team.update', p.username, { team: newName, from: name }, { type: 'team', value: newName });
    });
  }

  /** Removes a team with its memberships and tokens; refused while it owns apps or pools (clusters). */
  remove(p: Principal, name: string): void {
    this.ctx.store.tx(() => {
      this.requireTeam(p, name, 'write');
      const owned = this.ownedApps.all({ name });
      const pools = this.ownedPools.all({ name });
      const references = [['Apps', owned], ['Pools', pools]] as const;
      const inUse = references.filter(([, rows]) => rows.length).map(([what, rows]) => `${what}: ${rows.map((r) => r.name).join(', ')}`);
      if (inUse.length) throw fail('team.in_use', { name, references: inUse.join('\n') });
      this.deleteTenant.run({ name });
      this.events.record({ tenantId: p.homeTenantId }, 'team.delete', p.username, { team: name }, { type: 'team', value: name });
    });
  }

  private requireTeam(p: Principal, name: string, action: 'read' | 'write'): Tenant {
    try {
      return this.access.tenant(p, name, action);
    } catch (error) {
      if ((error as { code?: string }).code === 'tenant.not_found') throw fail('team.not_found', { name });
      throw error;
    }
  }

  private tagsOf(name: string): string[] {
    return this.tagsByTenant.get({ tenantId: name })?.tags ?? [];
  }
}
