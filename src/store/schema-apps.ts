/**
 * What an app is beyond its name and environments, and the catalogues that placing one needs: regions,
 * plan groups and app templates (Divio's catalogues, read-only, loaded from fixtures), each app's profile
 * (display name, plan group, region, template, repository, release commands, tags, settings) and its
 * deployments (work that runs on the core clock and ends in a build and a release of one environment).
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { apps, builds, environments, releases, tenants } from './schema';

export interface ReleaseCommand { label: string; command: string }

/** A region applications run in; ids are UUIDs because Divio's clients send them back. */
export const regions = sqliteTable('regions', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  description: text('description').notNull().default(''),
  isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(true),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  /** Unit sizes and decimal prices (kept as text, as Django prints decimals). */
  prices: text('prices', { mode: 'json' }).$type<RegionPrices>().notNull(),
  position: integer('position').notNull(),
});

export interface RegionPrices {
  ramUnitSize: number; ramUnitPrice: string; diskUnitSize: number; diskUnitPrice: string;
  transferUnitSize: number; transferUnitPrice: string;
}

/** A plan group: the regions it is offered in and how many environments an app on it may have. */
export const planGroups = sqliteTable('plan_groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Offered to this tenant only; null: to every tenant. */
  tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  regionIds: text('region_ids', { mode: 'json' }).$type<string[]>().notNull(),
  maxEnvironments: integer('max_environments').notNull(),
  position: integer('position').notNull(),
}, (t) => [index('plan_groups_tenant').on(t.tenantId)]);

export const appTemplates = sqliteTable('app_templates', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull().unique(),
  name: text('name').notNull(),
  shortDescription: text('short_description').notNull().default(''),
  /** What a client sends back as the app's template: the template's git URL. */
  url: text('url').notNull().unique(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  releaseCommands: text('release_commands', { mode: 'json' }).$type<ReleaseCommand[]>().notNull(),
  services: text('services', { mode: 'json' }).$type<{ id: string; prefix: string }[]>().notNull(),
  tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
  position: integer('position').notNull(),
});

/** One row per app that has more than a name: apps made through Divio always have one. */
export const appProfiles = sqliteTable('app_profiles', {
  appId: text('app_id').primaryKey().references(() => apps.id, { onDelete: 'cascade' }),
  displayName: text('display_name').notNull(),
  planGroupId: text('plan_group_id').references(() => planGroups.id),
  regionId: text('region_id').references(() => regions.id),
  /** The template's URL or a git URL of the user's own; null for none. */
  template: text('template'),
  /** An external repository's id; null for the platform's own git. */
  repository: text('repository'),
  releaseCommands: text('release_commands', { mode: 'json' }).$type<ReleaseCommand[]>().notNull().default(sql`'[]'`),
  tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  /** Maintenance window, listening port and startup probe: the app's runtime settings. */
  settings: text('settings', { mode: 'json' }).$type<AppSettings>().notNull(),
  copiedFrom: text('copied_from'),
  copyType: text('copy_type', { enum: ['COPY', 'FORK', 'MIRROR'] }),
  archivedAt: text('archived_at'),
}, (t) => [
  index('app_profiles_plan_group').on(t.planGroupId), index('app_profiles_region').on(t.regionId),
  // Every list entry counts the app's mirrors; an unfiltered list counts the archived apps it leaves out.
  index('app_profiles_copied_from').on(t.copiedFrom, t.copyType), index('app_profiles_archived').on(t.archivedAt),
]);

export interface AppSettings {
  maintenanceWindowStart: number; maintenanceWindowDuration: number; port: number | null;
  startupProbeMaxRetries: number; startupProbeRequestTimeout: number; startupProbeRetryTimeout: number;
}

/**
 * A deployment of one environment: it runs on the core clock (status and percent moving, success null)
 * and ends with a build and a release of that environment. Its log is its running event's log.
 */
export const deployments = sqliteTable('deployments', {
  id: text('id').primaryKey(),
  environmentId: text('environment_id').notNull().references(() => environments.id, { onDelete: 'cascade' }),
  createdBy: text('created_by').notNull(),
  createdById: integer('created_by_id'),
  buildMode: text('build_mode', { enum: ['AUTO', 'ADOPT', 'FORCE'] }).notNull(),
  status: text('status').notNull(),
  percent: integer('percent').notNull(),
  success: integer('success', { mode: 'boolean' }),
  eventId: integer('event_id').notNull(),
  buildId: text('build_id').references(() => builds.id),
  releaseId: text('release_id').references(() => releases.id),
  copyFrom: text('copy_from'),
  adoptDeployment: text('adopt_deployment'),
  provisionServices: integer('provision_services', { mode: 'boolean' }).notNull(),
  startedAt: text('started_at').notNull(),
  endedAt: text('ended_at'),
}, (t) => [
  index('deployments_environment').on(t.environmentId, t.startedAt), index('deployments_build').on(t.buildId), index('deployments_release').on(t.releaseId),
  // Divio's deployment list, newest first: a page reads the newest from the index instead of sorting them all.
  index('deployments_started').on(t.startedAt),
]);
