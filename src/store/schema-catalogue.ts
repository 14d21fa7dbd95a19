/**
 * What a PaaS offers apps to choose from (platforms, plans, routers: Tsuru's catalogue, loaded from
 * fixtures) and the settings an app or a tenant carries beyond the core model's own columns: the
 * platform, plan, router, description and tags an app was created with, and a tenant's tags; the
 * permission tree and the roles Tsuru lists, each role tied to the core role it stands for.
 * Pools are the core's clusters.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { apps, tenants, tokens } from './schema';

export const platforms = sqliteTable('platforms', {
  name: text('name').primaryKey(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
});

/** A resource plan: memory in bytes and CPU in thousandths of a core; one is the default. */
export const plans = sqliteTable('plans', {
  name: text('name').primaryKey(),
  memory: integer('memory').notNull(),
  cpuMilli: integer('cpu_milli').notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
});

export const routers = sqliteTable('routers', {
  name: text('name').primaryKey(),
  type: text('type').notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
});

/** Labels and annotations an app carries (Tsuru's metadata), each a name and a value. */
export interface AppMetadata { labels: { name: string; value: string }[]; annotations: { name: string; value: string }[] }

/** What an app changes of its plan's resources: memory in bytes, CPU in thousandths of a core, a CPU burst factor. */
export interface PlanOverride { memory?: number; cpumilli?: number; cpuBurst?: number }

/** An app's chosen platform, plan (and what it overrides of it), router (with its options), description, tags and metadata. */
export const appCatalogueChoices = sqliteTable('app_catalogue_choices', {
  appId: text('app_id').primaryKey().references(() => apps.id, { onDelete: 'cascade' }),
  platform: text('platform').notNull().default(''),
  plan: text('plan').notNull().default(''),
  router: text('router').notNull().default(''),
  routerOpts: text('router_opts', { mode: 'json' }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
  description: text('description').notNull().default(''),
  tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  metadata: text('metadata', { mode: 'json' }).$type<AppMetadata>().notNull().default(sql`'{"labels":[],"annotations":[]}'`),
  planOverride: text('plan_override', { mode: 'json' }).$type<PlanOverride>().notNull().default(sql`'{}'`),
});

/** One permission of Tsuru's permission tree (`app.update.env.set`), with the contexts it may be given in. */
export const permissionSchemes = sqliteTable('permission_schemes', {
  name: text('name').primaryKey(),
  contexts: text('contexts', { mode: 'json' }).$type<string[]>().notNull(),
  position: integer('position').notNull(),
});

/**
 * A named role (Tsuru's role-list): the context it is given in, the permissions it names, and the core
 * role that decides what it allows: a membership role (its holders have the role in each of their
 * tenants) or `superuser` (a global role).
 */
export const roleDefinitions = sqliteTable('roles', {
  name: text('name').primaryKey(),
  context: text('context').notNull(),
  description: text('description').notNull().default(''),
  schemeNames: text('scheme_names', { mode: 'json' }).$type<string[]>().notNull(),
  grants: text('grants', { enum: ['admin', 'member', 'user', 'superuser'] }).notNull(),
  position: integer('position').notNull(),
}, (t) => [index('roles_grants').on(t.grants)]);

export const tenantProfiles = sqliteTable('tenant_profiles', {
  tenantId: text('tenant_id').primaryKey().references(() => tenants.id, { onDelete: 'cascade' }),
  tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
});

/** What a tenant's token is for and who made it (Tsuru team tokens show both). */
export const tokenDetails = sqliteTable('token_details', {
  token: text('token').primaryKey().references(() => tokens.token, { onDelete: 'cascade' }),
  description: text('description').notNull().default(''),
  creatorEmail: text('creator_email').notNull().default(''),
});
