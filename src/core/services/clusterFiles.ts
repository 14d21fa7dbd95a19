import { and, asc, eq, sql } from 'drizzle-orm';
import { apps } from '../../store/schema';
import { configFiles, secrets, volumes, workloadFiles, workloadMounts } from '../../store/schema-infra';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { ConfigFile, Principal, Secret, Volume } from '../model';
import type { TenancyService } from './tenancy';
import { slot } from './placeholders';
import type { Db } from '../../store/store';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/;

type Table = typeof secrets | typeof configFiles | typeof volumes;

/** The statements every one of the three tables answers the same way, prepared once for each. */
function tableStatements(db: Db, table: Table) {
  const p = sql.placeholder;
  const inCluster = eq(table.clusterId, p('clusterId'));
  return {
    ofCluster: db.select().from(table as Table).where(inCluster).orderBy(asc(table.createdAt), asc(table.name)).prepare(),
    byName: db.select().from(table as Table).where(and(inCluster, eq(table.name, p('name')))).prepare(),
    byId: db.select().from(table as Table).where(and(inCluster, eq(table.id, p('id')))).prepare(),
    deleteOne: db.delete(table as Table).where(eq(table.id, p('id'))).prepare(),
  };
}
type TableStatements = ReturnType<typeof tableStatements>;

/**
 * What a cluster's workloads mount: secrets (whose values never leave the core again), config files
 * and volumes. Names are unique per cluster, and nothing in use by an app can be deleted.
 */
export class ClusterFileService {
  constructor(private readonly ctx: CoreContext, private readonly tenancy: TenancyService) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    this.ofTable = new Map<Table, TableStatements>([secrets, configFiles, volumes].map((table) => [table, tableStatements(db, table)]));
    const inserted = { id: slot('id'), clusterId: slot('clusterId'), name: slot('name'), createdAt: slot('now') };
    this.insertSecret = db.insert(secrets).values({ ...inserted, value: slot('value') }).returning().prepare();
    this.insertConfig = db.insert(configFiles).values({ ...inserted, data: slot('data') }).returning().prepare();
    this.insertVolume = db.insert(volumes).values(inserted).returning().prepare();
    this.mountsOfVolume = db.select({ app: apps.name, volume: volumes.name, target: workloadMounts.target, readonly: workloadMounts.readonly })
      .from(workloadMounts).innerJoin(apps, eq(workloadMounts.appId, apps.id)).innerJoin(volumes, eq(workloadMounts.volumeId, volumes.id))
      .where(eq(workloadMounts.volumeId, p('id'))).orderBy(asc(apps.name), asc(workloadMounts.position)).prepare();
    this.volumeUsersOf = db.selectDistinct({ name: apps.serviceName }).from(workloadMounts).innerJoin(apps, eq(workloadMounts.appId, apps.id))
      .where(eq(workloadMounts.volumeId, p('id'))).orderBy(asc(apps.serviceName)).prepare();
    const fileUsers = (column: typeof workloadFiles.secretId | typeof workloadFiles.configFileId) => db.selectDistinct({ name: apps.serviceName })
      .from(workloadFiles).innerJoin(apps, eq(workloadFiles.appId, apps.id)).where(eq(column, p('id'))).orderBy(asc(apps.serviceName)).prepare();
    this.secretUsersOf = fileUsers(workloadFiles.secretId);
    this.configUsersOf = fileUsers(workloadFiles.configFileId);
  }

  /** The statements of every request on a cluster's files, prepared once (for each of the three tables). */
  private readonly ofTable;
  private readonly insertSecret;
  private readonly insertConfig;
  private readonly insertVolume;
  private readonly mountsOfVolume;
  private readonly volumeUsersOf;
  private readonly secretUsersOf;
  private readonly configUsersOf;

  listSecrets(p: Principal, tenantId: string, clusterId: string): Secret[] {
    return this.list(p, tenantId, clusterId, secrets) as Secret[];
  }

  createSecret(p: Principal, tenantId: string, clusterId: string, name: string, value: string): Secret {
    return this.ctx.store.tx(() => {
      this.prepareCreate(p, tenantId, clusterId, secrets, name, 'secret');
      return this.insertSecret.get({ id: this.ctx.ids.uuid(), clusterId, name, value, now: nowIso(this.ctx) })!;
    });
  }

  deleteSecret(p: Principal, tenantId: string, clusterId: string, id: string): void {
    this.remove(p, tenantId, clusterId, secrets, id, 'secret', () => this.secretUsersOf.all({ id }).map((r) => r.name));
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
      return this.insertConfig.get({ id: this.ctx.ids.uuid(), clusterId, name, data, now: nowIso(this.ctx) })!;
    });
  }

  deleteConfig(p: Principal, tenantId: string, clusterId: string, id: string): void {
    this.remove(p, tenantId, clusterId, configFiles, id, 'config', () => this.configUsersOf.all({ id }).map((r) => r.name));
  }

  listVolumes(p: Principal, tenantId: string, clusterId: string): Volume[] {
    return this.list(p, tenantId, clusterId, volumes) as Volume[];
  }

  createVolume(p: Principal, tenantId: string, clusterId: string, name: string): Volume {
    return this.ctx.store.tx(() => {
      this.prepareCreate(p, tenantId, clusterId, volumes, name, 'volume');
      return this.insertVolume.get({ id: this.ctx.ids.uuid(), clusterId, name, now: nowIso(this.ctx) })!;
    });
  }

  deleteVolume(p: Principal, tenantId: string, clusterId: string, id: string): void {
    this.remove(p, tenantId, clusterId, volumes, id, 'volume', () => this.volumeUsers(id));
  }

  /**
   * Every mount of a volume by an app, with both names: the same rows a MedStack service's mounts are, as
   * Tsuru's volume binds (an app's own are in its info's read). The caller has checked access to the volume.
   */
  volumeMounts(volumeId: string): { app: string; volume: string; target: string; readonly: boolean }[] {
    return this.mountsOfVolume.all({ id: volumeId });
  }

  /** The service names of the apps that mount a volume (the volume's cluster is theirs: no other company's). */
  volumeUsers(volumeId: string): string[] {
    return this.volumeUsersOf.all({ id: volumeId }).map((r) => r.name);
  }

  /** The row of that kind named `name` in the cluster, for a workload that refers to it. */
  byName<T extends Table>(table: T, clusterId: string, name: string): T['$inferSelect'] | undefined {
    return this.ofTable.get(table)!.byName.get({ clusterId, name }) as T['$inferSelect'] | undefined;
  }

  /** The row of that kind with id `id` in the cluster, for a workload that refers to it by id. */
  byId<T extends Table>(table: T, clusterId: string, id: string): T['$inferSelect'] | undefined {
    return this.ofTable.get(table)!.byId.get({ clusterId, id }) as T['$inferSelect'] | undefined;
  }

  private list(p: Principal, tenantId: string, clusterId: string, table: Table) {
    this.tenancy.requireCluster(p, tenantId, clusterId);
    return this.ofTable.get(table)!.ofCluster.all({ clusterId });
  }

  private prepareCreate(p: Principal, tenantId: string, clusterId: string, table: Table, name: string, what: string): void {
    this.tenancy.requireCluster(p, tenantId, clusterId, 'write');
    if (!NAME.test(name)) throw fail('file.name_invalid', { what, name }, 'name');
    if (this.byName(table, clusterId, name)) throw fail('file.name_taken', { what, name }, 'name');
  }

  private find(clusterId: string, table: Table, id: string, what: string) {
    const row = this.byId(table, clusterId, id);
    if (!row) throw fail('file.not_found', { what, id });
    return row;
  }

  private remove(p: Principal, tenantId: string, clusterId: string, table: Table, id: string, what: string, users: () => string[]): void {
    this.ctx.store.tx(() => {
      this.tenancy.requireCluster(p, tenantId, clusterId, 'write');
      this.find(clusterId, table, id, what);
      const inUse = users();
      if (inUse.length) throw fail('file.in_use', { what, users: inUse.join(', ') });
      this.ofTable.get(table)!.deleteOne.run({ id });
    });
  }
}
