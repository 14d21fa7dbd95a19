import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { appGrants, apps, clusters, domains, environments, processes, releases, users } from '../../store/schema';
import { addonBindings, addonInstances } from '../../store/schema-addons';
import { appCatalogueChoices } from '../../store/schema-catalogue';
import { volumes, workloadMounts } from '../../store/schema-infra';
import { events } from '../../store/schema-timeline';
import type { Db } from '../../store/store';
import { APP_COLUMNS } from './access';
import { RUN_TYPE, type ListedCatalogueApp } from './catalogueAppList';
import { DEPLOY_KIND } from './deploys';
import { jsonObjectOf } from './jsonDocument';

/** One app with everything its info shows beyond its list entry. */
export interface CatalogueAppDetail extends ListedCatalogueApp {
  /** Deploys that finished without an error. */
  deploys: number;
  /** The tenants the app is shared with, in the order they were granted. */
  sharedWith: string[];
  /** The add-on instances bound to it, by service then name. */
  boundInstances: { serviceName: string; name: string; plan: string }[];
  /** The volumes it mounts (a MedStack service's mounts), in their positions' order. */
  volumeMounts: { app: string; volume: string; target: string; readonly: boolean }[];
}

/**
 * The whole view in one JSON document: the App (the columns of `APP_COLUMNS`), its choices (null for an
 * app made through another dialect), its pool, and each list as a subquery ordered as the list reads
 * it alone: units by process and number, domains by age then name, grants by age, instances by service
 * then name, mounts by position.
 */
const VIEW = sql<string>`json_object(
  'app', ${jsonObjectOf(APP_COLUMNS)},
  'choices', CASE WHEN ${appCatalogueChoices.appId} IS NULL THEN NULL ELSE ${jsonObjectOf(getTableColumns(appCatalogueChoices))} END,
  'pool', coalesce(${clusters.name}, ${apps.clusterId}),
  'units', (SELECT json_group_array(${jsonObjectOf({ ...getTableColumns(processes), releaseVersion: releases.version })}
      ORDER BY ${processes.type}, ${processes.num})
    FROM ${processes} INNER JOIN ${releases} ON ${releases.id} = ${processes.releaseId}
    WHERE ${processes.environmentId} = ${environments.id} AND ${processes.type} != ${RUN_TYPE}),
  'cnames', (SELECT json_group_array(${domains.name} ORDER BY ${domains.createdAt}, ${domains.name})
    FROM ${domains} WHERE ${domains.environmentId} = ${environments.id}),
  'deploys', (SELECT count(*) FROM ${events} WHERE ${events.appId} = ${apps.id} AND ${events.kind} = ${DEPLOY_KIND}
    AND ${events.running} = 0 AND coalesce(${events.error}, '') = ''),
  'sharedWith', (SELECT json_group_array(${appGrants.tenantId} ORDER BY ${appGrants.id})
    FROM ${appGrants} WHERE ${appGrants.appId} = ${apps.id} AND ${appGrants.tenantId} IS NOT NULL),
  'boundInstances', (SELECT json_group_array(${jsonObjectOf({ serviceName: addonInstances.serviceName, name: addonInstances.name, plan: addonInstances.plan })}
      ORDER BY ${addonInstances.serviceName}, ${addonInstances.name})
    FROM ${addonBindings} INNER JOIN ${addonInstances} ON ${addonInstances.id} = ${addonBindings.instanceId}
    WHERE ${addonBindings.appId} = ${apps.id}),
  'volumeMounts', (SELECT json_group_array(${jsonObjectOf({ app: apps.name, volume: volumes.name, target: workloadMounts.target, readonly: workloadMounts.readonly })}
      ORDER BY ${workloadMounts.position})
    FROM ${workloadMounts} INNER JOIN ${volumes} ON ${volumes.id} = ${workloadMounts.volumeId} WHERE ${workloadMounts.appId} = ${apps.id}))`;

/**
 * Tsuru's app info as one statement, prepared once: the app by name with everything its info shows,
 * parsed once (it cost eight statements: the app twice, units, domains, deploys, grants, instances, mounts).
 * It reads the app whoever asks: the caller decides access on the App it carries.
 */
export class CatalogueAppDetails {
  private readonly byName;

  constructor(db: Db) {
    this.byName = db.select({ view: VIEW }).from(apps)
      .leftJoin(users, eq(apps.ownerId, users.id))
      .innerJoin(environments, and(eq(environments.appId, apps.id), eq(environments.isPrimary, true)))
      .leftJoin(clusters, eq(clusters.id, apps.clusterId))
      .leftJoin(appCatalogueChoices, eq(appCatalogueChoices.appId, apps.id))
      .where(eq(apps.name, sql.placeholder('name'))).prepare();
  }

  /** The app named `name` with its whole info, if there is one. */
  named(name: string): CatalogueAppDetail | undefined {
    const row = this.byName.get({ name });
    return row && (JSON.parse(row.view) as CatalogueAppDetail);
  }
}
