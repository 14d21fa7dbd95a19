import type { Core } from '../../../src/core/core';
import { CoreError, fail } from '../../../src/core/errors';
import type { ProfileChanges, ProfiledApp } from '../../../src/core/services/appProfiles';
import type { ReleaseCommand } from '../../../src/store/schema-apps';
import type { DialectRequest, OperationHandler } from '../../types';
import { paginate } from '../pages';
import { fieldId, pathId } from '../ids';
import { applicationJson, applicationSettingsJson } from '../mappers';
import { body, caller, plainJson, queryBool, queryId, queryIds, validateAll } from '../serializer';

type Filter = (item: ProfiledApp) => boolean;
const ORDERINGS: Record<string, (a: ProfiledApp, b: ProfiledApp) => number> = {
  name: (a, b) => a.profile.displayName.localeCompare(b.profile.displayName),
  created_at: (a, b) => a.app.createdAt.localeCompare(b.app.createdAt),
};

/** Every filter of the seed that polypaas' state can answer; the others (bugs, suspension, maintenance, migrations) are never true. */
export const ListApplications: OperationHandler = (req, core) => {
  const q = req.query as Record<string, unknown>;
  const organisation = queryId(req, 'organisation');
  const uuids = queryIds(req, 'uuid');
  const copiedFrom = queryId(req, 'copied_from');
  const mirror = queryBool(req, 'is_mirror');
  const neverTrue = ['has_bugs', 'is_suspended', 'is_undergoing_maintenance', 'requires_migration'].map((name) => queryBool(req, name));
  const filters: Filter[] = [
    ({ app }) => q.slug === undefined || app.name === q.slug,
    ({ app }) => organisation === undefined || core.catalogues.tenantUuid(app.tenantId) === organisation,
    ({ app }) => !uuids || uuids.includes(app.id),
    ({ app, profile }) => q.name_search === undefined || `${profile.displayName} ${app.name}`.toLowerCase().includes(String(q.name_search).toLowerCase()),
    ({ profile }) => copiedFrom === undefined || profile.copiedFrom === copiedFrom,
    ({ profile }) => q.copy_type === undefined || profile.copyType === q.copy_type,
    ({ profile }) => mirror === undefined || (profile.copyType === 'MIRROR') === mirror,
    ({ profile }) => q.tags === undefined || profile.tags.includes(String(q.tags)),
    () => !neverTrue.includes(true),
  ];
  const items = core.profiles.list(caller(req)).filter((item) => filters.every((f) => f(item)));
  for (const key of [...((q.o as string[] | undefined) ?? [])].reverse()) {
    const compare = ORDERINGS[key.replace(/^-/, '')];
    items.sort((a, b) => (key.startsWith('-') ? -compare(a, b) : compare(a, b)));
  }
  return paginate(req, items, (item) => applicationJson(core, caller(req), item));
};

/**
 * Every missing or invalid field at once, as a DRF serializer answers: divio-cli posts one field at a time
 * to validate its wizard's answers and reads that field's errors only.
 */
export const CreateApplication: OperationHandler = (req, core) => {
  const p = caller(req);
  const b = body(req);
  const found: CoreError[] = [];
  const id = (field: string) => {
    const value = b[field];
    if (value === undefined || value === null || value === '') return undefined;
    try {
      return fieldId(value, field);
    } catch (error) {
      found.push(error as CoreError);
      return null;
    }
  };
  const organisation = id('organisation');
  const input = {
    displayName: b.name as string | undefined, slug: b.slug as string | undefined,
    tenantId: organisation ? core.catalogues.tenantIdByUuid(organisation) ?? organisation : undefined,
    planGroupId: id('plan_group') ?? undefined, regionId: id('region') ?? undefined,
    template: (b.app_template as string | null | undefined) ?? null, repository: id('repository') ?? null,
    branch: b.branch as string | undefined, releaseCommands: plainJson(b.release_commands as ReleaseCommand[] | null | undefined),
    tags: plainJson(b.tags as string[] | undefined),
  };
  const named = new Set(found.map((e) => e.field));
  const invalid = core.profiles.validateNew(p, input).filter((e) => !named.has(rename(e.field)));
  validateAll([], [...found, ...invalid]);
  const created = core.profiles.create(p, input);
  const environment = core.environments.of(created.app)[0];
  return {
    status: 201,
    body: {
      uuid: created.app.id, name: created.profile.displayName, region: created.profile.regionId, app_template: created.profile.template,
      organisation: core.catalogues.tenantUuid(created.app.tenantId), repository: created.profile.repository, branch: environment.branch,
      repository_prepopulated: b.repository_prepopulated === true, release_commands: created.profile.releaseCommands,
      tags: created.profile.tags, disk: typeof b.disk === 'number' ? b.disk : 0, transfer: typeof b.transfer === 'number' ? b.transfer : 0,
    },
  };
};

/** The core's field names as the organisation, plan group and region fields are named here. */
const rename = (field?: string) => ({ tenant: 'organisation', planGroup: 'plan_group' } as Record<string, string>)[field ?? ''] ?? field;

export const GetApplication: OperationHandler = (req, core) =>
  ({ status: 200, body: applicationJson(core, caller(req), core.profiles.get(caller(req), pathId(req.params.uuid))) });

const update: OperationHandler = (req, core) => {
  const b = body(req);
  const changes: ProfileChanges = {
    displayName: b.name as string | undefined, releaseCommands: plainJson(b.release_commands as ReleaseCommand[] | undefined),
    tags: plainJson(b.tags as string[] | undefined), maintenanceWindowStart: b.maintenance_window_start as number | undefined,
    maintenanceWindowDuration: b.maintenance_window_duration as number | undefined, port: b.port as number | null | undefined,
    startupProbeMaxRetries: b.startup_probe_max_retries as number | undefined,
    startupProbeRequestTimeout: b.startup_probe_request_timeout as number | undefined,
    startupProbeRetryTimeout: b.startup_probe_retry_timeout as number | undefined,
  };
  return { status: 200, body: applicationSettingsJson(core.profiles.update(caller(req), pathId(req.params.uuid), changes)) };
};
export const UpdateApplication = update;
export const PartialUpdateApplication = update;

export const ArchiveApplication: OperationHandler = (req, core) => {
  const b = body(req);
  const immediately = b.delete_immediately === true;
  core.profiles.archive(caller(req), pathId(req.params.uuid), String(b.verify_name ?? ''), immediately);
  return { status: 200, body: { status: true, message: immediately ? 'The application was deleted.' : 'The application was archived.', code: 'success' } };
};

export const TransferApplication: OperationHandler = (req, core) => {
  core.profiles.get(caller(req), pathId(req.params.uuid), 'manage');
  const target = organisationOf(req, core);
  const app = core.profiles.transfer(caller(req), pathId(req.params.uuid), target);
  return { status: 200, body: { uuid: app.id, organisation: core.catalogues.tenantUuid(app.tenantId) } };
};

/** A fork or a mirror of the application in an organisation of the caller's, under a new name. */
export const CopyApplication: OperationHandler = (req, core) => {
  const b = body(req);
  // DRF finds the object (and refuses the caller) before it validates the body.
  core.profiles.get(caller(req), pathId(req.params.uuid));
  let tenantId: string | undefined;
  validateAll([() => {
    const uuid = fieldId(b.target_organisation, 'target_organisation');
    tenantId = core.catalogues.tenantIdByUuid(uuid) ?? uuid;
    if (!caller(req).roles.has(tenantId)) throw fail('tenant.unknown', { id: uuid }, 'target_organisation');
  }]);
  const copy = core.profiles.copy(caller(req), pathId(req.params.uuid), {
    displayName: String(b.target_name ?? ''), tenantId: tenantId!, type: b.type as 'FORK' | 'MIRROR',
  });
  return { status: 201, body: applicationJson(core, caller(req), copy) };
};

/** The tenant a body's `organisation` names (a malformed or unknown one is a field error). */
function organisationOf(req: DialectRequest, core: Core): string {
  const uuid = fieldId(body(req).organisation, 'organisation');
  return core.catalogues.tenantIdByUuid(uuid) ?? uuid;
}
