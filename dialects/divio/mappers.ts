import type { Core } from '../../src/core/core';
import type { Principal, Tenant, User, Variable } from '../../src/core/model';
import type { ProfiledApp } from '../../src/core/services/appProfiles';
import type { ListedApplication } from '../../src/core/services/applicationList';
import type { AppTemplate, PlanGroup, Region } from '../../src/core/services/catalogues';
import type { Action } from '../../src/core/services/access';
import { derivedUuid } from './ids';

/** Django REST framework's datetime: ISO 8601 with microseconds and Z ("2021-12-13T02:32:03.768986Z"). */
export const divioDate = (iso: string) => iso.replace(/\.(\d{3})Z$/, '.$1000Z');
export const divioDateOrNull = (iso: string | null) => (iso === null ? null : divioDate(iso));

/** What the caller may do with the app, in Django's permission words. */
const PERMISSIONS: [Action, string][] = [['read', 'view_application'], ['write', 'change_application'], ['manage', 'delete_application']];

export function applicationJson(core: Core, p: Principal, { app, profile, tenantUuid, mirrors, canAddEnvironment }: ListedApplication) {
  const s = profile.settings;
  return {
    uuid: app.id,
    slug: app.name,
    name: profile.displayName,
    organisation: tenantUuid,
    region: profile.regionId ?? core.catalogues.defaultRegion()!.id,
    repository: profile.repository,
    screenshots: {},
    custom_screenshots: {},
    avatars: {},
    is_suspended: false,
    suspended_reason: null,
    is_undergoing_maintenance: false,
    maintenance_reason: null,
    copy_type: profile.copyType,
    is_repository_read_only: false,
    release_commands: profile.releaseCommands,
    has_annotations: false,
    updates_available: false,
    created_at: divioDate(app.createdAt),
    active_subscription: null,
    tags: profile.tags,
    on_free_trial: false,
    free_trial_days_left: null,
    copied_from: profile.copiedFrom,
    screenshot_taken_at: null,
    maintenance_window_start: s.maintenanceWindowStart,
    maintenance_window_duration: s.maintenanceWindowDuration,
    unconfirmed_subscription: null,
    support_level: 'standard',
    mirrors_count: mirrors,
    upcoming_maintenances_count: 0,
    port: s.port,
    startup_probe_max_retries: s.startupProbeMaxRetries,
    startup_probe_request_timeout: s.startupProbeRequestTimeout,
    startup_probe_retry_timeout: s.startupProbeRetryTimeout,
    requires_migration: false,
    requires_migration_to: null,
    is_locked: false,
    features: [],
    permissions: PERMISSIONS.filter(([action]) => core.access.decide(p, app, action) === 'allowed').map(([, name]) => name),
    can_add_environment: canAddEnvironment,
  };
}

export const applicationSettingsJson = ({ app, profile }: ProfiledApp) => ({
  uuid: app.id,
  name: profile.displayName,
  maintenance_window_start: profile.settings.maintenanceWindowStart,
  maintenance_window_duration: profile.settings.maintenanceWindowDuration,
  release_commands: profile.releaseCommands,
  port: profile.settings.port,
  startup_probe_max_retries: profile.settings.startupProbeMaxRetries,
  startup_probe_request_timeout: profile.settings.startupProbeRequestTimeout,
  startup_probe_retry_timeout: profile.settings.startupProbeRetryTimeout,
  tags: profile.tags,
});

export const regionJson = (r: Region) => ({
  uuid: r.id,
  name: r.name,
  short_name: r.shortName,
  short_description_html: r.description ? `<p>${escapeHtml(r.description)}</p>` : '',
  icon_dark_mode: null,
  cloudspace_hash: derivedUuid('cloudspace', r.id).replace(/-/g, ''),
  is_public: r.isPublic,
  is_default: r.isDefault,
  ram_unit_size: r.prices.ramUnitSize,
  ram_unit_price: r.prices.ramUnitPrice,
  disk_unit_size: r.prices.diskUnitSize,
  disk_unit_price: r.prices.diskUnitPrice,
  transfer_unit_size: r.prices.transferUnitSize,
  transfer_unit_price: r.prices.transferUnitPrice,
});

export const appTemplateJson = (t: AppTemplate) => ({
  uuid: t.id,
  identifier: t.identifier,
  name: t.name,
  short_description: t.shortDescription,
  icon_dark_mode: null,
  is_default: t.isDefault,
  order: t.position,
  release_commands: t.releaseCommands,
  services: t.services,
  tags: t.tags,
  url: t.url,
});

export const organisationJson = (t: Tenant) => ({ uuid: t.uuid, name: t.name });

export const planGroupJson = (g: PlanGroup) => ({ uuid: g.id, name: g.name, regions: g.regionIds });

/** The user behind the token; a tenant's own token stands for the tenant. */
export function currentUserJson(core: Core, p: Principal) {
  if (p.userId === null) {
    const tenant = core.access.tenant(p, p.homeTenantId);
    return { uuid: tenant.uuid, email: '', first_name: tenant.name, last_name: '' };
  }
  const user: User = core.accounts.own(p);
  return { uuid: userUuid(user.username), email: user.email ?? '', first_name: user.firstName, last_name: user.lastName };
}

export const userUuid = (username: string) => derivedUuid('user', username);

/** A variable as Divio shows it: a sensitive value is never shown (null). */
export const variableJson = (v: Variable) => ({
  uuid: v.id,
  name: v.name,
  environment: v.environmentId,
  value: v.isSensitive ? null : String(v.value),
  order: v.position,
  is_sensitive: v.isSensitive,
  is_read_only: v.source !== 'user',
  is_pattern_replacement_active: v.patternReplacement,
  date_created: divioDate(v.createdAt),
  date_modified: divioDate(v.updatedAt),
});

export const variableWrittenJson = (v: Variable) => {
  const { date_created: _created, date_modified: _modified, ...rest } = variableJson(v);
  return rest;
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
