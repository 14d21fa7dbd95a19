import { and, eq, ne, sql } from 'drizzle-orm';
import { apps } from '../../store/schema';
import type { Db } from '../../store/store';
import { fail } from '../errors';

/** The longest app or service name (Deis' own limit, which every dialect shares). */
export const APP_NAME_MAX = 64;
/** How much of a cluster's id a derived app name carries, so the service's own name keeps most of the room. */
const CLUSTER_PART_MAX = 24;

/**
 * The two names of an app. Its core name is unique among all apps, because Deis and Tsuru address
 * apps by name alone; its service name (a MedStack service's `name`) is unique only within its
 * cluster, because companies must not learn each other's names. The two are equal unless one is
 * taken where the other is free; then the free one is derived, readably and always the same way for
 * the same state: `<name>-<cluster>` for a core name, `<name>-2`, `-3` ... for a service name.
 */
export class ServiceNames {
  private readonly coreNameUse;
  private readonly serviceNameUse;

  constructor(db: Db) {
    this.coreNameUse = db.select({ id: apps.id }).from(apps).where(eq(apps.name, sql.placeholder('name'))).prepare();
    this.serviceNameUse = db.select({ id: apps.id }).from(apps).where(and(
      eq(apps.clusterId, sql.placeholder('clusterId')), eq(apps.serviceName, sql.placeholder('name')), ne(apps.id, sql.placeholder('exceptAppId')),
    )).prepare();
  }

  /** Whether another app of the cluster already has this service name. */
  takenInCluster(clusterId: string, serviceName: string, exceptAppId = ''): boolean {
    return !!this.serviceNameUse.get({ clusterId, name: serviceName, exceptAppId });
  }

  /**
   * Both names of a new service: refused only when its own cluster has the name; the core name is
   * the service name when no app has it, else one derived from it and its cluster.
   */
  forNewService(serviceName: string, clusterId: string): { name: string; serviceName: string } {
    if (this.takenInCluster(clusterId, serviceName)) throw fail('app.name_taken', { name: serviceName }, 'name');
    return { name: this.coreNameFor(serviceName, clusterId), serviceName };
  }

  private coreNameFor(serviceName: string, clusterId: string): string {
    if (!this.coreNameUse.get({ name: serviceName })) return serviceName;
    const derived = withSuffix(serviceName, `-${clusterPart(clusterId)}`);
    return firstFree(derived, (name) => !this.coreNameUse.get({ name }));
  }

  /** The service name an app gets in a cluster: the wanted one when the cluster has no other app of that name. */
  freeInCluster(clusterId: string, wanted: string, exceptAppId = ''): string {
    return firstFree(wanted, (name) => !this.takenInCluster(clusterId, name, exceptAppId));
  }
}

/** `base` itself when free, else `base-2`, `base-3` ...; the set of apps is finite, so one is free. */
function firstFree(base: string, isFree: (name: string) => boolean): string {
  if (isFree(base)) return base;
  for (let n = 2; ; n++) {
    const name = withSuffix(base, `-${n}`);
    if (isFree(name)) return name;
  }
}

/** `name` + `suffix`, the name shortened (never the suffix) to keep within the length limit. */
function withSuffix(name: string, suffix: string): string {
  return `${name.slice(0, APP_NAME_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** A cluster id in the characters an app name may use (fixture ids may hold any). */
function clusterPart(clusterId: string): string {
  const slug = clusterId.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, CLUSTER_PART_MAX).replace(/^-+|-+$/g, '');
  return slug || 'cluster';
}
