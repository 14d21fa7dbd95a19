import { and, asc, eq, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { apps } from '../../store/schema';
import { addonBindings, addonInstances, addonInstanceTeams, addonServices } from '../../store/schema-addons';
import type { Db } from '../../store/store';
import { slot, slotsOf } from './placeholders';

/**
 * Every statement of an add-on request, reads and writes, prepared once (AddonRegistry's own file
 * would pass 250 lines with them). An instance list reads teams and bound apps for all its instances
 * at once; a change writes the whole row, merged with the current one by the registry.
 */
export function prepareAddonStatements(db: Db) {
  const p = sql.placeholder;
  const ofInstances = (column: SQLiteColumn) => sql`${column} IN (SELECT value FROM json_each(${p('ids')}))`;
  const serviceNamed = eq(addonServices.name, p('name'));
  const instanceById = eq(addonInstances.id, p('id'));
  const binding = and(eq(addonBindings.instanceId, p('instanceId')), eq(addonBindings.appId, p('appId')));
  return {
    allServices: db.select().from(addonServices).orderBy(asc(addonServices.name)).prepare(),
    serviceNamed: db.select().from(addonServices).where(serviceNamed).prepare(),
    instanceNamed: db.select().from(addonInstances).where(and(eq(addonInstances.serviceName, p('service')), eq(addonInstances.name, p('name')))).prepare(),
    visibleInstances: db.select().from(addonInstances).where(sql`(${addonInstances.tenantId} IN (SELECT value FROM json_each(${p('teams')}))
        OR EXISTS (SELECT 1 FROM ${addonInstanceTeams} t WHERE t.instance_id = ${addonInstances.id} AND t.tenant_id IN (SELECT value FROM json_each(${p('teams')}))))
      AND (${p('appId')} IS NULL OR EXISTS (SELECT 1 FROM ${addonBindings} b WHERE b.instance_id = ${addonInstances.id} AND b.app_id = ${p('appId')}))`)
      .orderBy(asc(addonInstances.serviceName), asc(addonInstances.name)).prepare(),
    sharedWith: db.select({ instanceId: addonInstanceTeams.instanceId, tenantId: addonInstanceTeams.tenantId }).from(addonInstanceTeams)
      .where(ofInstances(addonInstanceTeams.instanceId)).orderBy(asc(addonInstanceTeams.tenantId)).prepare(),
    boundApps: db.select({ instanceId: addonBindings.instanceId, name: apps.name }).from(addonBindings).innerJoin(apps, eq(apps.id, addonBindings.appId))
      .where(ofInstances(addonBindings.instanceId)).orderBy(asc(apps.name)).prepare(),
    boundToApp: db.select({ instance: addonInstances }).from(addonBindings).innerJoin(addonInstances, eq(addonInstances.id, addonBindings.instanceId))
      .where(eq(addonBindings.appId, p('appId'))).orderBy(asc(addonInstances.serviceName), asc(addonInstances.name)).prepare(),
    anyInstanceOf: db.select({ id: addonInstances.id }).from(addonInstances).where(eq(addonInstances.serviceName, p('name'))).prepare(),
    insertService: db.insert(addonServices).values(slotsOf(addonServices)).returning().prepare(),
    updateService: db.update(addonServices).set(slotsOf(addonServices, ['name', 'tenantId', 'createdAt'])).where(serviceNamed).prepare(),
    deleteService: db.delete(addonServices).where(serviceNamed).prepare(),
    insertInstance: db.insert(addonInstances).values(slotsOf(addonInstances, ['id'])).prepare(),
    updateInstance: db.update(addonInstances).set({
      description: slot('description'), tenantId: slot('tenantId'), plan: slot('plan'), tags: slot('tags'), parameters: slot('parameters'),
    }).where(instanceById).prepare(),
    deleteInstance: db.delete(addonInstances).where(instanceById).prepare(),
    shareInstance: db.insert(addonInstanceTeams).values({ instanceId: slot('instanceId'), tenantId: slot('tenantId') }).onConflictDoNothing().prepare(),
    unshareInstance: db.delete(addonInstanceTeams)
      .where(and(eq(addonInstanceTeams.instanceId, p('instanceId')), eq(addonInstanceTeams.tenantId, p('tenantId')))).prepare(),
    insertBinding: db.insert(addonBindings).values({ instanceId: slot('instanceId'), appId: slot('appId'), createdAt: slot('now') }).prepare(),
    deleteBinding: db.delete(addonBindings).where(binding).prepare(),
  };
}
