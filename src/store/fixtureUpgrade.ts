import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Core } from '../core/core';
import { loadFixtures, type Fixtures } from './fixtures';
import { appTemplates, planGroups, regions } from './schema-apps';
import { permissionSchemes, plans, platforms, roleDefinitions, routers } from './schema-catalogue';

/** Each catalogue kind of a fixtures file and the table it fills. */
const CATALOGUES: [keyof Fixtures, SQLiteTable][] = [
  ['platforms', platforms], ['plans', plans], ['routers', routers],
  ['regions', regions], ['planGroups', planGroups], ['appTemplates', appTemplates],
  ['permissions', permissionSchemes], ['roles', roleDefinitions],
];

/**
 * A database file made by an older polypaas has the tables later migrations added, empty: no Tsuru
 * plans or roles, no Divio regions. Each catalogue kind whose table is empty is loaded from the
 * fixtures, in one transaction; tenants, users, apps and every catalogue that holds rows are left as
 * they are. A new file never needs this: it starts from all the fixtures.
 */
export function fillEmptyCatalogues(core: Core, fixtures: Fixtures): void {
  const { db } = core.ctx.store;
  const missing = Object.fromEntries(CATALOGUES
    .filter(([kind, table]) => fixtures[kind] !== undefined && !db.select().from(table).limit(1).get())
    .map(([kind]) => [kind, fixtures[kind]]));
  if (Object.keys(missing).length) loadFixtures(core, missing as Fixtures);
}
