import type { Core } from '../../../src/core/core';
import { CoreError, fail } from '../../../src/core/errors';
import type { ProfileChanges } from '../../../src/core/services/appProfiles';
import type { ReleaseCommand } from '../../../src/store/schema-apps';
import type { DialectRequest, OperationHandler } from '../../types';
import { paginate } from '../pages';
import { fieldId, pathId } from '../ids';
import { applicationJson, applicationSettingsJson } from '../mappers';
import { body, caller, plainJson, queryBool, queryId, queryIds, validateAll } from '../serializer';

/** Every filter of the seed that polypaas' state can answer; the others (bugs, suspension, maintenance, migrations) are never true. */
export const ListApplications: OperationHandler = (req, core) => {
  const q = req.query as Record<string, unknown>;
  const p = caller(req);
  const neverTrue = ['has_bugs', 'is_suspended', 'is_undergoing_maintenance', 'requires_migration'].map((name) => queryBool(req, name));
  const filter = {
    slug: q.slug as string | undefined, tenantUuid: queryId(req, 'organisation'), ids: queryIds(req, 'uuid'),
    nameSearch: q.name_search === undefined ? undefined : String(q.name_search), copiedFrom: queryId(req, 'copied_from'),
    copyType: q.copy_type as string | undefined, mirror: queryBool(req, 'is_mirror'),
    tag: q.tags === undefined ? undefined : String(q.tags), order: q.o as string[] | undefined,
  };
  const items = neverTrue.includes(true) ? [] : core.profiles.search(p, filter);
  return paginate(req, items, (item) => applicationJson(core, p, item));
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

/** One statement reads everything the reply shows (see `AppProfileService.get`). */
export const GetApplication: OperationHandler = (req, core) => {
  const p = caller(req);
  return { status: 200, body: applicationJson(core, p, core.profiles.get(p, pathId(req.params.uuid))) };
};

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
  return { status: 201, body: applicationJson(core, caller(req), core.profiles.listed(copy)) };
};

/** The tenant a body's `organisation` names (a malformed or unknown one is a field error). */
function organisationOf(req: DialectRequest, core: Core): string {
  const uuid = fieldId(body(req).organisation, 'organisation');
  return core.catalogues.tenantIdByUuid(uuid) ?? uuid;
}
