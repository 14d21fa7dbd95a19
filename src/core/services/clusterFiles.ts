import { and, asc, eq } from 'drizzle-orm';
import { apps } from '../../store/schema';
import { configFiles, secrets, volumes, workloadFiles, workloadMounts } from '../../store/schema-infra';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { ConfigFile, Principal, Secret, Volume } from '../model';
import type { TenancyService } from './tenancy';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/;

type Table = typeof secrets | typeof configFiles | typeof volumes;

/**
 * What a cluster's workloads mount: secrets (whose values never leave the core again), config files
 * and volumes. Names are unique per cluster, and nothing in use by an app can be deleted.
 */
export class ClusterFileService {
  constructor(private readonly ctx: CoreContext, private readonly tenancy: TenancyService) {}

  private get db() { return this.ctx.store.db; }

  listSecrets(p: Principal, tenantId: string, clusterId: string): Secret[] {
    return this.list(p, tenantId, clusterId, secrets) as Secret[];
  }

  createSecret(p: Principal, tenantId: string, clusterId: string, name: string, value: string): Secret {
    return this.ctx.store.tx(() => {
      this.prepareCreate(p, tenantId, clusterId, secrets, name, 'secret');
      return this.db.insert(secrets).values({ id: this.ctx.ids.uuid(), clusterId, name, value, createdAt: nowIso(this.ctx) }).returning().get();
    });
  }

  deleteSecret(p: Principal, tenantId: string, clusterId: string, id: string): void {
    this.remove(p, tenantId, clusterId, secrets, id, 'secret', () => this.fileUsers(workloadFiles.secretId, id));
  }

  listConfigs(p: Principal, tenantId: string, clusterId: string): ConfigFile[] {
    return this.list(p, tenantId, clusterId, configFiles) as ConfigFile[];
  }

  getConfig(p: Principal, tenantId: string, clusterId: string, id: string): ConfigFile {
    this.tenancy.requireCluster(p, tenantId, clusterId);
    return this.find(clusterId, configFiles, id, 'config') as ConfigFile;
  }

  createConfig(p: Principal, tenantId: string, clusterId: string, name: string, data: string): ConfigFile {
    return this.ctx.store.tx(() => {
      this.prepareCreate(p, tenantId, clusterId, configFiles, name, 'config');
      return this.db.insert(configFiles).values({ id: this.ctx.ids.uuid(), clusterId, name, data, createdAt: nowIso(this.ctx) }).returning().get();
    });
  }

  deleteConfig(p: Principal, tenantId: string, clusterId: string, id: string): void {
    this.remove(p, tenantId, clusterId, configFiles, id, 'config', () => this.fileUsers(workloadFiles.configFileId, id));
  }

  listVolumes(p: Principal, tenantId: string, clusterId: string): Volume[] {
    return this.list(p, tenantId, clusterId, volumes) as Volume[];
  }

  createVolume(p: Principal, tenantId: string, clusterId: string, name: string): Volume {
    return this.ctx.store.tx(() => {
      this.prepareCreate(p, tenantId, clusterId, volumes, name, 'volume');
      return this.db.insert(volumes).values({ id: this.ctx.ids.uuid(), clusterId, name, createdAt: nowIso(this.ctx) }).returning().get();
    });
  }

  deleteVolume(p: Principal, tenantId: string, clusterId: string, id: string): void {
    this.remove(p, tenantId, clusterId, volumes, id, 'volume', () => this.volumeUsers(id));
  }

  /**
   * Every mount of a volume by an app, of one app or of one volume, with both names: the same rows a
   * MedStack service's mounts are, as Tsuru's volume binds. The caller has checked access to the app or volume.
   */
  volumeMounts(of: { appId: string } | { volumeId: string }): { app: string; volume: string; target: string; readonly: boolean }[] {
    return this.db.select({ app: apps.name, volume: volumes.name, target: workloadMounts.target, readonly: workloadMounts.readonly })
      .from(workloadMounts).innerJoin(apps, eq(workloadMounts.appId, apps.id)).innerJoin(volumes, eq(workloadMounts.volumeId, volumes.id))
      .where('appId' in of ? eq(workloadMounts.appId, of.appId) : eq(workloadMounts.volumeId, of.volumeId))
      .orderBy(asc(apps.name), asc(workloadMounts.position)).all();
  }

  /** The service names of the apps that mount a volume (the volume's cluster is theirs: no other company's). */
  volumeUsers(volumeId: string): string[] {
    return this.db.selectDistinct({ name: apps.serviceName }).from(workloadMounts).innerJoin(apps, eq(workloadMounts.appId, apps.id))
      .where(eq(workloadMounts.volumeId, volumeId)).orderBy(asc(apps.serviceName)).all().map((r) => r.name);
  }

  private fileUsers(column: typeof workloadFiles.secretId | typeof workloadFiles.configFileId, id: string): string[] {
    return this.db.selectDistinct({ name: apps.serviceName }).from(workloadFiles).innerJoin(apps, eq(workloadFiles.appId, apps.id))
      .where(eq(column, id)).orderBy(asc(apps.serviceName)).all().map((r) => r.name);
  }

  /** The row of that kind named `name` in the cluster, for a workload that refers to it. */
  byName<T extends Table>(table: T, clusterId: string, name: string): T['$inferSelect'] | undefined {
    return this.db.select().from(table as Table).where(and(eq(table.clusterId, clusterId), eq(table.name, name))).get() as T['$inferSelect'] | undefined;
  }

  private list(p: Principal, tenantId: string, clusterId: string, table: Table) {
    this.tenancy.requireCluster(p, tenantId, clusterId);
    return this.db.select().from(table as Table).where(eq(table.clusterId, clusterId)).orderBy(asc(table.createdAt), asc(table.name)).all();
  }

  private prepareCreate(p: Principal, tenantId: string, clusterId: string, table: Table, name: string, what: string): void {
    this.tenancy.requireCluster(p, tenantId, clusterId, 'write');
    if (!NAME.test(name)) throw fail('file.name_invalid', { what, name }, 'name');
    if (this.byName(table, clusterId, name)) throw fail('file.name_taken', { what, name }, 'name');
  }

  private find(clusterId: string, table: Table, id: string, what: string) {
    const row = this.db.select().from(table as Table).where(and(eq(table.clusterId, clusterId), eq(table.id, id))).get();
    if (!row) throw fail('file.not_found', { what, id });
    return row;
  }

  private remove(p: Principal, tenantId: string, clusterId: string, table: Table, id: string, what: string, users: () => string[]): void {
    this.ctx.store.tx(() => {
      this.tenancy.requireCluster(p, tenantId, clusterId, 'write');
      this.find(clusterId, table, id, what);
      const inUse = users();
      if (inUse.length) throw fail('file.in_use', { what, users: inUse.join(', ') });
      this.db.delete(table as Table).where(eq(table.id, id)).run();
    });
  }
}
