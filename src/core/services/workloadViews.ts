import { and, asc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { apps, builds, environments, releases, variables } from '../../store/schema';
import { configFiles, secrets, volumes, workloadFiles, workloadMounts, workloadSpecs, type RolloutPolicy } from '../../store/schema-infra';
import type { Db } from '../../store/store';
import type { App, WorkloadSpec } from '../model';
import { groupBy } from './rowGroups';

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

/** The five reads a workload view needs, each limited to one app or to every app of one cluster. */
function prepareReads(db: Db, scope: SQL) {
  const ofScope = (appColumn: AnyColumn) => and(eq(appColumn, apps.id), scope);
  const primary = and(eq(environments.appId, apps.id), eq(environments.isPrimary, true));
  return {
    latest: db.select({ appId: apps.id, image: builds.image }).from(apps)
      .innerJoin(environments, primary)
      .innerJoin(releases, and(eq(releases.environmentId, environments.id),
        sql`${releases.version} = (SELECT max(r.version) FROM ${releases} r WHERE r.environment_id = ${environments.id})`))
      .leftJoin(builds, eq(builds.id, releases.buildId))
      .where(scope).prepare(),
    env: db.select({ appId: apps.id, name: variables.name, value: variables.value }).from(apps)
      .innerJoin(environments, primary)
      .innerJoin(variables, and(eq(variables.environmentId, environments.id), eq(variables.kind, 'env')))
      .where(scope).orderBy(asc(variables.position)).prepare(),
    specs: db.select({ spec: workloadSpecs }).from(workloadSpecs).innerJoin(apps, ofScope(workloadSpecs.appId)).prepare(),
    files: db.select({
      file: workloadFiles, id: sql<string>`coalesce(${secrets.id}, ${configFiles.id})`, name: sql<string>`coalesce(${secrets.name}, ${configFiles.name})`,
    }).from(workloadFiles).innerJoin(apps, ofScope(workloadFiles.appId))
      .leftJoin(secrets, eq(workloadFiles.secretId, secrets.id))
      .leftJoin(configFiles, eq(workloadFiles.configFileId, configFiles.id))
      .orderBy(asc(workloadFiles.position)).prepare(),
    mounts: db.select({ mount: workloadMounts, name: volumes.name }).from(workloadMounts)
      .innerJoin(apps, ofScope(workloadMounts.appId))
      .innerJoin(volumes, eq(workloadMounts.volumeId, volumes.id))
      .orderBy(asc(workloadMounts.position)).prepare(),
  };
}

type Reads = ReturnType<typeof prepareReads>;


/**
 * Builds workload views set-wise: a cluster's whole service list costs five statements, whatever the
 * number of apps (it cost six per app), and one app's view the same five, all prepared once.
 */
export class WorkloadViews {
  private readonly ofCluster: Reads;
  private readonly ofApp: Reads;

  constructor(db: Db) {
    this.ofCluster = prepareReads(db, eq(apps.clusterId, sql.placeholder('clusterId')));
    this.ofApp = prepareReads(db, eq(apps.id, sql.placeholder('appId')));
  }

  /** The views of `list`, every one an app of `clusterId`. */
  ofClusterApps(clusterId: string, list: App[]): Workload[] {
    return this.assemble(this.ofCluster, { clusterId }, list);
  }

  of(app: App): Workload {
    return this.assemble(this.ofApp, { appId: app.id }, [app])[0];
  }

  private assemble(reads: Reads, values: Record<string, string>, list: App[]): Workload[] {
    const latest = new Map(reads.latest.all(values).map((row) => [row.appId, row]));
    const specs = new Map(reads.specs.all(values).map(({ spec }) => [spec.appId, spec]));
    const files = groupBy(reads.files.all(values), (row) => row.file.appId);
    const mounts = groupBy(reads.mounts.all(values), (row) => row.mount.appId);
    const env = groupBy(reads.env.all(values), (row) => row.appId);
    return list.map((app) => {
      const release = latest.get(app.id);
      const mounted = (kind: 'secret' | 'config') => (files.get(app.id) ?? []).filter(({ file }) => file.kind === kind)
        .map(({ file, id, name }) => ({ id, name, fileName: file.fileName, uid: file.uid, gid: file.gid, mode: file.mode }));
      const { appId: _appId, ...spec } = specs.get(app.id) ?? { appId: app.id, ...DEFAULT_SPEC };
      return {
        app,
        image: release?.image ?? '',
        replicas: Object.values(app.structure).reduce((sum, n) => sum + n, 0),
        env: (env.get(app.id) ?? []).map(({ name, value }) => ({ key: name, value: String(value) })),
        spec,
        secrets: mounted('secret'),
        configs: mounted('config'),
        mounts: (mounts.get(app.id) ?? []).map(({ mount, name }) => ({ volumeId: mount.volumeId, source: name, target: mount.target, readonly: mount.readonly })),
      };
    });
  }
}
