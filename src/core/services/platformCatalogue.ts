import { asc, desc, eq, getTableName, sql } from 'drizzle-orm';
import { clusters, tenants } from '../../store/schema';
import { plans, platforms, routers } from '../../store/schema-catalogue';
import type { CoreContext } from '../context';
import { fail } from '../errors';
import type { Cluster, Principal } from '../model';

export type Platform = typeof platforms.$inferSelect;
export type Plan = typeof plans.$inferSelect;
export type Router = typeof routers.$inferSelect;

interface Catalogue { at: number; plans: readonly Plan[]; routers: readonly Router[]; defaultPlan?: Plan; defaultRouter?: Router }

/**
 * What apps choose from: platforms, plans and routers (fixtures' catalogue rows), and pools, which
 * are clusters: the default tenant's are open to everyone (the platform's public pools), a tenant's
 * own to its members.
 */
export class PlatformCatalogueService {
  /** Plans and routers as last read, frozen, with the change count of their tables then. */
  private remembered?: Catalogue;
  private readonly changes: { readonly count: number };

  constructor(ctx: CoreContext) {
    const db = ctx.store.db;
    this.changes = ctx.store.changesTo([getTableName(plans), getTableName(routers)]);
    const p = sql.placeholder;
    this.allPlatforms = db.select().from(platforms).orderBy(asc(platforms.name)).prepare();
    this.allPlans = db.select().from(plans).orderBy(asc(plans.memory), asc(plans.name)).prepare();
    this.allRouters = db.select().from(routers).orderBy(asc(routers.name)).prepare();
    // The default tenant (PrincipalService.defaultTenantId's choice: the one marked default, else the oldest) in the same statement.
    const defaultTenant = sql`(SELECT ${tenants.id} FROM ${tenants} ORDER BY ${tenants.isDefault} DESC, ${tenants.createdAt} ASC LIMIT 1)`;
    this.poolsOf = db.select().from(clusters)
      .where(sql`(${clusters.tenantId} = ${defaultTenant} OR ${clusters.tenantId} IN (SELECT value FROM json_each(${p('tenantIds')})))`)
      .orderBy(desc(clusters.isDefault), asc(clusters.createdAt), asc(clusters.id)).prepare();
    this.platformNamed = db.select().from(platforms).where(eq(platforms.name, p('name'))).prepare();
    this.defaultPlan = db.select().from(plans).where(eq(plans.isDefault, true)).prepare();
    this.planNamed = db.select().from(plans).where(eq(plans.name, p('name'))).prepare();
    this.defaultRouter = db.select().from(routers).where(eq(routers.isDefault, true)).prepare();
    this.routerNamed = db.select().from(routers).where(eq(routers.name, p('name'))).prepare();
  }

  /** Every read of the catalogue, prepared once. */
  private readonly allPlatforms;
  private readonly allPlans;
  private readonly allRouters;
  private readonly poolsOf;
  private readonly platformNamed;
  private readonly defaultPlan;
  private readonly planNamed;
  private readonly defaultRouter;
  private readonly routerNamed;

  platforms(): Platform[] {
    return this.allPlatforms.all();
  }

  plans(): readonly Plan[] {
    return this.catalogue().plans;
  }

  routers(): readonly Router[] {
    return this.catalogue().routers;
  }

  /**
   * Plans and routers, read again only after a change to their tables: every Tsuru app a request shows
   * names its plan and router, and these catalogues change only when an operator edits them.
   */
  private catalogue(): Catalogue {
    if (this.remembered?.at !== this.changes.count) {
      const defaultPlan = this.defaultPlan.get();
      const defaultRouter = this.defaultRouter.get();
      this.remembered = {
        at: this.changes.count,
        plans: Object.freeze(this.allPlans.all().map((row) => Object.freeze(row))),
        routers: Object.freeze(this.allRouters.all().map((row) => Object.freeze(row))),
        defaultPlan: defaultPlan && Object.freeze(defaultPlan),
        defaultRouter: defaultRouter && Object.freeze(defaultRouter),
      };
    }
    return this.remembered;
  }


  /** The pools the caller may place apps in: public ones first, then their own tenants'. */
  pools(p: Principal): Cluster[] {
    return this.poolsOf.all({ tenantIds: JSON.stringify([...p.roles.keys()]) });
  }

  /** An enabled platform by name. */
  platform(name: string): Platform {
    const found = this.platformNamed.get({ name });
    if (!found || found.disabled) throw fail('platform.not_found', { name }, 'platform');
    return found;
  }

  /** A plan by name, or the default plan when none is named. */
  plan(name?: string): Plan | undefined {
    if (!name) return this.catalogue().defaultPlan;
    const found = this.planNamed.get({ name });
    if (!found) throw fail('plan.not_found', { name }, 'plan');
    return found;
  }

  /** A router by name, or the default router when none is named. */
  router(name?: string): Router | undefined {
    if (!name) return this.catalogue().defaultRouter;
    const found = this.routerNamed.get({ name });
    if (!found) throw fail('router.not_found', { name }, 'router');
    return found;
  }

  /** A pool the caller may use, by name, or the first default one. */
  pool(p: Principal, name?: string): Cluster {
    const pools = this.pools(p);
    const found = name ? pools.find((c) => c.name === name || c.id === name) : pools[0];
    if (!found) throw fail(name ? 'pool.not_found' : 'cluster.none', { name: name ?? '' }, 'pool');
    return found;
  }
}
