import type { MetadataChanges, PlanOverride } from '../../../src/core/services/appMetadata';
import type { OperationHandler } from '../../types';
import { appJson, bodyOf, caller, catalogueView, goBool, messageStream, miniAppJson, poolName, statesShownAs, text } from '../mappers';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(text) : value === undefined || value === '' ? [] : [text(value)]);

/** Router options arrive as `routeropts.k=v` (a map) or the empty `routeropts=` (none). */
const stringMap = (value: unknown): Record<string, string> =>
  (value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text(v)])) : {});

/** `metadata.labels` and `metadata.annotations`, each a list of `{name, value, delete}` (JSON, or the form's `metadata.labels.0.name=`). */
function metadataOf(value: unknown): MetadataChanges | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const items = (list: unknown) => (Array.isArray(list) ? list : []).map((item: Record<string, unknown>) => ({
    name: text(item?.name), value: text(item?.value), delete: goBool(item?.delete),
  }));
  const { labels, annotations } = value as Record<string, unknown>;
  return { labels: items(labels), annotations: items(annotations) };
}

/** `planoverride.memory`, `.cpumilli`, `.cpuBurst`: numbers already (the spec types them); absent ones change nothing. */
function planOverrideOf(value: unknown): PlanOverride | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { memory, cpumilli, cpuBurst } = value as Record<string, unknown>;
  const numberOrUndefined = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return { memory: numberOrUndefined(memory), cpumilli: numberOrUndefined(cpumilli), cpuBurst: numberOrUndefined(cpuBurst) };
}

export const AppCreate: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const { app } = core.catalogueApps.create(caller(req), {
    name: text(b.name), teamOwner: text(b.teamOwner) || undefined, pool: text(b.pool) || undefined,
    plan: text(b.plan) || undefined, platform: text(b.platform) || undefined, router: text(b.router) || undefined,
    routerOpts: stringMap(b.routeropts), description: text(b.description), tags: [...list(b.tags), ...list(b.tag)],
    metadata: metadataOf(b.metadata),
  });
  return { status: 201, body: { status: 'success', ip: `${app.name}.${core.ctx.settings.appDomain}` } };
};

/** Every filter of the spec (the owner by email or username), in SQL; 204 without a body when nothing is left. */
export const AppList: OperationHandler = (req, core) => {
  const q = req.query;
  // No app is ever locked here: operations run one at a time, in one transaction each.
  if (goBool(q.locked)) return { status: 204 };
  const entries = core.catalogueApps.search(caller(req), {
    name: text(q.name), owner: text(q.owner), platform: text(q.platform), pool: text(q.pool), teamOwner: text(q.teamOwner),
    tags: list(q.tag), unitStates: q.status ? statesShownAs(text(q.status)) : undefined,
  });
  if (!entries.length) return { status: 204 };
  const view = catalogueView(core);
  return { status: 200, body: entries.map((entry) => miniAppJson(entry, core, view)) };
};

export const AppGet: OperationHandler = (req, core) =>
  ({ status: 200, body: appJson(core.catalogueApps.info(caller(req), req.params.app), core) });

export const AppUpdate: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const p = caller(req);
  core.catalogueApps.update(p, req.params.app, {
    description: text(b.description), plan: text(b.plan), platform: text(b.platform), pool: text(b.pool),
    teamOwner: text(b.teamOwner), tags: list(b.tags), metadata: metadataOf(b.metadata), planOverride: planOverrideOf(b.planoverride),
  });
  const app = core.apps.get(p, req.params.app);
  return messageStream(core, [`---- Updating app "${app.name}" (pool ${poolName(core, app)}, team ${app.tenantId}) ----\n`]);
};

export const AppDelete: OperationHandler = (req, core) => {
  core.apps.destroy(caller(req), req.params.app);
  return messageStream(core, [`---- Removing application "${req.params.app}"...\n`, ` ---> Done removing application "${req.params.app}"\n`]);
};

export const AppQuotaGet: OperationHandler = (req, core) => {
  const units = core.processes.list(caller(req), req.params.app);
  return { status: 200, body: { inuse: units.length, limit: -1 } };
};

export const AppTeamGrant: OperationHandler = (req, core) => {
  core.catalogueApps.shareWithTeam(caller(req), req.params.app, req.params.team, true);
  return { status: 200 };
};

export const AppTeamRevoke: OperationHandler = (req, core) => {
  core.catalogueApps.shareWithTeam(caller(req), req.params.app, req.params.team, false);
  return { status: 200 };
};
