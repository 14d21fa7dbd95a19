import { asc, desc, eq, inArray } from 'drizzle-orm';
import { clusters } from '../../store/schema';
import { plans, platforms, routers } from '../../store/schema-catalogue';
import type { CoreContext } from '../context';
import { fail } from '../errors';
import type { Cluster, Principal } from '../model';
import type { PrincipalService } from './principals';

export type Platform = typeof platforms.$inferSelect;
export type Plan = typeof plans.$inferSelect;
export type Router = typeof routers.$inferSelect;

/**
 * What apps choose from: platforms, plans and routers (fixtures' catalogue rows), and pools, which
 * are clusters: the default tenant's are open to everyone (the platform's public pools), a tenant's
 * own to its members.
 */
export class PlatformCatalogueService {
  constructor(private readonly ctx: CoreContext, private readonly principals: PrincipalService) {}

  private get db() { return this.ctx.store.db; }

  platforms(): Platform[] {
    return this.db.select().from(platforms).orderBy(asc(platforms.name)).all();
  }

  plans(): Plan[] {
    return this.db.select().from(plans).orderBy(asc(plans.memory), asc(plans.name)).all();
  }

  routers(): Router[] {
    return this.db.select().from(routers).orderBy(asc(routers.name)).all();
  }

  /** The pools the caller may place apps in: public ones first, then their own tenants'. */
  pools(p: Principal): Cluster[] {
    const tenantIds = [this.principals.defaultTenantId(), ...p.roles.keys()];
    return this.db.select().from(clusters).where(inArray(clusters.tenantId, tenantIds))
      .orderBy(desc(clusters.isDefault), asc(clusters.createdAt), asc(clusters.id)).all();
  }

  /** An enabled platform by name. */
  platform(name: string): Platform {
    const found = this.db.select().from(platforms).where(eq(platforms.name, name)).get();
    if (!found || found.disabled) throw fail('platform.not_found', { name }, 'platform');
    return found;
  }

  /** A plan by name, or the default plan when none is named. */
  plan(name?: string): Plan | undefined {
    if (!name) return this.db.select().from(plans).where(eq(plans.isDefault, true)).get();
    const found = this.db.select().from(plans).where(eq(plans.name, name)).get();
    if (!found) throw fail('plan.not_found', { name }, 'plan');
    return found;
  }

  /** A router by name, or the default router when none is named. */
  router(name?: string): Router | undefined {
    if (!name) return this.db.select().from(routers).where(eq(routers.isDefault, true)).get();
    const found = this.db.select().from(routers).where(eq(routers.name, name)).get();
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
