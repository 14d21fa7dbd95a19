/**
 * Add-ons: services a team offers (Tsuru services, each with its plans and documentation), their
 * instances, the teams an instance is shared with, and the apps it is bound to. A binding exports
 * the instance's variables into the app (rows of `variables` whose source is `binding:<id>`).
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { apps, tenants } from './schema';

export interface AddonPlan { name: string; description: string }

export const addonServices = sqliteTable('addon_services', {
  name: text('name').primaryKey(),
  /** The team that offers it (Tsuru's service team). */
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  endpoint: text('endpoint').notNull().default(''),
  username: text('username').notNull().default(''),
  /** Write-only, as the service's API password. */
  password: text('password').notNull().default(''),
  doc: text('doc').notNull().default(''),
  plans: text('plans', { mode: 'json' }).$type<AddonPlan[]>().notNull().default(sql`'[]'`),
  createdAt: text('created_at').notNull(),
}, (t) => [index('addon_services_tenant').on(t.tenantId)]);

export const addonInstances = sqliteTable('addon_instances', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  serviceName: text('service_name').notNull().references(() => addonServices.name, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** The owning team. */
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  plan: text('plan').notNull().default(''),
  description: text('description').notNull().default(''),
  tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  parameters: text('parameters', { mode: 'json' }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
  createdAt: text('created_at').notNull(),
}, (t) => [uniqueIndex('addon_instances_service_name').on(t.serviceName, t.name), index('addon_instances_tenant').on(t.tenantId)]);

/** Further teams an instance is shared with (its owner team always has it). */
export const addonInstanceTeams = sqliteTable('addon_instance_teams', {
  instanceId: integer('instance_id').notNull().references(() => addonInstances.id, { onDelete: 'cascade' }),
  tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.instanceId, t.tenantId] }), index('addon_instance_teams_tenant').on(t.tenantId)]);

export const addonBindings = sqliteTable('addon_bindings', {
  instanceId: integer('instance_id').notNull().references(() => addonInstances.id, { onDelete: 'cascade' }),
  appId: text('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  createdAt: text('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.instanceId, t.appId] }), index('addon_bindings_app').on(t.appId)]);
