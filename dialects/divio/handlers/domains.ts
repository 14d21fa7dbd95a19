import type { Core } from '../../../src/core/core';
import { DOMAIN_ACTIONS, type StagedDomain } from '../../../src/core/services/environmentDomains';
import type { CoreEvent } from '../../../src/core/services/events';
import type { OperationHandler } from '../../types';
import { paginateWhole } from '../pages';
import { pathId } from '../ids';
import { divioDateOrNull } from '../mappers';
import { body, bodyId, caller, plainJson, queryId, validateAll } from '../serializer';

/** A domain with its state: unknown until checked (AdditionalDomainAction "verify"), then what its last check found. */
function domainJson(core: Core, d: StagedDomain, check: CoreEvent | undefined) {
  const target = `${d.environment.isPrimary ? d.app.name : `${d.app.name}-${d.environment.name}`}.${core.ctx.settings.appDomain}`;
  return {
    uuid: d.id,
    name: d.name,
    environment: d.environmentId,
    last_check_status: check ? check.data.ok === true : null,
    last_check_timestamp: divioDateOrNull(check?.startedAt ?? null),
    last_check_details: check ? { cname: target } : null,
    is_tls_enabled: check?.data.ok === true,
    is_redirect_to_primary: d.redirectToPrimary,
    is_primary: d.isPrimary,
    is_editable: true,
    is_managed_by_divio: false,
    is_wildcard: false,
    is_monitored: false,
    setup_instructions_html: `<p>Point a CNAME record for <code>${d.name}</code> at <code>${target}</code>.</p>`,
    additional_actions: [...DOMAIN_ACTIONS],
    domain_config: d.config,
    state: check ? 'OK' : 'UNKNOWN',
    state_message: null,
  };
}

const settingsJson = (d: StagedDomain) => ({ uuid: d.id, name: d.name, is_redirect_to_primary: d.redirectToPrimary, domain_config: d.config });

export const ListDomains: OperationHandler = (req, core) => {
  const items = core.environmentDomains.list(caller(req), {
    appId: queryId(req, 'application'), environmentId: queryId(req, 'environment'), name: req.query.name as string | undefined,
    tenantUuid: queryId(req, 'organisation'),
  });
  return paginateWhole(req, items, (page) => {
    const checks = core.environmentDomains.lastChecks(page);
    return page.map((d) => domainJson(core, d, checks.get(d.id)));
  });
};

export const CreateDomain: OperationHandler = (req, core) => {
  let environment: string | undefined;
  validateAll([() => { environment = bodyId(req, 'environment'); }]);
  const d = core.environmentDomains.create(caller(req), environment!, String(body(req).name ?? ''));
  return { status: 201, body: { uuid: d.id, name: d.name, environment: d.environmentId } };
};

export const GetDomain: OperationHandler = (req, core) => {
  const d = core.environmentDomains.get(caller(req), pathId(req.params.uuid));
  return { status: 200, body: domainJson(core, d, core.environmentDomains.lastChecks([d]).get(d.id)) };
};

const update: OperationHandler = (req, core) => {
  const b = body(req);
  const d = core.environmentDomains.update(caller(req), pathId(req.params.uuid), {
    redirectToPrimary: b.is_redirect_to_primary as boolean | undefined, config: plainJson(b.domain_config as Record<string, unknown> | undefined),
  });
  return { status: 200, body: settingsJson(d) };
};
export const UpdateDomain = update;
export const PartialUpdateDomain = update;

export const DestroyDomain: OperationHandler = (req, core) => {
  core.environmentDomains.destroy(caller(req), pathId(req.params.uuid));
  return { status: 204 };
};

export const MakePrimaryDomain: OperationHandler = (req, core) => {
  core.environmentDomains.makePrimary(caller(req), pathId(req.params.uuid));
  return { status: 200 };
};

export const ToggleRedirectDomain: OperationHandler = (req, core) => {
  const d = core.environmentDomains.toggleRedirect(caller(req), pathId(req.params.uuid));
  return { status: 200, body: { redirect_to_primary: d.redirectToPrimary, uuid: d.id } };
};

export const TransferDomain: OperationHandler = (req, core) => {
  core.environmentDomains.get(caller(req), pathId(req.params.uuid), 'write');
  let target: string | undefined;
  validateAll([() => { target = bodyId(req, 'target_environment'); }]);
  const d = core.environmentDomains.transfer(caller(req), pathId(req.params.uuid), target!);
  return { status: 200, body: { target_environment: d.environmentId } };
};

/** The actions a domain lists in additional_actions; another is not found. */
export const AdditionalDomainAction: OperationHandler = (req, core) => {
  const event = core.environmentDomains.action(caller(req), pathId(req.params.uuid), req.params.domain_action);
  return { status: 200, body: { data: { action: req.params.domain_action, ok: event.data.ok, checked_at: divioDateOrNull(event.startedAt) } } };
};
