import { and, asc, eq, sql } from 'drizzle-orm';
import { apps } from '../../store/schema';
import { configFiles, secrets, volumes, type HealthCheck, type RolloutPolicy } from '../../store/schema-infra';
import { DEFAULT_SPEC, WorkloadViews, type Workload } from './workloadViews';
import type { CoreContext } from '../context';
import { fail } from '../errors';
import type { App, Principal, Process, VariableChange } from '../model';
import { AccessPolicy, type Action } from './access';
import type { AppService } from './apps';
import type { ClusterFileService } from './clusterFiles';
import { appScope, type EventService } from './events';
import { maxScaleOf, type ProcessService } from './processes';
import { buildById, latestRelease } from './records';
import type { ReleaseService } from './releases';
import type { TenancyService } from './tenancy';
import { prepareWorkloadStatements } from './workloadStatements';

export type { MountedFile, Workload } from './workloadViews';

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

const MODE = /^[0-7]{3,4}$/;

/** The apps of a cluster that a caller may read: bind the cluster and `AccessPolicy.visibilityOf(caller)`. */
function prepareAppsOfCluster(access: AccessPolicy) {
  return access.selectApps().where(and(eq(apps.clusterId, sql.placeholder('clusterId')), AccessPolicy.visibleApps))
    .orderBy(asc(apps.createdAt), asc(apps.name)).prepare();
}

/**
 * Apps as cluster workloads (MedStack services): one operation sets image, replicas, environment,
 * mounts and run settings together, as one new release where the image or environment changed.
 * Every app is a workload of its cluster, wherever it was created.
 */
export class WorkloadService {
  private readonly views: WorkloadViews;
  private readonly appsOfCluster: ReturnType<typeof prepareAppsOfCluster>;
  private readonly statements: ReturnType<typeof prepareWorkloadStatements>;

  constructor(
    private readonly ctx: CoreContext,
    private readonly tenancy: TenancyService,
    private readonly access: AccessPolicy,
    private readonly apps: AppService,
    private readonly releases: ReleaseService,
    private readonly processes: ProcessService,
    private readonly files: ClusterFileService,
    private readonly events: EventService,
  ) {
    this.views = new WorkloadViews(ctx.store.db);
    this.appsOfCluster = prepareAppsOfCluster(access);
    this.statements = prepareWorkloadStatements(ctx.store.db);
  }

  private get db() { return this.ctx.store.db; }

  /** Every workload of the cluster, oldest first, read set-wise (a fixed number of statements). */
  list(p: Principal, tenantId: string, clusterId: string): Workload[] {
    this.tenancy.requireCluster(p, tenantId, clusterId);
    return this.views.ofClusterApps(clusterId, this.appsOfCluster.all({ clusterId, ...AccessPolicy.visibilityOf(p) }));
  }

  get(p: Principal, tenantId: string, clusterId: string, appId: string): Workload {
    return this.find(p, tenantId, clusterId, appId);
  }

  /** A new workload named `serviceName`, a name unique within its cluster only (see ServiceNames). */
  create(p: Principal, tenantId: string, clusterId: string, serviceName: string, input: WorkloadInput): Workload {
    return this.ctx.store.tx(() => {
      this.tenancy.requireCluster(p, tenantId, clusterId);
      const app = this.apps.insert(p, { serviceName, tenantId, clusterId });
      this.apply(this.view(app), p.username, { replicas: 1, ...input }, 'replace');
      this.events.record(appScope(app), 'app.create', p.username, { app: app.name });
      return this.reread(app);
    });
  }

  /** Replace: every setting not given returns to its default. Patch: only the given settings change. */
  update(p: Principal, tenantId: string, clusterId: string, appId: string, input: WorkloadInput, mode: 'replace' | 'patch'): Workload {
    return this.ctx.store.tx(() => {
      const current = this.find(p, tenantId, clusterId, appId, 'write');
      const { app } = current;
      this.apply(current, p.username, input, mode);
      this.events.record(appScope(app), 'workload.update', p.username, { app: app.name });
      return this.reread(app);
    });
  }

  remove(p: Principal, tenantId: string, clusterId: string, appId: string): void {
    this.ctx.store.tx(() => this.apps.remove(this.find(p, tenantId, clusterId, appId, 'manage').app, p.username));
  }

  /** Pulls the image again: a new build of the same image, deployed as a new release. */
  refreshImage(p: Principal, tenantId: string, clusterId: string, appId: string): Workload {
    return this.ctx.store.tx(() => {
      const { app, image } = this.find(p, tenantId, clusterId, appId, 'write');
      if (!image) throw fail('workload.no_image', {}, 'image');
      this.releases.deploy(app, p.username, { build: { image } });
      this.events.record(appScope(app), 'workload.refresh', p.username, { app: app.name });
      return this.reread(app);
    });
  }

  /** Every running process of every app in the cluster, with the app it belongs to. */
  tasks(p: Principal, tenantId: string, clusterId: string): (Process & { appId: string })[] {
    this.tenancy.requireCluster(p, tenantId, clusterId);
    return this.statements.tasksOfCluster.all({ clusterId }).map((row) => ({ ...row.process, appId: row.appId }));
  }

  view(app: App): Workload {
    return this.views.of(app);
  }

  /**
   * The workload `appId` of the cluster, if the caller may do `action` to it: one statement reads the
   * app, its view and its cluster's tenant. Only when that is not a match does the cluster get read
   * alone, so that a missing cluster is told apart from a missing service as before.
   */
  private find(p: Principal, tenantId: string, clusterId: string, appId: string, action: Action = 'read'): Workload {
    this.access.checkTenant(p, tenantId);
    const found = this.views.byId(appId);
    if (found?.workload.app.clusterId === clusterId && found.clusterTenantId === tenantId) {
      this.access.check(p, found.workload.app, action);
      return found.workload;
    }
    this.tenancy.requireCluster(p, tenantId, clusterId);
    throw fail('app.not_found');
  }

  /** The workload as the operation left it: its app row changed too (touched, maybe rescaled). */
  private reread(app: App): Workload {
    return this.views.byId(app.id)!.workload;
  }

  private apply(current: Workload, actor: string, input: WorkloadInput, mode: 'replace' | 'patch'): void {
    const { app } = current;
    const base = mode === 'replace' ? DEFAULT_SPEC : current.spec;
    const policy = (given: Partial<RolloutPolicy> | undefined, old: RolloutPolicy) => ({ ...old, ...given });
    const spec = {
      command: input.command ?? base.command, args: input.args ?? base.args, hosts: input.hosts ?? base.hosts,
      port: input.port ?? base.port, protocol: input.protocol ?? base.protocol,
      healthcheck: { ...base.healthcheck, ...input.healthcheck }, placement: input.placement ?? base.placement,
      updatePolicy: policy(input.update, base.updatePolicy), rollbackPolicy: policy(input.rollback, base.rollbackPolicy),
    };
    if (spec.port < 0 || spec.port > 65535) throw fail('workload.port_invalid', {}, 'port');
    this.statements.saveSpec.run({ appId: app.id, ...spec });

    if (input.secrets || mode === 'replace') this.mountFiles(app, 'secret', input.secrets ?? []);
    if (input.configs || mode === 'replace') this.mountFiles(app, 'config', input.configs ?? []);
    if (input.mounts || mode === 'replace') this.mountVolumes(app, input.mounts ?? []);

    const newImage = input.image !== undefined && (input.image !== current.image || !buildById(this.db, latestRelease(this.db, app.environmentId).buildId));
    const env = input.env ?? (mode === 'replace' ? [] : undefined);
    const envChanges = env && envChangesFor(current.env, env);
    if (newImage || envChanges?.length) {
      this.releases.deploy(app, actor, { build: newImage ? { image: input.image! } : undefined, variables: envChanges?.length ? envChanges : undefined });
    }
    if (input.replicas !== undefined) {
      if (!Number.isInteger(input.replicas) || input.replicas < 0) throw fail('workload.replicas_invalid', {}, 'replicas');
      if (input.replicas > maxScaleOf(this.ctx)) throw fail('workload.replicas_too_many', { max: maxScaleOf(this.ctx) }, 'replicas');
      const types = Object.keys(app.structure);
      // As Docker Swarm does, a service already at that many replicas is not scaled again.
      const unchanged = types.length === 1 && app.structure[types[0]] === input.replicas;
      if (!unchanged) this.processes.scaleApp(app, actor, { [types.length === 1 ? types[0] : 'cmd']: input.replicas });
    }
    this.access.touch(app);
  }

  private mountFiles(app: App, kind: 'secret' | 'config', refs: FileRef[]): void {
    this.statements.deleteFiles.run({ appId: app.id, kind });
    refs.forEach((ref, position) => {
      const field = `${kind}s`;
      const row = this.files.byName(kind === 'secret' ? secrets : configFiles, app.clusterId, ref.name);
      if (!row) throw fail('workload.file_unknown', { kind, name: ref.name }, field);
      const mode = ref.mode ?? '0444';
      if (!MODE.test(mode)) throw fail('workload.file_mode_invalid', { mode }, field);
      for (const id of [ref.uid, ref.gid]) if (id !== undefined && (!Number.isInteger(id) || id < 0)) throw fail('workload.file_owner_invalid', {}, field);
      this.statements.insertFile.run({
        id: this.ctx.ids.uuid(), appId: app.id, kind, secretId: kind === 'secret' ? row.id : null, configFileId: kind === 'config' ? row.id : null,
        fileName: ref.fileName ?? `/run/${kind}s/${ref.name}`, uid: ref.uid ?? 0, gid: ref.gid ?? 0, mode, position,
      });
    });
  }

  private mountVolumes(app: App, refs: MountRef[]): void {
    this.statements.deleteMounts.run({ appId: app.id });
    refs.forEach((ref, position) => {
      const volume = this.files.byName(volumes, app.clusterId, ref.source) ?? this.files.byId(volumes, app.clusterId, ref.source);
      if (!volume) throw fail('workload.volume_unknown', { source: ref.source }, 'mounts');
      if (!ref.target.startsWith('/')) throw fail('workload.target_invalid', {}, 'mounts');
      this.statements.insertMount.run({ id: this.ctx.ids.uuid(), appId: app.id, volumeId: volume.id, target: ref.target, readonly: ref.readonly ?? false, position });
    });
  }
}

/** The variable changes that make the environment exactly `next`: new and changed names set, the rest removed. */
function envChangesFor(current: { key: string; value: string }[], next: { key: string; value: string }[]): VariableChange[] {
  const wanted = new Map(next.map((e) => [e.key, e.value ?? '']));
  const old = new Map(current.map((e) => [e.key, e.value]));
  return [
    ...current.filter(({ key }) => !wanted.has(key)).map(({ key }): VariableChange => ({ kind: 'env', name: key, value: null })),
    ...[...wanted].filter(([key, value]) => old.get(key) !== value).map(([key, value]): VariableChange => ({ kind: 'env', name: key, value })),
  ];
}
