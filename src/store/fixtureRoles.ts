import type { CoreContext } from '../core/context';
import { inArray } from 'drizzle-orm';
import type { Fixtures } from './fixtures';
import { FixturesError } from './fixturesError';
import { permissionSchemes, roleDefinitions } from './schema-catalogue';

/** The core role a named role stands for: a membership role, or being a superuser. */
export const ROLE_GRANTS = ['admin', 'member', 'user', 'superuser'] as const;

/** The JSON schema of the role kinds of a fixtures file (see Fixtures). */
export const roleSchemas = {
  roles: { type: 'array', items: { type: 'object', required: ['name', 'context', 'schemeNames', 'grants'], additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1 }, context: { enum: ['global', 'team'] }, description: { type: 'string' },
      schemeNames: { type: 'array', items: { type: 'string', minLength: 1 } }, grants: { enum: ROLE_GRANTS },
    } } },
  permissions: { type: 'array', items: { type: 'object', required: ['name', 'contexts'], additionalProperties: false,
    properties: { name: { type: 'string', minLength: 1 }, contexts: { type: 'array', items: { type: 'string', minLength: 1 } } } } },
} as const;

/**
 * Writes the permission tree and the roles after those already stored (an admin seed adds to them);
 * part of loadFixtures' transaction. A role naming a permission the tree lacks is refused, as tsuru
 * refuses to add an unknown permission.
 */
export function loadRoles(ctx: CoreContext, fixtures: Fixtures): void {
  const { db } = ctx.store;
  const rowsIn = (table: typeof permissionSchemes | typeof roleDefinitions) => db.select({ position: table.position }).from(table).all().length;
  const treeStart = rowsIn(permissionSchemes);
  (fixtures.permissions ?? []).forEach((p, i) => {
    db.insert(permissionSchemes).values({ name: p.name, contexts: p.contexts, position: treeStart + i }).run();
  });
  const rolesStart = rowsIn(roleDefinitions);
  (fixtures.roles ?? []).forEach((r, i) => {
    const named = r.schemeNames.filter((name) => name !== '*');
    const known = new Set(named.length ? db.select({ name: permissionSchemes.name }).from(permissionSchemes)
      .where(inArray(permissionSchemes.name, named)).all().map((p) => p.name) : []);
    const unknown = named.filter((name) => !known.has(name));
    if (unknown.length) throw new FixturesError(`fixtures: role ${r.name} names unknown permissions: ${unknown.join(', ')}`);
    db.insert(roleDefinitions).values({
      name: r.name, context: r.context, description: r.description ?? '', schemeNames: r.schemeNames, grants: r.grants, position: rolesStart + i,
    }).run();
  });
}
