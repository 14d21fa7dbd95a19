import type { Core } from '../../src/core/core';
import { fail } from '../../src/core/errors';
import type { App, Principal, ProcessView } from '../../src/core/model';
import type { CatalogueAppDetail } from '../../src/core/services/catalogueAppDetail';
import type { CatalogueChoices } from '../../src/core/services/catalogueApps';
import type { ListedCatalogueApp } from '../../src/core/services/catalogueAppList';
import type { Plan, Router } from '../../src/core/services/platformCatalogue';
import type { DialectRequest, Reply } from '../types';

export const STREAM = 'application/x-json-stream';

export function caller(req: DialectRequest): Principal {
  if (!req.principal) throw new Error(`${req.operationId} needs an authenticated caller`);
  return req.principal;
}

/** The body as an object; an absent body reads as an empty one (every field optional there). */
export function bodyOf(req: DialectRequest): Record<string, unknown> {
  const b = req.body;
  return b !== null && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : Object.create(null);
}

export const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** Go's ParseBool, as tsuru reads its form flags: empty means false. */
export function goBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text(value));
}

/** A whole positive number sent as a string (tsuru reads `units` with strconv.Atoi). */
export function positiveInt(value: unknown): number {
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(text(value)) ? Number(text(value)) : NaN;
  if (!Number.isInteger(n) || n <= 0) throw fail('process.units_invalid', {}, 'units');
  return n;
}

/** Go's `2006-01-02T15:04:05.999Z`: milliseconds without trailing zeros, none when whole. */
export function goTime(iso: string): string {
  return iso.replace(/\.(\d+)Z$/, (_m, ms: string) => (ms.replace(/0+$/, '') ? `.${ms.replace(/0+$/, '')}Z` : 'Z'));
}

/** An application/x-json-stream reply of tsuru's `{"Message","Timestamp"}` lines, written as produced. */
export function messageStream(core: Core, messages: string[]): Reply {
  const at = goTime(core.ctx.clock.now().toISOString());
  return {
    status: 200,
    contentType: STREAM,
    async *stream() {
      for (const message of messages) yield `${JSON.stringify({ Message: message, Timestamp: at })}\n`;
    },
  };
}

/** No app is ever locked: each operation runs in one transaction. The date is Go's zero time, as tsuru sends it. */
const UNLOCKED = { locked: false, reason: '', owner: '', acquireDate: '0001-01-01T00:00:00Z' };

const UNIT_STATUS: Record<string, string> = { up: 'started', stopped: 'stopped', exited: 'stopped' };

/** The process states a unit status is shown for: those named so above, and the status itself if it is no state's name. */
export const statesShownAs = (status: string): string[] =>
  [...Object.keys(UNIT_STATUS).filter((state) => UNIT_STATUS[state] === status), ...(status in UNIT_STATUS ? [] : [status])];

export function unitJson(app: App, platform: string, p: ProcessView, core: Core) {
  const name = `${app.name}-${p.type}-${p.num}`;
  return {
    id: name, name, appname: app.name, processname: p.type, type: platform, ip: `${app.name}.${core.ctx.settings.appDomain}`,
    status: UNIT_STATUS[p.state] ?? p.state, version: p.releaseVersion, routable: p.state === 'up', ready: p.state === 'up',
    restarts: 0, createdAt: p.createdAt,
  };
}

/** The app's plan with what the app overrides of it: only the values set (tsuru writes null for the others, which the spec's numbers do not allow). */
export function planJson(plans: readonly Plan[], profile: CatalogueChoices) {
  const plan = plans.find((p) => p.name === profile.plan);
  const base = plan ? { name: plan.name, memory: plan.memory, cpumilli: plan.cpuMilli, default: plan.isDefault } : { name: profile.plan };
  return { ...base, override: profile.planOverride };
}

/** The catalogue rows every entry of an app list reads: read once a request, not once an app. */
export interface CatalogueView { plans: readonly Plan[]; routers: readonly Router[]; defaults: CatalogueChoices }

export function catalogueView(core: Core): CatalogueView {
  return { plans: core.platformCatalogue.plans(), routers: core.platformCatalogue.routers(), defaults: core.catalogueApps.defaultProfile('') };
}

const choicesOf = ({ app, choices }: ListedCatalogueApp, view: CatalogueView): CatalogueChoices => choices ?? { ...view.defaults, appId: app.id };

/** An app as `app-list` reads it. */
export function miniAppJson(entry: ListedCatalogueApp, core: Core, view: CatalogueView) {
  const { app, pool, units, cnames } = entry;
  const profile = choicesOf(entry, view);
  const ip = `${app.name}.${core.ctx.settings.appDomain}`;
  return {
    name: app.name, pool, teamOwner: app.tenantId, plan: planJson(view.plans, profile),
    units: units.map((p) => unitJson(app, profile.platform, p, core)), cname: cnames, ip,
    routers: [{ name: profile.router, opts: profile.routerOpts, address: ip, type: view.routers.find((r) => r.name === profile.router)?.type ?? '' }],
    lock: UNLOCKED, tags: profile.tags,
  };
}

/**
 * An app as `app-info` shows it: its list entry's fields (routers without their type) and then the
 * rest, in the order tsuru's server writes them, all from the one document the detail read.
 */
export function appJson(detail: CatalogueAppDetail, core: Core) {
  const { app, pool, units, cnames } = detail;
  const profile = detail.choices ?? core.catalogueApps.defaultProfile(app.id);
  const ip = `${app.name}.${core.ctx.settings.appDomain}`;
  return {
    name: app.name, pool, teamOwner: app.tenantId, plan: planJson(core.platformCatalogue.plans(), profile),
    units: units.map((p) => unitJson(app, profile.platform, p, core)), cname: cnames, ip,
    routers: [{ name: profile.router, opts: profile.routerOpts, addresses: [ip] }],
    lock: UNLOCKED, tags: profile.tags, cluster: app.clusterId, deploys: detail.deploys, platform: profile.platform,
    description: profile.description, router: profile.router, routeropts: profile.routerOpts, provisioner: 'kubernetes',
    owner: app.ownerName, metadata: profile.metadata, teams: [app.tenantId, ...detail.sharedWith], quota: { inuse: units.length, limit: -1 },
    serviceInstanceBinds: detail.boundInstances.map((i) => ({ service: i.serviceName, instance: i.name, plan: i.plan })),
    // What the app mounts (a MedStack service's mounts are the same rows), named as the server's Go structs encode them.
    volumeBinds: detail.volumeMounts.map((m) => ({ ID: { App: m.app, MountPoint: m.target, Volume: m.volume }, ReadOnly: m.readonly })),
  };
}

export function poolName(core: Core, app: App): string {
  return core.tenancy.clusterById(app.clusterId)?.name ?? app.clusterId;
}
