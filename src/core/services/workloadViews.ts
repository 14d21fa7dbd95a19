import { and, eq, sql, type SQL } from 'drizzle-orm';
import { apps, builds, environments, releases, variables } from '../../store/schema';
import { configFiles, secrets, volumes, workloadFiles, workloadMounts, workloadSpecs, type RolloutPolicy } from '../../store/schema-infra';
import type { Db } from '../../store/store';
import type { App, WorkloadSpec } from '../model';

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

/**
 * The one read a workload view needs, for one app or for every app of one cluster: the latest
 * release's image and the run settings as columns, the environment, mounted files and volume mounts
 * as JSON lists in their positions' order.
 */
function prepareRead(db: Db, scope: SQL) {
  return db.select({
    appId: apps.id,
    image: sql<string | null>`(SELECT ${builds.image} FROM ${releases} LEFT JOIN ${builds} ON ${builds.id} = ${releases.buildId}
      WHERE ${releases.environmentId} = ${environments.id} ORDER BY ${releases.version} DESC LIMIT 1)`,
    spec: workloadSpecs,
    env: sql<string>`(SELECT json_group_array(json_object('key', ${variables.name}, 'value', json(${variables.value})) ORDER BY ${variables.position})
      FROM ${variables} WHERE ${variables.environmentId} = ${environments.id} AND ${variables.kind} = 'env')`,
    files: sql<string>`(SELECT json_group_array(json_object('kind', ${workloadFiles.kind}, 'id', coalesce(${secrets.id}, ${configFiles.id}),
        'name', coalesce(${secrets.name}, ${configFiles.name}), 'fileName', ${workloadFiles.fileName}, 'uid', ${workloadFiles.uid},
        'gid', ${workloadFiles.gid}, 'mode', ${workloadFiles.mode}) ORDER BY ${workloadFiles.position})
      FROM ${workloadFiles} LEFT JOIN ${secrets} ON ${secrets.id} = ${workloadFiles.secretId}
      LEFT JOIN ${configFiles} ON ${configFiles.id} = ${workloadFiles.configFileId} WHERE ${workloadFiles.appId} = ${apps.id})`,
    mounts: sql<string>`(SELECT json_group_array(json_object('volumeId', ${workloadMounts.volumeId}, 'source', ${volumes.name},
        'target', ${workloadMounts.target}, 'readonly', ${workloadMounts.readonly}) ORDER BY ${workloadMounts.position})
      FROM ${workloadMounts} INNER JOIN ${volumes} ON ${volumes.id} = ${workloadMounts.volumeId} WHERE ${workloadMounts.appId} = ${apps.id})`,
  }).from(apps)
    .innerJoin(environments, and(eq(environments.appId, apps.id), eq(environments.isPrimary, true)))
    .leftJoin(workloadSpecs, eq(workloadSpecs.appId, apps.id))
    .where(scope).prepare();
}

type Read = ReturnType<typeof prepareRead>;
type FileRow = MountedFile & { kind: 'secret' | 'config' };

/**
 * Builds workload views set-wise: one statement, prepared once, for one app's view or for a cluster's
 * whole service list, whatever the number of apps (it cost six per app, then five).
 */
export class WorkloadViews {
  private readonly ofCluster: Read;
  private readonly ofApp: Read;

  constructor(db: Db) {
    this.ofCluster = prepareRead(db, eq(apps.clusterId, sql.placeholder('clusterId')));
    this.ofApp = prepareRead(db, eq(apps.id, sql.placeholder('appId')));
  }

  /** The views of `list`, every one an app of `clusterId`. */
  ofClusterApps(clusterId: string, list: App[]): Workload[] {
    return this.assemble(this.ofCluster, { clusterId }, list);
  }

  of(app: App): Workload {
    return this.assemble(this.ofApp, { appId: app.id }, [app])[0];
  }

  private assemble(read: Read, values: Record<string, string>, list: App[]): Workload[] {
    const rows = new Map(read.all(values).map((row) => [row.appId, row]));
    return list.map((app) => {
      const row = rows.get(app.id);
      const files = JSON.parse(row?.files ?? '[]') as FileRow[];
      const mounted = (kind: FileRow['kind']) => files.filter((file) => file.kind === kind).map(({ kind: _kind, ...file }) => file);
      const { appId: _appId, ...spec } = row?.spec ?? { appId: app.id, ...DEFAULT_SPEC };
      return {
        app,
        image: row?.image ?? '',
        replicas: Object.values(app.structure).reduce((sum, n) => sum + n, 0),
        env: (JSON.parse(row?.env ?? '[]') as { key: string; value: unknown }[]).map(({ key, value }) => ({ key, value: String(value) })),
        spec,
        secrets: mounted('secret'),
        configs: mounted('config'),
        mounts: (JSON.parse(row?.mounts ?? '[]') as Workload['mounts']).map((mount) => ({ ...mount, readonly: !!mount.readonly })),
      };
    });
  }
}
