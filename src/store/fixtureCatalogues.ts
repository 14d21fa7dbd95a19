import type { CoreContext } from '../core/context';
import type { Fixtures } from './fixtures';
import { appTemplates, planGroups, regions } from './schema-apps';

/** The JSON schema of the catalogue kinds of a fixtures file (see Fixtures). */
const UUID = { type: 'string', format: 'uuid' } as const;
const RELEASE_COMMAND = {
  type: 'object', required: ['label', 'command'], additionalProperties: false,
  properties: { label: { type: 'string', minLength: 1 }, command: { type: 'string', minLength: 1 } },
} as const;

export const catalogueSchemas = {
  regions: { type: 'array', items: { type: 'object', required: ['uuid', 'name', 'shortName', 'prices'], additionalProperties: false,
    properties: {
      uuid: UUID, name: { type: 'string' }, shortName: { type: 'string' }, description: { type: 'string' }, default: { type: 'boolean' },
      prices: { type: 'object', additionalProperties: false,
        required: ['ramUnitSize', 'ramUnitPrice', 'diskUnitSize', 'diskUnitPrice', 'transferUnitSize', 'transferUnitPrice'],
        properties: {
          ramUnitSize: { type: 'integer' }, ramUnitPrice: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' },
          diskUnitSize: { type: 'integer' }, diskUnitPrice: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' },
          transferUnitSize: { type: 'integer' }, transferUnitPrice: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' },
        } },
    } } },
  planGroups: { type: 'array', items: { type: 'object', required: ['uuid', 'name', 'regions', 'maxEnvironments'], additionalProperties: false,
    properties: {
      uuid: UUID, name: { type: 'string' }, tenant: { type: 'string' }, regions: { type: 'array', items: UUID },
      maxEnvironments: { type: 'integer', minimum: 1 },
    } } },
  appTemplates: { type: 'array', items: { type: 'object', required: ['uuid', 'identifier', 'name', 'url'], additionalProperties: false,
    properties: {
      uuid: UUID, identifier: { type: 'string', minLength: 1 }, name: { type: 'string' }, shortDescription: { type: 'string' },
      url: { type: 'string', format: 'uri' }, default: { type: 'boolean' }, releaseCommands: { type: 'array', items: RELEASE_COMMAND },
      services: { type: 'array', items: { type: 'object', required: ['id', 'prefix'], additionalProperties: false,
        properties: { id: { type: 'string' }, prefix: { type: 'string' } } } },
      tags: { type: 'array', items: { type: 'string' } },
    } } },
} as const;

/** Writes the catalogue rows of a fixtures file, in its order; part of loadFixtures' transaction. */
export function loadCatalogues(ctx: CoreContext, fixtures: Fixtures): void {
  const { db } = ctx.store;
  (fixtures.regions ?? []).forEach((r, position) => {
    db.insert(regions).values({
      id: r.uuid, name: r.name, shortName: r.shortName, description: r.description ?? '', isDefault: r.default ?? false, prices: r.prices, position,
    }).run();
  });
  (fixtures.planGroups ?? []).forEach((g, position) => {
    db.insert(planGroups).values({
      id: g.uuid, name: g.name, tenantId: g.tenant ?? null, regionIds: g.regions, maxEnvironments: g.maxEnvironments, position,
    }).run();
  });
  (fixtures.appTemplates ?? []).forEach((t, position) => {
    db.insert(appTemplates).values({
      id: t.uuid, identifier: t.identifier, name: t.name, shortDescription: t.shortDescription ?? '', url: t.url,
      isDefault: t.default ?? false, releaseCommands: t.releaseCommands ?? [], services: t.services ?? [], tags: t.tags ?? [], position,
    }).run();
  });
}
