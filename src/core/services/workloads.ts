import { and, asc, eq, ne } from 'drizzle-orm';
import { apps, environments, processes } from '../../store/schema';
import { configFiles, secrets, volumes, workloadFiles, workloadMounts, workloadSpecs, type HealthCheck, type RolloutPolicy } from '../../store/schema-infra';
import type { CoreContext } from '../context';
import { invalid, notFound } from '../errors';
import type { App, Principal, Process, WorkloadSpec } from '../model';
import type { AppAccess } from './access';
import type { AppService } from './apps';
import type { ClusterFileService } from './clusterFiles';
import { appScope, type EventService } from './events';
import { maxScaleOf, type ProcessService } from './processes';
import { buildById, configById, latestRelease } from './records';
import type { ReleaseService } from './releases';
import type { TenancyService } from './tenancy';

export interface FileRef { name: string; fileName?: string; uid?: number; gid?: number; mode?: string }
export interface MountRef { source: string; target: string; readonly?: boolean }

/** What a client may set on a workload; absent fields keep their value (patch) or their default (replace). */
export interface WorkloadInput {
  image?: string;
  replicas?: number;
  command?: string;
  args?: string;
  hosts?: string[];
  port?: number;
  protocol?: string;
  healthcheck?: Partial<HealthCheck>;
  env?: { key: string; value: string }[];
  secrets?: FileRef[];
  configs?: FileRef[];
  mounts?: MountRef[];
  placement?: string[];
  update?: Partial<RolloutPolicy>;
  rollback?: Partial<RolloutPolicy>;
}

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
const DEFAULT_SPEC: Omit<WorkloadSpec, 'appId'> = {
  command: '', args: '', hosts: [], port: 0, protocol: '', healthcheck: { path: '', interval: 0, timeout: 0 },
  placement: [], updatePolicy: DEFAULT_POLICY, rollbackPolicy: DEFAULT_POLICY,
};
const MODE = /^[0-7]{3,4}$/;

/**
 * Apps as cluster workloads (MedStack services): one operation sets image, replicas, environment,
 * mounts and run settings together, as one new release where the image or environment changed.
 * Every app is a workload of its cluster, wherever it was created.
 */
export class WorkloadService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly tenancy: TenancyService,
    private readonly access: AppAccess,
    private readonly apps: AppService,
    private readonly releases: ReleaseService,
    private readonly processes: ProcessService,
    private readonly files: ClusterFileService,
    private readonly events: EventService,
  ) {}

  private get db() { return this.ctx.store.db; }

  list(p: Principal, tenantId: string, clusterId: string): Workload[] {
    this.tenancy.requireCluster(p, tenantId, clusterId);
    return this.access.selectApps().where(eq(apps.clusterId, clusterId)).orderBy(asc(apps.createdAt), asc(apps.name)).all()
      .map((app) => this.view(app));
  }

  get(p: Principal, tenantId: string, clusterId: string, appId: string): Workload {
    return this.view(this.find(p, tenantId, clusterId, appId));
  }

  create(p: Principal, tenantId: string, clusterId: string, name: string, input: WorkloadInput): Workload {
    return this.ctx.store.tx(() => {
      this.tenancy.requireCluster(p, tenantId, clusterId);
      const app = this.apps.insert(p, { name, clusterId });
      this.apply(app, p.username, { replicas: 1, ...input }, 'replace');
      this.events.record(appScope(app), 'app.create', p.username, { app: app.name });
      return this.view(this.access.load(name)!);
    });
  }

  /** Replace: every setting not given returns to its default. Patch: only the given settings change. */
  update(p: Principal, tenantId: string, clusterId: string, appId: string, input: WorkloadInput, mode: 'replace' | 'patch'): Workload {
    return this.ctx.store.tx(() => {
      const app = this.find(p, tenantId, clusterId, appId);
      this.apply(app, p.username, input, mode);
      this.events.record(appScope(app), 'workload.update', p.username, { app: app.name });
      return this.view(this.access.load(app.name)!);
    });
  }

  remove(p: Principal, tenantId: string, clusterId: string, appId: string): void {
    this.ctx.store.tx(() => this.apps.remove(this.find(p, tenantId, clusterId, appId), p.username));
  }

  /** Pulls the image again: a new build of the same image, deployed as a new release. */
  refreshImage(p: Principal, tenantId: string, clusterId: string, appId: string): Workload {
    return this.ctx.store.tx(() => {
      const app = this.find(p, tenantId, clusterId, appId);
      const image = this.view(app).image;
      if (!image) throw invalid('The service has no image to refresh', 'image');
      this.releases.deploy(app, p.username, { build: { image } });
      this.events.record(appScope(app), 'workload.refresh', p.username, { app: app.name });
      return this.view(this.access.load(app.name)!);
    });
  }

  /** Every running process of every app in the cluster, with the app it belongs to. */
  tasks(p: Principal, tenantId: string, clusterId: string): (Process & { appId: string })[] {
    this.tenancy.requireCluster(p, tenantId, clusterId);
    return this.db.select({ process: processes, appId: environments.appId }).from(processes)
      .innerJoin(environments, eq(processes.environmentId, environments.id))
      .innerJoin(apps, eq(environments.appId, apps.id))
      .where(and(eq(apps.clusterId, clusterId), ne(processes.type, 'run')))
      .orderBy(asc(apps.createdAt), asc(processes.type), asc(processes.num)).all()
      .map((row) => ({ ...row.process, appId: row.appId }));
  }

  view(app: App): Workload {
    const release = latestRelease(this.db, app.environmentId);
    const config = configById(this.db, release.configId);
    const spec = this.db.select().from(workloadSpecs).where(eq(workloadSpecs.appId, app.id)).get();
    const mountedFiles = (kind: 'secret' | 'config') => {
      const table = kind === 'secret' ? secrets : configFiles;
      const column = kind === 'secret' ? workloadFiles.secretId : workloadFiles.configFileId;
      return this.db.select({ file: workloadFiles, id: table.id, name: table.name }).from(workloadFiles)
        .innerJoin(table, eq(column, table.id)).where(and(eq(workloadFiles.appId, app.id), eq(workloadFiles.kind, kind)))
        .orderBy(asc(workloadFiles.position)).all()
        .map(({ file, id, name }) => ({ id, name, fileName: file.fileName, uid: file.uid, gid: file.gid, mode: file.mode }));
    };
    return {
      app,
      image: buildById(this.db, release.buildId)?.image ?? '',
      replicas: Object.values(app.structure).reduce((sum, n) => sum + n, 0),
      env: Object.entries(config.values).map(([key, value]) => ({ key, value })),
      spec: spec ?? DEFAULT_SPEC,
      secrets: mountedFiles('secret'),
      configs: mountedFiles('config'),
      mounts: this.db.select({ mount: workloadMounts, name: volumes.name }).from(workloadMounts)
        .innerJoin(volumes, eq(workloadMounts.volumeId, volumes.id)).where(eq(workloadMounts.appId, app.id))
        .orderBy(asc(workloadMounts.position)).all()
        .map(({ mount, name }) => ({ volumeId: mount.volumeId, source: name, target: mount.target, readonly: mount.readonly })),
    };
  }

  private find(p: Principal, tenantId: string, clusterId: string, appId: string): App {
    this.tenancy.requireCluster(p, tenantId, clusterId);
    const app = this.access.selectApps().where(and(eq(apps.clusterId, clusterId), eq(apps.id, appId))).get();
    if (!app) throw notFound('service');
    return app;
  }

  private apply(app: App, actor: string, input: WorkloadInput, mode: 'replace' | 'patch'): void {
    const current = this.view(app);
    const base = mode === 'replace' ? DEFAULT_SPEC : current.spec;
    const policy = (given: Partial<RolloutPolicy> | undefined, old: RolloutPolicy) => ({ ...old, ...given });
    const spec = {
      command: input.command ?? base.command, args: input.args ?? base.args, hosts: input.hosts ?? base.hosts,
      port: input.port ?? base.port, protocol: input.protocol ?? base.protocol,
      healthcheck: { ...base.healthcheck, ...input.healthcheck }, placement: input.placement ?? base.placement,
      updatePolicy: policy(input.update, base.updatePolicy), rollbackPolicy: policy(input.rollback, base.rollbackPolicy),
    };
    if (spec.port < 0 || spec.port > 65535) throw invalid('must be a port number from 0 to 65535', 'port');
    this.db.insert(workloadSpecs).values({ appId: app.id, ...spec }).onConflictDoUpdate({ target: workloadSpecs.appId, set: spec }).run();

    if (input.secrets || mode === 'replace') this.mountFiles(app, 'secret', input.secrets ?? []);
    if (input.configs || mode === 'replace') this.mountFiles(app, 'config', input.configs ?? []);
    if (input.mounts || mode === 'replace') this.mountVolumes(app, input.mounts ?? []);

    const newImage = input.image !== undefined && (input.image !== current.image || !buildById(this.db, latestRelease(this.db, app.environmentId).buildId));
    const env = input.env ?? (mode === 'replace' ? [] : undefined);
    const envChanges = env && envChangesFor(current.env, env);
    if (newImage || (envChanges && Object.keys(envChanges).length)) {
      this.releases.deploy(app, actor, { build: newImage ? { image: input.image! } : undefined, config: envChanges ? { values: envChanges } : undefined });
    }
    if (input.replicas !== undefined) {
      if (!Number.isInteger(input.replicas) || input.replicas < 0) throw invalid('must be a whole number, 0 or more', 'replicas');
      if (input.replicas > maxScaleOf(this.ctx)) throw invalid(`must be ${maxScaleOf(this.ctx)} or fewer (the emulator's --max-scale)`, 'replicas');
      const types = Object.keys(app.structure);
      this.processes.scaleApp(app, actor, { [types.length === 1 ? types[0] : 'cmd']: input.replicas });
    }
    this.access.touch(app);
  }

  private mountFiles(app: App, kind: 'secret' | 'config', refs: FileRef[]): void {
    this.db.delete(workloadFiles).where(and(eq(workloadFiles.appId, app.id), eq(workloadFiles.kind, kind))).run();
    refs.forEach((ref, position) => {
      const field = `${kind}s`;
      const row = this.files.byName(kind === 'secret' ? secrets : configFiles, app.clusterId, ref.name);
      if (!row) throw invalid(`No ${kind} named ${ref.name} in this cluster`, field);
      const mode = ref.mode ?? '0444';
      if (!MODE.test(mode)) throw invalid(`mode must be octal file permissions such as 0400, not ${mode}`, field);
      for (const id of [ref.uid, ref.gid]) if (id !== undefined && (!Number.isInteger(id) || id < 0)) throw invalid('uid and gid must be whole numbers', field);
      this.db.insert(workloadFiles).values({
        id: this.ctx.ids.uuid(), appId: app.id, kind, secretId: kind === 'secret' ? row.id : null, configFileId: kind === 'config' ? row.id : null,
        fileName: ref.fileName ?? `/run/${kind}s/${ref.name}`, uid: ref.uid ?? 0, gid: ref.gid ?? 0, mode, position,
      }).run();
    });
  }

  private mountVolumes(app: App, refs: MountRef[]): void {
    this.db.delete(workloadMounts).where(eq(workloadMounts.appId, app.id)).run();
    refs.forEach((ref, position) => {
      const volume = this.files.byName(volumes, app.clusterId, ref.source)
        ?? this.db.select().from(volumes).where(and(eq(volumes.clusterId, app.clusterId), eq(volumes.id, ref.source))).get();
      if (!volume) throw invalid(`No volume ${ref.source} in this cluster`, 'mounts');
      if (!ref.target.startsWith('/')) throw invalid('target must be an absolute path', 'mounts');
      this.db.insert(workloadMounts).values({ id: this.ctx.ids.uuid(), appId: app.id, volumeId: volume.id, target: ref.target, readonly: ref.readonly ?? false, position }).run();
    });
  }
}

/** The config changes that make the environment exactly `next`: new and changed keys set, the rest removed. */
function envChangesFor(current: { key: string; value: string }[], next: { key: string; value: string }[]): Record<string, string | null> {
  const wanted = new Map(next.map((e) => [e.key, e.value ?? '']));
  const changes: Record<string, string | null> = {};
  for (const { key } of current) if (!wanted.has(key)) changes[key] = null;
  const old = new Map(current.map((e) => [e.key, e.value]));
  for (const [key, value] of wanted) if (old.get(key) !== value) changes[key] = value;
  return changes;
}
