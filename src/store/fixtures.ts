import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { clusters, tenants } from './schema';
import { nodeSizes } from './schema-infra';
import { plans, platforms, routers } from './schema-catalogue';
import { addonServices } from './schema-addons';
import type { Core } from '../core/core';
import { nowIso } from '../core/context';
import type { Role } from '../core/model';
import { fromRoot } from './paths';
import type { RegionPrices, ReleaseCommand } from './schema-apps';
import { catalogueSchemas, loadCatalogues } from './fixtureCatalogues';
import { loadRoles, roleSchemas, type ROLE_GRANTS } from './fixtureRoles';
import { FixturesError } from './fixturesError';

/**
 * Core-shaped seed data. A file may start from another (`"extends": "default"` or a path) and add to it;
 * without `extends` it replaces the defaults entirely.
 */
export interface Fixtures {
  extends?: string;
  tenants?: { id: string; uuid?: string; name: string; default?: boolean; details?: Record<string, string>; tokens?: string[] }[];
  clusters?: { id: string; uuid?: string; tenant: string; name: string; default?: boolean; provider?: string; region?: string }[];
  nodeSizes?: { id: string; title: string; vcpu: number; memory: number; cluster?: string }[];
  users?: {
    username: string; password: string; email?: string; firstName?: string; lastName?: string;
    superuser?: boolean; tokens?: string[];
    /** The home tenant (default: the default tenant) and the role there (default: member, admin for superusers). */
    tenant?: string; role?: Role;
    /** Further tenants the user belongs to. */
    tenants?: { tenant: string; role?: Role }[];
  }[];
  /** Apps, in the owner's home tenant unless one is named. */
  apps?: { name: string; owner: string; tenant?: string }[];
  /** Catalogues for creating applications (Divio): regions, plan groups (offered to one tenant or all), app templates. */
  regions?: { uuid: string; name: string; shortName: string; description?: string; default?: boolean; prices: RegionPrices }[];
  planGroups?: { uuid: string; name: string; tenant?: string; regions: string[]; maxEnvironments: number }[];
  appTemplates?: {
    uuid: string; identifier: string; name: string; shortDescription?: string; url: string; default?: boolean;
    releaseCommands?: ReleaseCommand[]; services?: { id: string; prefix: string }[]; tags?: string[];
  }[];
  /** The catalogue apps choose from (Tsuru's platforms, plans and routers); memory in bytes. */
  platforms?: { name: string; disabled?: boolean }[];
  plans?: { name: string; memory: number; cpuMilli: number; default?: boolean }[];
  routers?: { name: string; type: string; default?: boolean }[];
  /** Add-on services (Tsuru services) with their plans, offered by a team (default: the default tenant). */
  services?: { name: string; team?: string; endpoint?: string; doc?: string; plans?: { name: string; description?: string }[] }[];
  /** Tsuru's roles, each standing for a core role (`grants`), and the permission tree their `schemeNames` come from. */
  roles?: { name: string; context: 'global' | 'team'; description?: string; schemeNames: string[]; grants: typeof ROLE_GRANTS[number] }[];
  permissions?: { name: string; contexts: string[] }[];
}

const ROLE = { enum: ['admin', 'member', 'user'] } as const;

const fixturesSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    extends: { type: 'string' },
    tenants: { type: 'array', items: { type: 'object', required: ['id', 'name'], additionalProperties: false,
      properties: {
        id: { type: 'string', minLength: 1 }, uuid: { type: 'string', format: 'uuid' }, name: { type: 'string' }, default: { type: 'boolean' },
        details: { type: 'object', additionalProperties: { type: 'string' } },
        tokens: { type: 'array', items: { type: 'string', minLength: 1 } },
      } } },
    clusters: { type: 'array', items: { type: 'object', required: ['id', 'tenant', 'name'], additionalProperties: false,
      properties: {
        id: { type: 'string', minLength: 1 }, uuid: { type: 'string', format: 'uuid' }, tenant: { type: 'string' }, name: { type: 'string' },
        default: { type: 'boolean' }, provider: { type: 'string' }, region: { type: 'string' },
      } } },
    nodeSizes: { type: 'array', items: { type: 'object', required: ['id', 'title', 'vcpu', 'memory'], additionalProperties: false,
      properties: {
        id: { type: 'string', minLength: 1 }, title: { type: 'string' }, vcpu: { type: 'integer', minimum: 1 },
        memory: { type: 'number', exclusiveMinimum: 0 }, cluster: { type: 'string' },
      } } },
    users: { type: 'array', items: { type: 'object', required: ['username', 'password'], additionalProperties: false,
      properties: {
        username: { type: 'string' }, password: { type: 'string' }, email: { type: 'string' }, firstName: { type: 'string' },
        lastName: { type: 'string' }, superuser: { type: 'boolean' }, tenant: { type: 'string' }, role: ROLE,
        tenants: { type: 'array', items: { type: 'object', required: ['tenant'], additionalProperties: false,
          properties: { tenant: { type: 'string' }, role: ROLE } } },
        tokens: { type: 'array', items: { type: 'string', minLength: 1 } },
      } } },
    apps: { type: 'array', items: { type: 'object', required: ['name', 'owner'], additionalProperties: false,
      properties: { name: { type: 'string' }, owner: { type: 'string' }, tenant: { type: 'string' } } } },
    ...catalogueSchemas,
    ...roleSchemas,
    platforms: { type: 'array', items: { type: 'object', required: ['name'], additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1 }, disabled: { type: 'boolean' } } } },
    plans: { type: 'array', items: { type: 'object', required: ['name', 'memory', 'cpuMilli'], additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1 }, memory: { type: 'integer', minimum: 0 }, cpuMilli: { type: 'integer', minimum: 0 }, default: { type: 'boolean' } } } },
    routers: { type: 'array', items: { type: 'object', required: ['name', 'type'], additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1 }, type: { type: 'string' }, default: { type: 'boolean' } } } },
    services: { type: 'array', items: { type: 'object', required: ['name'], additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1 }, team: { type: 'string' }, endpoint: { type: 'string' }, doc: { type: 'string' },
        plans: { type: 'array', items: { type: 'object', required: ['name'], additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1 }, description: { type: 'string' } } } },
      } } },
  },
} as const;

const validateFixtures = addFormats(new Ajv({ allErrors: true })).compile(fixturesSchema);

export const DEFAULT_FIXTURES = fromRoot('fixtures', 'default.json');

/** Reads a fixtures file, following `extends`, and returns one flat list of each kind, base first. */
export function readFixtures(file: string, seen: string[] = []): Fixtures {
  const resolved = file === 'default' ? DEFAULT_FIXTURES : path.resolve(file);
  if (seen.includes(resolved)) throw new Error(`fixtures: ${resolved} extends itself`);
  const data = parseFixtures(JSON.parse(readFileSync(resolved, 'utf8')), resolved);
  if (!data.extends) return data;
  const baseFile = data.extends === 'default' ? DEFAULT_FIXTURES : path.resolve(path.dirname(resolved), data.extends);
  const base = readFixtures(baseFile, [...seen, resolved]);
  return {
    tenants: [...(base.tenants ?? []), ...(data.tenants ?? [])],
    clusters: [...(base.clusters ?? []), ...(data.clusters ?? [])],
    nodeSizes: [...(base.nodeSizes ?? []), ...(data.nodeSizes ?? [])],
    users: [...(base.users ?? []), ...(data.users ?? [])],
    apps: [...(base.apps ?? []), ...(data.apps ?? [])],
    regions: [...(base.regions ?? []), ...(data.regions ?? [])],
    planGroups: [...(base.planGroups ?? []), ...(data.planGroups ?? [])],
    appTemplates: [...(base.appTemplates ?? []), ...(data.appTemplates ?? [])],
    platforms: [...(base.platforms ?? []), ...(data.platforms ?? [])],
    plans: [...(base.plans ?? []), ...(data.plans ?? [])],
    routers: [...(base.routers ?? []), ...(data.routers ?? [])],
    services: [...(base.services ?? []), ...(data.services ?? [])],
    roles: [...(base.roles ?? []), ...(data.roles ?? [])],
    permissions: [...(base.permissions ?? []), ...(data.permissions ?? [])],
  };
}

export function parseFixtures(data: unknown, source = 'fixtures'): Fixtures {
  if (!validateFixtures(data)) {
    const why = validateFixtures.errors!.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new FixturesError(`${source}: ${why}`);
  }
  return data as Fixtures;
}

export { FixturesError };


/** Writes fixtures into the store through the core, in one transaction: all of it or none. */
export function loadFixtures(core: Core, fixtures: Fixtures): void {
  const { ctx } = core;
  ctx.store.tx(() => {
    const now = nowIso(ctx);
    for (const t of fixtures.tenants ?? []) {
      ctx.store.db.insert(tenants).values({
        id: t.id, uuid: t.uuid ?? ctx.ids.uuid(), name: t.name, isDefault: t.default ?? false, details: t.details ?? {}, createdAt: now,
      }).run();
      for (const token of t.tokens ?? []) core.principals.issueToken({ tenantId: t.id, kind: 'team', token, name: `${t.id} token` });
    }
    for (const c of fixtures.clusters ?? []) {
      ctx.store.db.insert(clusters).values({
        id: c.id, uuid: c.uuid ?? ctx.ids.uuid(), tenantId: c.tenant, name: c.name, isDefault: c.default ?? false,
        provider: c.provider ?? '', region: c.region ?? '', createdAt: now,
      }).run();
    }
    for (const n of fixtures.nodeSizes ?? []) {
      ctx.store.db.insert(nodeSizes).values({ id: n.id, title: n.title, vcpu: n.vcpu, memory: n.memory, clusterId: n.cluster ?? null }).run();
    }
    for (const p of fixtures.platforms ?? []) ctx.store.db.insert(platforms).values({ name: p.name, disabled: p.disabled ?? false }).run();
    for (const p of fixtures.plans ?? []) {
      ctx.store.db.insert(plans).values({ name: p.name, memory: p.memory, cpuMilli: p.cpuMilli, isDefault: p.default ?? false }).run();
    }
    for (const r of fixtures.routers ?? []) ctx.store.db.insert(routers).values({ name: r.name, type: r.type, isDefault: r.default ?? false }).run();
    for (const u of fixtures.users ?? []) {
      const home = { tenant: u.tenant ?? core.principals.defaultTenantId(), role: u.role ?? (u.superuser ? 'admin' : 'member') };
      const user = core.principals.register({
        username: u.username, password: u.password, email: u.email, firstName: u.firstName, lastName: u.lastName,
        isSuperuser: u.superuser ?? false,
        memberships: [home, ...(u.tenants ?? [])].map((m) => ({ tenantId: m.tenant, role: m.role ?? 'member' })),
      });
      for (const token of u.tokens ?? []) core.principals.issueToken({ userId: user.id, kind: 'api', token });
    }
    loadCatalogues(ctx, fixtures);
    loadRoles(ctx, fixtures);
    for (const svc of fixtures.services ?? []) {
      ctx.store.db.insert(addonServices).values({
        name: svc.name, tenantId: svc.team ?? core.principals.defaultTenantId(), endpoint: svc.endpoint ?? '', doc: svc.doc ?? '',
        plans: (svc.plans ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })), createdAt: now,
      }).run();
    }
    for (const a of fixtures.apps ?? []) {
      core.apps.create(core.principals.principalOf(core.principals.findByUsername(a.owner)), { name: a.name, tenantId: a.tenant });
    }
  });
}
