import { and, asc, eq } from 'drizzle-orm';
import { clusters, tenants } from '../../store/schema';
import type { CoreContext } from '../context';
import { notFound } from '../errors';
import type { Cluster, Principal, Tenant } from '../model';

/**
 * Tenants and their clusters, as tenant-scoped dialects (MedStack's companies) see them: a caller acts
 * for the tenant their account belongs to, and another tenant's ids do not exist for them.
 */
export class TenancyService {
  constructor(private readonly ctx: CoreContext) {}

  private get db() { return this.ctx.store.db; }

  current(principal: Principal): Tenant {
    const tenant = this.db.select().from(tenants).where(eq(tenants.id, principal.tenantId)).get();
    if (!tenant) throw notFound('company');
    return tenant;
  }

  /** The tenant, if it is the caller's own. */
  requireTenant(principal: Principal, tenantId: string): Tenant {
    if (tenantId !== principal.tenantId) throw notFound('company');
    return this.current(principal);
  }

  listClusters(principal: Principal, tenantId: string): Cluster[] {
    this.requireTenant(principal, tenantId);
    return this.db.select().from(clusters).where(eq(clusters.tenantId, tenantId)).orderBy(asc(clusters.createdAt), asc(clusters.id)).all();
  }

  /** The cluster, if it belongs to the caller's tenant. */
  requireCluster(principal: Principal, tenantId: string, clusterId: string): Cluster {
    this.requireTenant(principal, tenantId);
    const cluster = this.db.select().from(clusters).where(and(eq(clusters.tenantId, tenantId), eq(clusters.id, clusterId))).get();
    if (!cluster) throw notFound('cluster');
    return cluster;
  }

  /** A cluster by id, for the platform's own work (no caller to check). */
  clusterById(clusterId: string): Cluster {
    return this.db.select().from(clusters).where(eq(clusters.id, clusterId)).get()!;
  }
}
