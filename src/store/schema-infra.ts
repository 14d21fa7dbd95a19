/**
 * The core's infrastructure tables: what a cluster is made of (node sizes, nodes), what workloads
 * use (secrets, config files, volumes), how a workload runs (its spec and the references it mounts),
 * and outgoing webhooks with their delivery log.
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { apps, clusters, tenants } from './schema';

/** A catalogue entry: the machine sizes a cluster may add nodes of (null cluster: every cluster). */
export const nodeSizes = sqliteTable('node_sizes', {
  id: text('id').primaryKey(),
  clusterId: text('cluster_id').references(() => clusters.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  vcpu: integer('vcpu').notNull(),
  memory: real('memory').notNull(),
}, (t) => [index('node_sizes_cluster').on(t.clusterId)]);

/**
 * A machine of a cluster. A transitional status (provisioning, resizing, rebooting, deleting) ends
 * when its timed work (schema-timeline.ts) settles; then the node runs, with its new size, or is gone.
 */
export const nodes = sqliteTable('nodes', {
  id: text('id').primaryKey(),
  clusterId: text('cluster_id').notNull().references(() => clusters.id, { onDelete: 'cascade' }),
  sizeId: text('size_id').notNull().references(() => nodeSizes.id),
  status: text('status').notNull(),
  publicIp: text('public_ip').notNull(),
  swarmManager: integer('swarm_manager', { mode: 'boolean' }).notNull(),
  osType: text('os_type').notNull(),
  osDistribution: text('os_distribution').notNull(),
  osVersion: text('os_version').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('nodes_cluster').on(t.clusterId), index('nodes_size').on(t.sizeId)]);

export const secrets = sqliteTable('secrets', {
  id: text('id').primaryKey(),
  clusterId: text('cluster_id').notNull().references(() => clusters.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** Write-only: no dialect ever returns it after creation. */
  value: text('value').notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [uniqueIndex('secrets_cluster_name').on(t.clusterId, t.name)]);

export const configFiles = sqliteTable('config_files', {
  id: text('id').primaryKey(),
  clusterId: text('cluster_id').notNull().references(() => clusters.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  data: text('data').notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [uniqueIndex('config_files_cluster_name').on(t.clusterId, t.name)]);

export const volumes = sqliteTable('volumes', {
  id: text('id').primaryKey(),
  clusterId: text('cluster_id').notNull().references(() => clusters.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [uniqueIndex('volumes_cluster_name').on(t.clusterId, t.name)]);

export interface HealthCheck { path: string; interval: number; timeout: number }
export interface RolloutPolicy { order: string; delay: number; parallelism: number; failureAction: string; maxFailureRatio: number; monitor: number }

/** How an app's processes run, where a dialect says so (MedStack services); absent means defaults. */
export const workloadSpecs = sqliteTable('workload_specs', {
  appId: text('app_id').primaryKey().references(() => apps.id, { onDelete: 'cascade' }),
  command: text('command').notNull().default(''),
  args: text('args').notNull().default(''),
  hosts: text('hosts', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  port: integer('port').notNull().default(0),
  protocol: text('protocol').notNull().default(''),
  healthcheck: text('healthcheck', { mode: 'json' }).$type<HealthCheck>().notNull(),
  placement: text('placement', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  updatePolicy: text('update_policy', { mode: 'json' }).$type<RolloutPolicy>().notNull(),
  rollbackPolicy: text('rollback_policy', { mode: 'json' }).$type<RolloutPolicy>().notNull(),
});

/** A secret or config file an app mounts; the referenced row cannot be deleted while mounted. */
export const workloadFiles = sqliteTable('workload_files', {
  id: text('id').primaryKey(),
  appId: text('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['secret', 'config'] }).notNull(),
  secretId: text('secret_id').references(() => secrets.id),
  configFileId: text('config_file_id').references(() => configFiles.id),
  fileName: text('file_name').notNull(),
  uid: integer('uid').notNull(),
  gid: integer('gid').notNull(),
  mode: text('mode').notNull(),
  position: integer('position').notNull(),
}, (t) => [
  index('workload_files_app').on(t.appId), index('workload_files_secret').on(t.secretId), index('workload_files_config_file').on(t.configFileId),
]);

export const workloadMounts = sqliteTable('workload_mounts', {
  id: text('id').primaryKey(),
  appId: text('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  volumeId: text('volume_id').notNull().references(() => volumes.id),
  target: text('target').notNull(),
  readonly: integer('readonly', { mode: 'boolean' }).notNull(),
  position: integer('position').notNull(),
}, (t) => [index('workload_mounts_app').on(t.appId), index('workload_mounts_volume').on(t.volumeId)]);

/** An outgoing webhook: every change in its cluster (or its whole tenant, with no cluster) is POSTed to `url`. */
export const webhooks = sqliteTable('webhooks', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  clusterId: text('cluster_id').references(() => clusters.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  /** The dialect the webhook was made through: its renderer writes every delivery's body. */
  dialect: text('dialect').notNull(),
  label: text('label'),
  lastTriggered: text('last_triggered'),
  /** Failed deliveries since the last one that succeeded. */
  failureCount: integer('failure_count').notNull().default(0),
  createdAt: text('created_at').notNull(),
}, (t) => [index('webhooks_tenant').on(t.tenantId), index('webhooks_cluster').on(t.clusterId)]);

/** The outcome of each delivery, for inspection through the admin API; the oldest are pruned. */
export const webhookDeliveries = sqliteTable('webhook_deliveries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  webhookId: text('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
  eventType: text('event_type').notNull(),
  payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  attempts: integer('attempts').notNull(),
  statusCode: integer('status_code'),
  responseBody: text('response_body').notNull().default(''),
  error: text('error'),
  succeeded: integer('succeeded', { mode: 'boolean' }).notNull(),
  deliveredAt: text('delivered_at').notNull(),
}, (t) => [index('webhook_deliveries_webhook').on(t.webhookId)]);
