import { and, asc, eq, sql } from 'drizzle-orm';
import { clusters } from '../../store/schema';
import type { CoreContext } from '../context';
import { fail } from '../errors';
import type { Cluster, Principal, Tenant } from '../model';
import type { AccessPolicy, Action } from './access';

/**
 * Tenants and their clusters, as tenant-scoped dialects (MedStack's companies) see them: the caller's
 * own tenants exist for them, any other's ids do not.
 */
export class TenancyService {
  /** The statements of every cluster read, prepared once. */
  private readonly clusterOfTenant;
  private readonly clustersOfTenant;
  private readonly clusterWithId;

  constructor(ctx: CoreContext, private readonly access: AccessPolicy) {
    this.clusterOfTenant = ctx.store.db.select().from(clusters)
      .where(and(eq(clusters.tenantId, sql.placeholder('tenantId')), eq(clusters.id, sql.placeholder('clusterId')))).prepare();
    this.clustersOfTenant = ctx.store.db.select().from(clusters).where(eq(clusters.tenantId, sql.placeholder('tenantId')))
      .orderBy(asc(clusters.createdAt), asc(clusters.id)).prepare();
    this.clusterWithId = ctx.store.db.select().from(clusters).where(eq(clusters.id, sql.placeholder('clusterId'))).prepare();
  }

  /** The caller's home tenant. */
  current(p: Principal): Tenant {
    return this.access.tenant(p, p.homeTenantId);
  }

  requireTenant(p: Principal, tenantId: string, action: Action = 'read'): Tenant {
    return this.access.tenant(p, tenantId, action);
  }

  listClusters(p: Principal, tenantId: string): Cluster[] {
    this.access.checkTenant(p, tenantId);
    return this.clustersOfTenant.all({ tenantId });
  }

  /** The cluster, if it belongs to a tenant of the caller's where they may do `action`. */
  requireCluster(p: Principal, tenantId: string, clusterId: string, action: Action = 'read'): Cluster {
    this.access.checkTenant(p, tenantId, action);
    const cluster = this.clusterOfTenant.get({ tenantId, clusterId });
    if (!cluster) throw fail('cluster.not_found', { id: clusterId });
    return cluster;
  }

  /** A cluster by id, for the platform's own work (no caller to check). */
  clusterById(clusterId: string): Cluster {
    return this.clusterWithId.get({ clusterId })!;
  }
}
