import { and, asc, eq, sql } from 'drizzle-orm';
import { apps, builds, releases, variables } from '../../store/schema';
import { appProfiles, regions } from '../../store/schema-apps';
import type { Db } from '../../store/store';
import type { Build, Release, Variable } from '../model';
import type { Deployment } from './deployments';
import { groupBy, jsonList } from './rowGroups';

/** A variable as a deployment shows it: a sensitive one's value hidden (null). */
export interface ShownVariable { name: string; value: string | null }

/**
 * What entries of deployments and environments show besides their own rows, read for a whole page at
 * once: the environments' variables, the deployments' builds and releases, the apps' regions.
 */
export interface StageFacts {
  /** The environment's own variables, in their order. */
  variablesOf(environmentId: string): Variable[];
  buildOf(deployment: Deployment): Build | null;
  /** The variables a deployment was made with: its release's, or its environment's while it runs. */
  deploymentVariables(deployment: Deployment): ShownVariable[];
  /** The app's region, or the default one (apps made elsewhere have no profile). */
  regionOf(appId: string): string | null;
}

/** What a page needs facts about. */
export interface FactsWanted {
  environmentIds?: Iterable<string>;
  deployments?: Deployment[];
  appIds?: Iterable<string>;
}

const p = sql.placeholder;
const inList = (column: Parameters<typeof eq>[0], name: string) => sql`${column} IN (SELECT value FROM json_each(${p(name)}))`;

/** Reads the facts of a page in four statements, prepared once, whatever the number of entries. */
export class StageFactsReader {
  private readonly variablesIn;
  private readonly buildsIn;
  private readonly releasesIn;
  private readonly regionsIn;

  constructor(db: Db) {
    this.variablesIn = db.select().from(variables).where(and(inList(variables.environmentId, 'ids'), eq(variables.kind, 'env')))
      .orderBy(asc(variables.position)).prepare();
    this.buildsIn = db.select().from(builds).where(inList(builds.id, 'ids')).prepare();
    this.releasesIn = db.select().from(releases).where(inList(releases.id, 'ids')).prepare();
    // An app without a profile, or a profile without a region, is placed in the first default region, else the first.
    this.regionsIn = db.select({
      appId: apps.id,
      regionId: sql<string | null>`coalesce(${appProfiles.regionId},
        (SELECT ${regions.id} FROM ${regions} ORDER BY ${regions.isDefault} DESC, ${regions.position} ASC LIMIT 1))`,
    }).from(apps).leftJoin(appProfiles, eq(appProfiles.appId, apps.id)).where(inList(apps.id, 'ids')).prepare();
  }

  read(wanted: FactsWanted): StageFacts {
    const deploymentRows = wanted.deployments ?? [];
    // A deployment without a release shows its environment's variables as they are now.
    const environmentIds = new Set([...wanted.environmentIds ?? [], ...deploymentRows.filter((d) => !d.releaseId).map((d) => d.environmentId)]);
    const buildIds = new Set(deploymentRows.flatMap((d) => (d.buildId ? [d.buildId] : [])));
    const releaseIds = new Set(deploymentRows.flatMap((d) => (d.releaseId ? [d.releaseId] : [])));
    const appIds = new Set(wanted.appIds ?? []);
    const byEnvironment = groupBy(this.rowsOf(this.variablesIn, environmentIds), (v) => v.environmentId);
    const buildsById = new Map(this.rowsOf(this.buildsIn, buildIds).map((b) => [b.id, b]));
    const releasesById = new Map<string, Release>(this.rowsOf(this.releasesIn, releaseIds).map((r) => [r.id, r]));
    const regionsByApp = new Map(this.rowsOf(this.regionsIn, appIds).map((r) => [r.appId, r.regionId]));
    const variablesOf = (environmentId: string) => byEnvironment.get(environmentId) ?? [];
    return {
      variablesOf,
      buildOf: (d) => (d.buildId ? buildsById.get(d.buildId) ?? null : null),
      deploymentVariables: (d) => {
        const release = d.releaseId ? releasesById.get(d.releaseId) : undefined;
        const made = release ? release.variables.filter((v) => v.kind === 'env') : variablesOf(d.environmentId);
        return made.map((v) => ({ name: v.name, value: v.isSensitive ? null : String(v.value) }));
      },
      regionOf: (appId) => regionsByApp.get(appId) ?? null,
    };
  }

  /** Every statement runs, even for no ids: a page costs the same statements whatever its entries hold. */
  private rowsOf<Row>(statement: { all(values: Record<string, unknown>): Row[] }, ids: Set<string>): Row[] {
    return statement.all({ ids: jsonList(ids) });
  }
}
