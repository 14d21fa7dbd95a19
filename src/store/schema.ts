/**
 * The drizzle schema of the core model. One table per core entity; dialects never get their own tables
 * for shared concepts. Timestamps are ISO-8601 strings from the core clock; JSON columns hold maps the
 * core treats as values (config maps, process structure, procfiles).
 * Infrastructure tables (nodes, secrets, volumes, webhooks) are in schema-infra.ts, the event log and timed
 * work in schema-timeline.ts; tables.ts lists all.
 * After changing either file run `npm run db:generate` and commit the new migration under drizzle/.
 */
import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';

type StringMap = Record<string, string>;

/** A tenant: a Tsuru team, a Divio organisation, a MedStack company, Deis' single owner space. `id` is its slug. */
export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  uuid: text('uuid').notNull().unique(),
  name: text('name').notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  /** Postal details a dialect shows for the tenant (MedStack's company): street_address, city, ... */
  details: text('details', { mode: 'json' }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
  createdAt: text('created_at').notNull(),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  /** Unique where given: Tsuru and Divio name users by email. Deis lets it be blank (null here). */
  email: text('email').unique(),
  passwordHash: text('password_hash').notNull(),
  firstName: text('first_name').notNull().default(''),
  lastName: text('last_name').notNull().default(''),
  /** Superuser within the tenants the user is a member of, never beyond them. */
  isSuperuser: integer('is_superuser', { mode: 'boolean' }).notNull().default(false),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  dateJoined: text('date_joined').notNull(),
  lastLogin: text('last_login'),
});

/**
 * A user's place in a tenant. `admin` may do anything there, `member` may use every app of the tenant,
 * `user` only the apps they own or were granted (Deis' model). The home tenant is where a user's own
 * creations go when a dialect names no tenant.
 */
export const memberships = sqliteTable('memberships', {
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  role: text('role', { enum: ['admin', 'member', 'user'] }).notNull(),
  isHome: integer('is_home', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.tenantId] }), index('memberships_tenant').on(t.tenantId)]);

/**
 * A credential. A user's (`api`: fixtures and API keys; `login`: Deis' one token per user; `session`:
 * one per Tsuru login) or a tenant's (`team`: Tsuru team tokens, acting as a member of that tenant).
 */
export const tokens = sqliteTable('tokens', {
  token: text('token').primaryKey(),
  kind: text('kind', { enum: ['api', 'login', 'session', 'team'] }).notNull(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  name: text('name').notNull().default(''),
  expiresAt: text('expires_at'),
  createdAt: text('created_at').notNull(),
}, (t) => [index('tokens_user').on(t.userId), index('tokens_tenant').on(t.tenantId)]);

export const clusters = sqliteTable('clusters', {
  id: text('id').primaryKey(),
  uuid: text('uuid').notNull().unique(),
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  /** Where the cluster runs: the infrastructure provider's id and the region's name. */
  provider: text('provider').notNull().default(''),
  region: text('region').notNull().default(''),
  createdAt: text('created_at').notNull(),
}, (t) => [uniqueIndex('clusters_tenant_name').on(t.tenantId, t.name)]);

/**
 * An app belongs to its tenant; the owner (Deis' owner, the one who may hand it on) and its creator are
 * users who may leave without taking the app with them.
 */
export const apps = sqliteTable('apps', {
  id: text('id').primaryKey(),
  /** Unique among all apps: Deis and Tsuru address an app by name alone. */
  name: text('name').notNull().unique(),
  /**
   * The app's name as a workload of its cluster (a MedStack service's `name`), unique within the cluster
   * only, so companies never learn each other's names; usually equal to `name` (see ServiceNames).
   */
  serviceName: text('service_name').notNull(),
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  clusterId: text('cluster_id').notNull().references(() => clusters.id),
  ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
  createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  // Lists show apps oldest first: a tenant's, one cluster's (MedStack services), or every app (Deis).
  index('apps_tenant').on(t.tenantId, t.createdAt, t.name), index('apps_cluster').on(t.clusterId, t.createdAt, t.name),
  index('apps_owner').on(t.ownerId), index('apps_created_by').on(t.createdById), index('apps_created').on(t.createdAt, t.name),
  uniqueIndex('apps_cluster_service_name').on(t.clusterId, t.serviceName),
]);

/**
 * A stage of an app (Divio's test and live; the one implicit stage elsewhere). Exactly one is primary:
 * the one single-environment dialects read and write.
 */
export const environments = sqliteTable('environments', {
  id: text('id').primaryKey(),
  appId: text('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  isPrimary: integer('is_primary', { mode: 'boolean' }).notNull(),
  branch: text('branch').notNull().default(''),
  position: integer('position').notNull().default(0),
  /** Requested process counts by type, e.g. {"web": 3}; what the processes table should converge to. */
  structure: text('structure', { mode: 'json' }).$type<Record<string, number>>().notNull().default(sql`'{}'`),
  /** A Dockerfile other than the repository's own to build from (Divio), or null. */
  alternativeDockerfile: text('alternative_dockerfile'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  uniqueIndex('environments_app_name').on(t.appId, t.name), index('environments_app_primary').on(t.appId, t.isPrimary),
  // Divio's lists show each app's environments in this order: read from the index, a page stops early instead of sorting them all.
  index('environments_app_position').on(t.appId, t.position, t.createdAt),
]);

/** A variable's value as the client sent it: Deis keeps `{"web": 512}` a number, so JSON, not text. */
export type VariableValue = string | number | boolean;

/**
 * One row per variable of an environment. `kind` separates what Deis keeps in four maps (environment
 * values, memory and cpu limits, tags); `source` tells a user's own from those a bound add-on exports,
 * so an unbind removes exactly those; `position` is the order clients see (Divio reorders).
 */
export const variables = sqliteTable('variables', {
  id: text('id').primaryKey(),
  environmentId: text('environment_id').notNull().references(() => environments.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['env', 'memory', 'cpu', 'tag'] }).notNull(),
  name: text('name').notNull(),
  value: text('value', { mode: 'json' }).$type<VariableValue>().notNull(),
  isSensitive: integer('is_sensitive', { mode: 'boolean' }).notNull().default(false),
  /** `user`, or `binding:<id>` for one exported by a bound add-on instance. */
  source: text('source').notNull().default('user'),
  position: integer('position').notNull(),
  /** Whether the platform expands patterns in the value when it deploys (Divio's is_pattern_replacement_active). */
  patternReplacement: integer('pattern_replacement', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [uniqueIndex('variables_environment_kind_name').on(t.environmentId, t.kind, t.name), index('variables_environment_position').on(t.environmentId, t.position)]);

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
  /** Names the set of variables: a new id whenever a release changes them, kept when it does not. */
  configId: text('config_id').notNull(),
  /** When and by whom that set of variables was made. */
  configCreatedAt: text('config_created_at').notNull(),
  configCreatedBy: text('config_created_by').notNull(),
  /** The variables the release was made with, as they were. */
  variables: text('variables', { mode: 'json' }).$type<VariableSnapshot[]>().notNull(),
  summary: text('summary').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [uniqueIndex('releases_environment_version').on(t.environmentId, t.version), index('releases_build').on(t.buildId)]);

/** A variable as a release keeps it. */
export interface VariableSnapshot { kind: 'env' | 'memory' | 'cpu' | 'tag'; name: string; value: VariableValue; isSensitive: boolean; source: string }

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
}, (t) => [index('processes_environment_type').on(t.environmentId, t.type, t.num), index('processes_release').on(t.releaseId)]);

export const domains = sqliteTable('domains', {
  id: text('id').primaryKey(),
  environmentId: text('environment_id').notNull().references(() => environments.id, { onDelete: 'cascade' }),
  name: text('name').notNull().unique(),
  createdBy: text('created_by').notNull(),
  /** The environment's main hostname, which the others may redirect to (Divio); one per environment. */
  isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
  redirectToPrimary: integer('redirect_to_primary', { mode: 'boolean' }).notNull().default(false),
  config: text('config', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('domains_environment').on(t.environmentId, t.createdAt)]);

export const sshKeys = sqliteTable('ssh_keys', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  publicKey: text('public_key').notNull().unique(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [uniqueIndex('ssh_keys_user_name').on(t.userId, t.name)]);

/**
 * A TLS certificate and its key for a tenant's router (Deis' certs), added by a user who may leave
 * without taking it. Its common name is unique within the tenant; what else it certifies (the DNS
 * names of its subjectAltName) and when it expires are read from the certificate itself.
 */
export const certificates = sqliteTable('certificates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
  commonName: text('common_name').notNull(),
  certificate: text('certificate').notNull(),
  privateKey: text('private_key').notNull(),
  subjectAltNames: text('subject_alt_names', { mode: 'json' }).$type<string[]>().notNull(),
  expiresAt: text('expires_at').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [uniqueIndex('certificates_tenant_common_name').on(t.tenantId, t.commonName), index('certificates_owner').on(t.ownerId)]);

/**
 * Access to an app beyond its tenant's members: for one user (Deis perms) or for every member of
 * another tenant (Tsuru's app teams). Exactly one of user and tenant is set.
 */
export const appGrants = sqliteTable('app_grants', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  appId: text('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  createdAt: text('created_at').notNull(),
}, (t) => [
  uniqueIndex('app_grants_app_user').on(t.appId, t.userId), uniqueIndex('app_grants_app_tenant').on(t.appId, t.tenantId),
  index('app_grants_user').on(t.userId), index('app_grants_tenant').on(t.tenantId),
]);

/** The app's log: platform messages the dialects show as logs (Deis logs, Tsuru app-log). */
export const logLines = sqliteTable('log_lines', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  appId: text('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  source: text('source').notNull(),
  message: text('message').notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [index('log_lines_app').on(t.appId, t.id)]);
