import type { Core } from '../../src/core/core';
import { fail } from '../../src/core/errors';
import type { App, Build, Domain, ProcessView, Release, SshKey, User, VariableSet } from '../../src/core/model';
import type { CertificateView } from '../../src/core/services/certificates';
import { variableMap } from '../../src/core/services/variables';
import { DRF_24_PAGES, drfPaginator } from '../drf/pagination';
import type { DialectRequest } from '../types';

/** Deis' DEIS_DATETIME_FORMAT, '%Y-%m-%dT%H:%M:%S%Z': "2014-01-01T00:00:00UTC". */
export const deisDate = (iso: string) => `${iso.slice(0, 19)}UTC`;

export const appJson = (app: App, core: Core) => ({
  created: deisDate(app.createdAt),
  id: app.name,
  owner: app.ownerName,
  structure: app.structure,
  updated: deisDate(app.updatedAt),
  url: `${app.name}.${core.ctx.settings.appDomain}`,
  uuid: app.id,
});

export const containerJson = (app: App, p: ProcessView) => ({
  owner: app.ownerName,
  app: app.name,
  release: `v${p.releaseVersion}`,
  created: deisDate(p.createdAt),
  updated: deisDate(p.updatedAt),
  uuid: p.id,
  type: p.type,
  num: p.num,
  state: p.state,
});

/** Deis' config: the app's variables as four maps, named and dated as the release that made them. */
export const configJson = (appName: string, c: VariableSet) => ({
  owner: c.createdBy,
  app: appName,
  values: variableMap(c.variables, 'env'),
  memory: variableMap(c.variables, 'memory'),
  cpu: variableMap(c.variables, 'cpu'),
  tags: variableMap(c.variables, 'tag'),
  created: deisDate(c.createdAt),
  updated: deisDate(c.createdAt),
  uuid: c.id,
});

export const buildJson = (appName: string, b: Build) => ({
  app: appName,
  created: deisDate(b.createdAt),
  dockerfile: b.dockerfile,
  image: b.image,
  owner: b.createdBy,
  procfile: b.procfile,
  sha: b.sha,
  updated: deisDate(b.updatedAt),
  uuid: b.id,
});

export const releaseJson = (appName: string, r: Release) => ({
  app: appName,
  build: r.buildId,
  config: r.configId,
  created: deisDate(r.createdAt),
  owner: r.createdBy,
  summary: r.summary,
  updated: deisDate(r.updatedAt),
  uuid: r.id,
  version: r.version,
});

export const domainJson = (appName: string, d: Domain) => ({
  app: appName,
  created: deisDate(d.createdAt),
  domain: d.name,
  owner: d.createdBy,
  updated: deisDate(d.updatedAt),
});

export const keyJson = (owner: string, k: SshKey) => ({
  created: deisDate(k.createdAt),
  id: k.name,
  owner,
  public: k.publicKey,
  updated: deisDate(k.updatedAt),
  uuid: k.id,
});

/** The 1.13 CertificateSerializer: the certificate and key are write-only. */
export const certJson = (c: CertificateView) => ({
  id: c.id,
  owner: c.ownerName,
  common_name: c.commonName,
  expires: deisDate(c.expiresAt),
  created: deisDate(c.createdAt),
  updated: deisDate(c.updatedAt),
});

/** Django's User as DRF serialises it: ISO dates, staff status following the superuser flag as Deis sets it. */
export const userJson = (u: User) => ({
  id: u.id,
  last_login: u.lastLogin,
  is_superuser: u.isSuperuser,
  username: u.username,
  first_name: u.firstName,
  last_name: u.lastName,
  email: u.email ?? '',
  is_staff: u.isSuperuser,
  is_active: u.isActive,
  date_joined: u.dateJoined,
  groups: [],
  user_permissions: [],
});

/** The later controller's UserSerializer: the same fields without the id. */
export const listedUserJson = (u: User) => {
  const { id: _id, ...rest } = userJson(u);
  return rest;
};

export { bodyOf } from '../drf/pagination';
export const paginate = drfPaginator(DRF_24_PAGES);

/** The authenticated caller; the spec puts every operation that calls this behind the token scheme. */
export const caller = (req: DialectRequest) => req.principal!;

/**
 * A map field given as an object or, as the v1.0 client sends it, as a JSON-encoded object string.
 * Values stay as given (strings, numbers, booleans, null) for the core to check.
 */
export function jsonMap(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw fail('request.json_invalid', {}, field);
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw fail('request.json_object_expected', {}, field);
  return parsed as Record<string, unknown>;
}

/** An integer given as a JSON number or as a form string. */
export const toInt = (value: unknown): number => (typeof value === 'number' ? value : Number(String(value).trim()));
