import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { apps, clusters, domains, environments, processes, releases, users } from '../../store/schema';
import { appCatalogueChoices } from '../../store/schema-catalogue';
import type { Db } from '../../store/store';
import type { App, ProcessView, Principal } from '../model';
import { APP_COLUMNS, AccessPolicy } from './access';
import type { CatalogueChoices } from './catalogueApps';
import { groupBy } from './rowGroups';

/** Every filter of a catalogue app list (Tsuru's); an absent one lets every app through. */
export interface CatalogueAppFilter {
  /** A piece of the app's name. */
  name?: string;
  /** The owner's email or username. */
  owner?: string;
  platform?: string;
  /** The pool's (cluster's) name. */
  pool?: string;
  teamOwner?: string;
  /** Tags the app has every one of. */
  tags?: string[];
  /** Process states of which the app runs at least one unit. */
  unitStates?: string[];
}

/** An app with everything its list entry shows: choices, pool, units and custom domains. */
export interface ListedCatalogueApp {
  app: App;
  /** Null for an app made through another dialect: it has the catalogue's defaults. */
  choices: CatalogueChoices | null;
  pool: string;
  units: ProcessView[];
  cnames: string[];
}

/** One-off runs are never units of an app. */
export const RUN_TYPE = 'run';
const p = sql.placeholder;

/** Every filter as one condition with placeholders, each of which, bound to null, lets every app through. */
const FILTERS = sql`${AccessPolicy.visibleApps}
  AND (${p('name')} IS NULL OR instr(${apps.name}, ${p('name')}) > 0)
  AND (${p('owner')} IS NULL OR ${users.email} = ${p('owner')} OR ${users.username} = ${p('owner')})
  AND (${p('platform')} IS NULL OR coalesce(${appCatalogueChoices.platform}, '') = ${p('platform')})
  AND (${p('pool')} IS NULL OR coalesce(${clusters.name}, ${apps.clusterId}) = ${p('pool')})
  AND (${p('teamOwner')} IS NULL OR ${apps.tenantId} = ${p('teamOwner')})
  AND NOT EXISTS (SELECT 1 FROM json_each(${p('tags')}) wanted
    WHERE wanted.value NOT IN (SELECT value FROM json_each(coalesce(${appCatalogueChoices.tags}, '[]'))))
  AND (${p('states')} IS NULL OR EXISTS (SELECT 1 FROM ${processes} unit WHERE unit.environment_id = ${environments.id}
    AND unit.type != ${RUN_TYPE} AND unit.state IN (SELECT value FROM json_each(${p('states')}))))`;

/**
 * The three reads of a list, each limited by `scope`: the apps with choices and pool, their units, and
 * their domains. Units and domains are read for the listed apps' primary environments at once.
 */
function prepareReads(db: Db, scope: SQL) {
  const listed = db.select({
    app: APP_COLUMNS,
    choices: appCatalogueChoices,
    pool: sql<string>`coalesce(${clusters.name}, ${apps.clusterId})`,
  }).from(apps)
    .leftJoin(users, eq(apps.ownerId, users.id))
    .innerJoin(environments, and(eq(environments.appId, apps.id), eq(environments.isPrimary, true)))
    .leftJoin(clusters, eq(clusters.id, apps.clusterId))
    .leftJoin(appCatalogueChoices, eq(appCatalogueChoices.appId, apps.id))
    .where(scope);
  const listedEnvironments = db.select({ id: environments.id }).from(apps)
    .leftJoin(users, eq(apps.ownerId, users.id))
    .innerJoin(environments, and(eq(environments.appId, apps.id), eq(environments.isPrimary, true)))
    .leftJoin(clusters, eq(clusters.id, apps.clusterId))
    .leftJoin(appCatalogueChoices, eq(appCatalogueChoices.appId, apps.id))
    .where(scope);
  return {
    apps: listed.orderBy(asc(apps.createdAt), asc(apps.name)).prepare(),
    units: db.select({ process: processes, releaseVersion: releases.version }).from(processes)
      .innerJoin(releases, eq(processes.releaseId, releases.id))
      .where(and(inArray(processes.environmentId, listedEnvironments), ne(processes.type, RUN_TYPE)))
      .orderBy(asc(processes.type), asc(processes.num)).prepare(),
    cnames: db.select({ environmentId: domains.environmentId, name: domains.name }).from(domains)
      .where(inArray(domains.environmentId, listedEnvironments))
      .orderBy(asc(domains.createdAt), asc(domains.name)).prepare(),
  };
}

type Reads = ReturnType<typeof prepareReads>;

/**
 * Catalogue apps as a list shows them, filtered in SQL: a list costs three statements whatever the
 * number of apps (it cost four or more per app), prepared once. (One app's info is CatalogueAppDetails.)
 */
export class CatalogueAppList {
  private readonly filtered: Reads;

  constructor(db: Db) {
    this.filtered = prepareReads(db, FILTERS);
  }

  /** The apps the caller may read that pass every filter, oldest first. */
  list(caller: Principal, filter: CatalogueAppFilter = {}): ListedCatalogueApp[] {
    return assemble(this.filtered, {
      ...AccessPolicy.visibilityOf(caller),
      name: filter.name || null, owner: filter.owner || null, platform: filter.platform || null, pool: filter.pool || null,
      teamOwner: filter.teamOwner || null, tags: JSON.stringify(filter.tags ?? []),
      states: filter.unitStates ? JSON.stringify(filter.unitStates) : null,
    });
  }
}

function assemble(reads: Reads, values: Record<string, unknown>): ListedCatalogueApp[] {
  const units = groupBy(reads.units.all(values).map(({ process, releaseVersion }) => ({ ...process, releaseVersion })), (unit) => unit.environmentId);
  const cnames = groupBy(reads.cnames.all(values), (domain) => domain.environmentId);
  return reads.apps.all(values).map(({ app, choices, pool }) => ({
    app, choices, pool, units: units.get(app.environmentId) ?? [], cnames: (cnames.get(app.environmentId) ?? []).map((domain) => domain.name),
  }));
}
