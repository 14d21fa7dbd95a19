import { and, eq, sql } from 'drizzle-orm';
import { apps, builds, clusters, environments, releases, users, variables } from '../../store/schema';
import { configFiles, secrets, volumes, workloadFiles, workloadMounts, workloadSpecs, type RolloutPolicy } from '../../store/schema-infra';
import type { Db } from '../../store/store';
import type { App, WorkloadSpec } from '../model';
import { APP_COLUMNS } from './access';
import { jsonObjectOf } from './jsonDocument';

export interface MountedFile { id: string; name: string; fileName: string; uid: number; gid: number; mode: string }

/** An app seen as a workload: its image, replicas, environment, spec and what it mounts. */
export interface Workload {
  app: App;
  image: string;
  replicas: number;
  env: { key: string; value: string }[];
  spec: Omit<WorkloadSpec, 'appId'>;
  secrets: MountedFile[];
  configs: MountedFile[];
  mounts: { volumeId: string; source: string; target: string; readonly: boolean }[];
}

/** Docker Swarm's own defaults for a service that never set them. */
const DEFAULT_POLICY: RolloutPolicy = { order: 'stop-first', delay: 0, parallelism: 1, failureAction: 'pause', maxFailureRatio: 0, monitor: 5 };
export const DEFAULT_SPEC: Omit<WorkloadSpec, 'appId'> = {
  command: '', args: '', hosts: [], port: 0, protocol: '', healthcheck: { path: '', interval: 0, timeout: 0 },
  placement: [], updatePolicy: DEFAULT_POLICY, rollbackPolicy: DEFAULT_POLICY,
};

const ws = workloadSpecs;

/**
 * One app's workload view as one JSON document (one parse, where mapping a row's columns decoded five
 * JSON columns apart): the latest release's image, the run settings (null when never set), and the
 * environment, mounted files and volume mounts as lists in their positions' order.
 */
const VIEW = sql<string>`json_object(
  'image', (SELECT ${builds.image} FROM ${releases} LEFT JOIN ${builds} ON ${builds.id} = ${releases.buildId}
    WHERE ${releases.environmentId} = ${environments.id} ORDER BY ${releases.version} DESC LIMIT 1),
  'spec', CASE WHEN ${ws.appId} IS NULL THEN NULL ELSE ${jsonObjectOf({
    command: ws.command, args: ws.args, hosts: ws.hosts, port: ws.port, protocol: ws.protocol, healthcheck: ws.healthcheck,
    placement: ws.placement, updatePolicy: ws.updatePolicy, rollbackPolicy: ws.rollbackPolicy,
  })} END,
  'env', (SELECT json_group_array(${jsonObjectOf({ key: variables.name, value: variables.value })} ORDER BY ${variables.position})
    FROM ${variables} WHERE ${variables.environmentId} = ${environments.id} AND ${variables.kind} = 'env'),
  'files', (SELECT json_group_array(${jsonObjectOf({
      kind: workloadFiles.kind, id: sql`coalesce(${secrets.id}, ${configFiles.id})`, name: sql`coalesce(${secrets.name}, ${configFiles.name})`,
      fileName: workloadFiles.fileName, uid: workloadFiles.uid, gid: workloadFiles.gid, mode: workloadFiles.mode,
    })} ORDER BY ${workloadFiles.position})
    FROM ${workloadFiles} LEFT JOIN ${secrets} ON ${secrets.id} = ${workloadFiles.secretId}
    LEFT JOIN ${configFiles} ON ${configFiles.id} = ${workloadFiles.configFileId} WHERE ${workloadFiles.appId} = ${apps.id}),
  'mounts', (SELECT json_group_array(${jsonObjectOf({
      volumeId: workloadMounts.volumeId, source: volumes.name, target: workloadMounts.target, readonly: workloadMounts.readonly,
    })} ORDER BY ${workloadMounts.position})
    FROM ${workloadMounts} INNER JOIN ${volumes} ON ${volumes.id} = ${workloadMounts.volumeId} WHERE ${workloadMounts.appId} = ${apps.id}))`;

/** The views of a cluster's apps, one statement whatever their number (it cost six per app, then five). */
function prepareClusterRead(db: Db) {
  return db.select({ appId: apps.id, view: VIEW }).from(apps)
    .innerJoin(environments, and(eq(environments.appId, apps.id), eq(environments.isPrimary, true)))
    .leftJoin(ws, eq(ws.appId, apps.id))
    .where(eq(apps.clusterId, sql.placeholder('clusterId'))).prepare();
}

/**
 * One app by id with its view and its cluster's tenant: all a service operation needs to find the app
 * in its cluster, decide access and answer, in one statement where it took three.
 */
function prepareFind(db: Db) {
  return db.select({ app: APP_COLUMNS, clusterTenantId: clusters.tenantId, view: VIEW }).from(apps)
    .leftJoin(users, eq(apps.ownerId, users.id))
    .innerJoin(environments, and(eq(environments.appId, apps.id), eq(environments.isPrimary, true)))
    .leftJoin(clusters, eq(clusters.id, apps.clusterId))
    .leftJoin(ws, eq(ws.appId, apps.id))
    .where(eq(apps.id, sql.placeholder('appId'))).prepare();
}

/** One app's view as the read's JSON document holds it. */
interface ViewDocument {
  image: string | null;
  spec: Omit<WorkloadSpec, 'appId'> | null;
  env: { key: string; value: unknown }[];
  files: (MountedFile & { kind: 'secret' | 'config' })[];
  mounts: Workload['mounts'];
}

/** An app found by id, with its view and the tenant of its cluster (null when it has none). */
export interface FoundWorkload { workload: Workload; clusterTenantId: string | null }

/**
 * Builds workload views set-wise: one statement, prepared once, for one app's view or for a cluster's
 * whole service list, whatever the number of apps.
 */
export class WorkloadViews {
  private readonly ofCluster: ReturnType<typeof prepareClusterRead>;
  private readonly found: ReturnType<typeof prepareFind>;

  constructor(db: Db) {
    this.ofCluster = prepareClusterRead(db);
    this.found = prepareFind(db);
  }

  /** The views of `list`, every one an app of `clusterId`. */
  ofClusterApps(clusterId: string, list: App[]): Workload[] {
    const views = new Map(this.ofCluster.all({ clusterId }).map((row) => [row.appId, row.view]));
    return list.map((app) => workloadOf(app, views.get(app.id)));
  }

  /** The view of an app the caller already holds (the app as given, not as read). */
  of(app: App): Workload {
    return workloadOf(app, this.found.get({ appId: app.id })?.view);
  }

  /** The app with id `appId` and its view, for no caller yet: the caller decides access on `workload.app`. */
  byId(appId: string): FoundWorkload | undefined {
    const row = this.found.get({ appId });
    return row && { workload: workloadOf(row.app, row.view), clusterTenantId: row.clusterTenantId };
  }
}

function workloadOf(app: App, document: string | undefined): Workload {
  const view = document === undefined ? undefined : JSON.parse(document) as ViewDocument;
  const mounted = (kind: 'secret' | 'config') => (view?.files ?? []).filter((file) => file.kind === kind).map(({ kind: _kind, ...file }) => file);
  return {
    app,
    image: view?.image ?? '',
    replicas: Object.values(app.structure).reduce((sum, n) => sum + n, 0),
    env: (view?.env ?? []).map(({ key, value }) => ({ key, value: String(value) })),
    spec: view?.spec ?? { ...DEFAULT_SPEC },
    secrets: mounted('secret'),
    configs: mounted('config'),
    mounts: view?.mounts ?? [],
  };
}
