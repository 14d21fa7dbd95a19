/**
 * What a PaaS offers apps to choose from (platforms, plans, routers: Tsuru's catalogue, loaded from
 * fixtures) and the settings an app or a tenant carries beyond the core model's own columns: the
 * platform, plan, router, description and tags an app was created with, and a tenant's tags.
 * Pools are the core's clusters.
 */
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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

/** An app's chosen platform, plan, router (with its options), description and tags. */
export const appCatalogueChoices = sqliteTable('app_catalogue_choices', {
  appId: text('app_id').primaryKey().references(() => apps.id, { onDelete: 'cascade' }),
  platform: text('platform').notNull().default(''),
  plan: text('plan').notNull().default(''),
  router: text('router').notNull().default(''),
  routerOpts: text('router_opts', { mode: 'json' }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
  description: text('description').notNull().default(''),
  tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
});

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
