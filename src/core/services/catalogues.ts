import { asc, eq } from 'drizzle-orm';
import { tenants } from '../../store/schema';
import { appTemplates, planGroups, regions } from '../../store/schema-apps';
import type { CoreContext } from '../context';
import { fail } from '../errors';
import type { Principal, Tenant } from '../model';
import type { AccessPolicy } from './access';

export type Region = typeof regions.$inferSelect;
export type PlanGroup = typeof planGroups.$inferSelect;
export type AppTemplate = typeof appTemplates.$inferSelect;

/**
 * The read-only catalogues an application is placed with (fixtures' regions, plan groups and app
 * templates). Regions and templates are the platform's; a plan group is offered to every tenant or to one.
 */
export class CatalogueService {
  constructor(private readonly ctx: CoreContext, private readonly access: AccessPolicy) {}

  private get db() { return this.ctx.store.db; }

  /** The caller's tenants, as organisations are listed: by name. */
  organisations(p: Principal): Tenant[] {
    return [...p.roles.keys()].map((id) => this.access.tenant(p, id)).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** A tenant of the caller's by its UUID (another's does not exist for them). */
  organisation(p: Principal, uuid: string): Tenant {
    const tenant = this.db.select().from(tenants).where(eq(tenants.uuid, uuid)).get();
    if (!tenant || !p.roles.has(tenant.id)) throw fail('tenant.not_found', { id: uuid });
    return tenant;
  }

  /** The tenant's id for a UUID, whoever asks (undefined when none has it): for input checks. */
  tenantIdByUuid(uuid: string): string | undefined {
    return this.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.uuid, uuid)).get()?.id;
  }

  tenantUuid(tenantId: string): string {
    return this.db.select({ uuid: tenants.uuid }).from(tenants).where(eq(tenants.id, tenantId)).get()!.uuid;
  }

  regions(): Region[] {
    return this.db.select().from(regions).orderBy(asc(regions.position)).all();
  }

  region(id: string): Region {
    const region = this.db.select().from(regions).where(eq(regions.id, id)).get();
    if (!region) throw fail('region.not_found', { id });
    return region;
  }

  /** Where apps go when nothing says otherwise: the default region, else the first. */
  defaultRegion(): Region | undefined {
    return this.regions().sort((a, b) => Number(b.isDefault) - Number(a.isDefault))[0];
  }

  /** The plan groups offered in the caller's tenants (or in one of them). */
  planGroups(p: Principal, tenantId?: string): PlanGroup[] {
    const tenants = tenantId ? [this.access.tenant(p, tenantId).id] : [...p.roles.keys()];
    return this.db.select().from(planGroups).orderBy(asc(planGroups.position)).all()
      .filter((g) => g.tenantId === null || tenants.includes(g.tenantId));
  }

  planGroup(p: Principal, id: string): PlanGroup {
    const group = this.planGroups(p).find((g) => g.id === id);
    if (!group) throw fail('plan_group.not_found', { id });
    return group;
  }

  /** A plan group offered to `tenantId`, for the platform's own checks. */
  offeredPlanGroup(tenantId: string, id: string): PlanGroup | undefined {
    return this.db.select().from(planGroups).where(eq(planGroups.id, id)).all()
      .find((g) => g.tenantId === null || g.tenantId === tenantId);
  }

  planGroupById(id: string | null): PlanGroup | undefined {
    return id ? this.db.select().from(planGroups).where(eq(planGroups.id, id)).get() : undefined;
  }

  templates(): AppTemplate[] {
    return this.db.select().from(appTemplates).orderBy(asc(appTemplates.position)).all();
  }

  template(id: string): AppTemplate {
    const template = this.db.select().from(appTemplates).where(eq(appTemplates.id, id)).get();
    if (!template) throw fail('template.not_found', { id });
    return template;
  }

  templateByUrl(url: string): AppTemplate | undefined {
    return this.db.select().from(appTemplates).where(eq(appTemplates.url, url)).get();
  }
}
