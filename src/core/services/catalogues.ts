import { asc, eq, sql } from 'drizzle-orm';
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
  constructor(ctx: CoreContext, private readonly access: AccessPolicy) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    this.tenantByUuid = db.select().from(tenants).where(eq(tenants.uuid, p('uuid'))).prepare();
    this.uuidOfTenant = db.select({ uuid: tenants.uuid }).from(tenants).where(eq(tenants.id, p('id'))).prepare();
    this.allRegions = db.select().from(regions).orderBy(asc(regions.position)).prepare();
    this.regionById = db.select().from(regions).where(eq(regions.id, p('id'))).prepare();
    this.allPlanGroups = db.select().from(planGroups).orderBy(asc(planGroups.position)).prepare();
    this.planGroupWithId = db.select().from(planGroups).where(eq(planGroups.id, p('id'))).prepare();
    this.allTemplates = db.select().from(appTemplates).orderBy(asc(appTemplates.position)).prepare();
    this.templateById = db.select().from(appTemplates).where(eq(appTemplates.id, p('id'))).prepare();
    this.templateWithUrl = db.select().from(appTemplates).where(eq(appTemplates.url, p('url'))).prepare();
  }

  /** Every read of the catalogues, prepared once. */
  private readonly tenantByUuid;
  private readonly uuidOfTenant;
  private readonly allRegions;
  private readonly regionById;
  private readonly allPlanGroups;
  private readonly planGroupWithId;
  private readonly allTemplates;
  private readonly templateById;
  private readonly templateWithUrl;

  /** The caller's tenants, as organisations are listed: by name. */
  organisations(p: Principal): Tenant[] {
    return [...p.roles.keys()].map((id) => this.access.tenant(p, id)).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** A tenant of the caller's by its UUID (another's does not exist for them). */
  organisation(p: Principal, uuid: string): Tenant {
    const tenant = this.tenantByUuid.get({ uuid });
    if (!tenant || !p.roles.has(tenant.id)) throw fail('tenant.not_found', { id: uuid });
    return tenant;
  }

  /** The tenant's id for a UUID, whoever asks (undefined when none has it): for input checks. */
  tenantIdByUuid(uuid: string): string | undefined {
    return this.tenantByUuid.get({ uuid })?.id;
  }

  tenantUuid(tenantId: string): string {
    return this.uuidOfTenant.get({ id: tenantId })!.uuid;
  }

  regions(): Region[] {
    return this.allRegions.all();
  }

  region(id: string): Region {
    const region = this.regionById.get({ id });
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
    return this.allPlanGroups.all()
      .filter((g) => g.tenantId === null || tenants.includes(g.tenantId));
  }

  planGroup(p: Principal, id: string): PlanGroup {
    const group = this.planGroups(p).find((g) => g.id === id);
    if (!group) throw fail('plan_group.not_found', { id });
    return group;
  }

  /** A plan group offered to `tenantId`, for the platform's own checks. */
  offeredPlanGroup(tenantId: string, id: string): PlanGroup | undefined {
    const group = this.planGroupWithId.get({ id });
    return group && (group.tenantId === null || group.tenantId === tenantId) ? group : undefined;
  }

  planGroupById(id: string | null): PlanGroup | undefined {
    return id ? this.planGroupWithId.get({ id }) : undefined;
  }

  templates(): AppTemplate[] {
    return this.allTemplates.all();
  }

  template(id: string): AppTemplate {
    const template = this.templateById.get({ id });
    if (!template) throw fail('template.not_found', { id });
    return template;
  }

  templateByUrl(url: string): AppTemplate | undefined {
    return this.templateWithUrl.get({ url });
  }
}
