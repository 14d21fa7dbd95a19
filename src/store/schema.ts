/**
 * The drizzle schema of the core model. One table per core entity; dialects never get their own tables
 * for shared concepts. Timestamps are ISO-8601 strings from the core clock; JSON columns hold maps the
 * core treats as values (config maps, process structure, procfiles).
 * Infrastructure tables (nodes, secrets, volumes, webhooks) are in schema-infra.ts; tables.ts derives
 * from both the order wipe, dump and restore walk.
 * After changing either file run `npm run db:generate` and commit the new migration under drizzle/.
 */
import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';

type StringMap = Record<string, string>;

export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  /** Postal details a dialect shows for the tenant (MedStack's company): street_address, city, ... */
  details: text('details', { mode: 'json' }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
  createdAt: text('created_at').notNull(),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  username: text('username').notNull().unique(),
  email: text('email').notNull().default(''),
  passwordHash: text('password_hash').notNull(),
  firstName: text('first_name').notNull().default(''),
  lastName: text('last_name').notNull().default(''),
  isSuperuser: integer('is_superuser', { mode: 'boolean' }).notNull().default(false),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  dateJoined: text('date_joined').notNull(),
  lastLogin: text('last_login'),
}, (t) => [index('users_tenant').on(t.tenantId)]);

export const tokens = sqliteTable('tokens', {
  token: text('token').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: text('created_at').notNull(),
}, (t) => [index('tokens_user').on(t.userId)]);

export const clusters = sqliteTable('clusters', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  /** Where the cluster runs: the infrastructure provider's id and the region's name. */
  provider: text('provider').notNull().default(''),
  region: text('region').notNull().default(''),
  createdAt: text('created_at').notNull(),
}, (t) => [uniqueIndex('clusters_tenant_name').on(t.tenantId, t.name)]);

export const apps = sqliteTable('apps', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  clusterId: text('cluster_id').notNull().references(() => clusters.id),
  ownerId: integer('owner_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  // Lists show apps oldest first: every app (Deis), or one cluster's (MedStack services).
  index('apps_created').on(t.createdAt, t.name),
  index('apps_cluster_created').on(t.clusterId, t.createdAt, t.name),
  index('apps_owner').on(t.ownerId),
  index('apps_tenant').on(t.tenantId),
]);

export const environments = sqliteTable('environments', {
  id: text('id').primaryKey(),
  appId: text('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** Requested process counts by type, e.g. {"web": 3}; what the processes table should converge to. */
  structure: text('structure', { mode: 'json' }).$type<Record<string, number>>().notNull().default(sql`'{}'`),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [uniqueIndex('environments_app_name').on(t.appId, t.name)]);

/** An immutable config snapshot: every change writes a new row, and a release points at one. */
export const configs = sqliteTable('configs', {
  id: text('id').primaryKey(),
  environmentId: text('environment_id').notNull().references(() => environments.id, { onDelete: 'cascade' }),
  createdBy: text('created_by').notNull(),
  values: text('values', { mode: 'json' }).$type<StringMap>().notNull(),
  memory: text('memory', { mode: 'json' }).$type<StringMap>().notNull(),
  cpu: text('cpu', { mode: 'json' }).$type<StringMap>().notNull(),
  tags: text('tags', { mode: 'json' }).$type<StringMap>().notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('configs_environment').on(t.environmentId)]);

export const builds = sqliteTable('builds', {
  id: text('id').primaryKey(),
  environmentId: text('environment_id').notNull().references(() => environments.id, { onDelete: 'cascade' }),
  createdBy: text('created_by').notNull(),
  image: text('image').notNull(),
  sha: text('sha').notNull().default(''),
  dockerfile: text('dockerfile').notNull().default(''),
  procfile: text('procfile', { mode: 'json' }).$type<StringMap>().notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('builds_environment').on(t.environmentId)]);

export const releases = sqliteTable('releases', {
  id: text('id').primaryKey(),
  environmentId: text('environment_id').notNull().references(() => environments.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  createdBy: text('created_by').notNull(),
  buildId: text('build_id').references(() => builds.id),
  configId: text('config_id').notNull().references(() => configs.id),
  summary: text('summary').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  uniqueIndex('releases_environment_version').on(t.environmentId, t.version),
  index('releases_build').on(t.buildId),
  index('releases_config').on(t.configId),
]);

/** One running instance of a process type (a Deis container, a Tsuru unit, a MedStack task). */
export const processes = sqliteTable('processes', {
  id: text('id').primaryKey(),
  environmentId: text('environment_id').notNull().references(() => environments.id, { onDelete: 'cascade' }),
  releaseId: text('release_id').notNull().references(() => releases.id),
  type: text('type').notNull(),
  num: integer('num').notNull(),
  state: text('state').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('processes_environment_type').on(t.environmentId, t.type), index('processes_release').on(t.releaseId)]);

export const domains = sqliteTable('domains', {
  id: text('id').primaryKey(),
  appId: text('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  name: text('name').notNull().unique(),
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('domains_app').on(t.appId)]);

export const sshKeys = sqliteTable('ssh_keys', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  publicKey: text('public_key').notNull().unique(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [uniqueIndex('ssh_keys_user_name').on(t.userId, t.name)]);

/** A user other than the owner who may use an app (Deis perms, later Tsuru team access). */
export const appGrants = sqliteTable('app_grants', {
  appId: text('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: text('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.appId, t.userId] }), index('app_grants_user').on(t.userId)]);

/** The app's log: platform messages the dialects show as logs (Deis logs, Tsuru app-log). */
export const logLines = sqliteTable('log_lines', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  appId: text('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  source: text('source').notNull(),
  message: text('message').notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [index('log_lines_app').on(t.appId, t.id)]);

/** What happened, for whom: the audit trail every dialect's events and webhooks are built from. */
export const events = sqliteTable('events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  clusterId: text('cluster_id'),
  appId: text('app_id'),
  kind: text('kind').notNull(),
  actor: text('actor').notNull(),
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [index('events_tenant').on(t.tenantId, t.id)]);
