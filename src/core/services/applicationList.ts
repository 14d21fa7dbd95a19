import type Database from 'better-sqlite3';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { apps, environments, tenants, users } from '../../store/schema';
import { appProfiles, planGroups, regions, type AppSettings } from '../../store/schema-apps';
import { LIMIT, OFFSET, bind, type ListSource, type PreparedList } from '../../store/paginate';
import type { Db } from '../../store/store';
import type { App, Principal } from '../model';
import { APP_COLUMNS, AccessPolicy } from './access';
import type { AppProfile, ProfiledApp } from './appProfiles';

/** Every filter an application list takes; an absent one lets every app through. */
export interface ApplicationFilter {
  slug?: string;
  tenantUuid?: string;
  ids?: string[];
  /** A piece of the display name or the slug, in any case. */
  nameSearch?: string;
  copiedFrom?: string;
  copyType?: string;
  mirror?: boolean;
  tag?: string;
  /** Sort keys, first first: `name`, `created_at`, each maybe with `-` (descending); then oldest first. */
  order?: string[];
}

/** An application with what its list entry shows besides the app and profile: all read in the list's own query. */
export interface ListedApplication extends ProfiledApp {
  tenantUuid: string;
  mirrors: number;
  canAddEnvironment: boolean;
  /** False for an app made elsewhere (Deis, MedStack): its profile is the defaults, no row holds it yet. */
  profileStored: boolean;
}

export const DEFAULT_SETTINGS: AppSettings = {
  maintenanceWindowStart: 0, maintenanceWindowDuration: 0, port: null,
  startupProbeMaxRetries: 30, startupProbeRequestTimeout: 5, startupProbeRetryTimeout: 10,
};

/** JavaScript's toLowerCase inside SQL: SQLite's lower() folds ASCII only, and the search is case-blind for every letter. */
const UNICODE_LOWER = 'polypaas_lower';

const p = sql.placeholder;
const displayName = sql<string>`coalesce(${appProfiles.displayName}, ${apps.name})`;
const SORT_KEYS: Record<string, (descending: boolean) => SQL[]> = {
  // Case-blind first, lowercase before uppercase on a tie: what JavaScript's localeCompare does for ASCII names.
  name: (descending) => [sql`${sql.raw(UNICODE_LOWER)}(${displayName}) ${sql.raw(descending ? 'DESC' : 'ASC')}`,
    sql`${displayName} ${sql.raw(descending ? 'ASC' : 'DESC')}`],
  created_at: (descending) => [sql`${apps.createdAt} ${sql.raw(descending ? 'DESC' : 'ASC')}`],
};
const OLDEST_FIRST = [sql`${apps.createdAt} ASC`, sql`${apps.name} ASC`];

/**
 * Every filter as one condition with placeholders, each of which, bound to null, lets every app
 * through: one prepared statement serves every combination of filters.
 */
const FILTERS = sql`${AccessPolicy.visibleApps} AND ${appProfiles.archivedAt} IS NULL
  AND (${p('slug')} IS NULL OR ${apps.name} = ${p('slug')})
  AND (${p('tenantUuid')} IS NULL OR ${tenants.uuid} = ${p('tenantUuid')})
  AND (${p('ids')} IS NULL OR ${apps.id} IN (SELECT value FROM json_each(${p('ids')})))
  AND (${p('nameSearch')} IS NULL OR instr(${sql.raw(UNICODE_LOWER)}(${displayName} || ' ' || ${apps.name}), ${sql.raw(UNICODE_LOWER)}(${p('nameSearch')})) > 0)
  AND (${p('copiedFrom')} IS NULL OR ${appProfiles.copiedFrom} = ${p('copiedFrom')})
  AND (${p('copyType')} IS NULL OR ${appProfiles.copyType} = ${p('copyType')})
  AND (${p('mirror')} IS NULL OR (coalesce(${appProfiles.copyType}, '') = 'MIRROR') = ${p('mirror')})
  AND (${p('tag')} IS NULL OR EXISTS (SELECT 1 FROM json_each(${appProfiles.tags}) WHERE value = ${p('tag')}))`;

/** Only the first key of a field orders anything: a later one only breaks ties the first never leaves. */
function normalOrder(order: string[]): string[] {
  const seen = new Set<string>();
  return order.filter((key) => {
    const field = key.replace(/^-/, '');
    if (!SORT_KEYS[field] || seen.has(field)) return false;
    seen.add(field);
    return true;
  });
}

/**
 * Applications as a list shows them, filtered, counted, ordered and paged in SQL: a page costs two
 * statements whatever the number of apps (a count and the page), each prepared once per ordering.
 * Apps made through another dialect have no profile: they show the defaults a profile would have.
 */
export class ApplicationList {
  private readonly count;
  private readonly pages = new Map<string, PreparedList<ListedApplication>>();

  private readonly byId;

  private readonly countArchived;

  constructor(private readonly db: Db, sqlite: Database.Database, private readonly access: AccessPolicy) {
    sqlite.function(UNICODE_LOWER, { deterministic: true }, (value) => (value === null ? null : String(value).toLowerCase()));
    // Owner and primary environment leave the count as it is (every app has its primary environment).
    this.count = db.select({ n: sql<number>`count(*)` }).from(apps)
      .innerJoin(tenants, eq(tenants.id, apps.tenantId))
      .leftJoin(appProfiles, eq(appProfiles.appId, apps.id))
      .where(FILTERS).prepare();
    // `> ''` rather than IS NOT NULL: SQLite's planner reads the archived index for a range, not for IS NOT NULL
    // (archived_at is always a timestamp when set).
    this.countArchived = db.select({ n: sql<number>`count(*)` }).from(appProfiles).innerJoin(apps, eq(apps.id, appProfiles.appId))
      .where(and(sql`${appProfiles.archivedAt} > ''`, AccessPolicy.visibleApps)).prepare();
    this.byId = selectRows(this.db).where(eq(apps.id, p('id'))).prepare();
  }

  /** One application as a list shows it, whoever asks (the caller was checked already), archived or not. */
  of(appId: string): ListedApplication | undefined {
    const row = this.byId.get({ id: appId });
    return row && listed(row);
  }

  list(caller: Principal, filter: ApplicationFilter = {}): ListSource<ListedApplication> {
    const filters = {
      slug: filter.slug ?? null, tenantUuid: filter.tenantUuid ?? null, ids: filter.ids ? JSON.stringify(filter.ids) : null,
      nameSearch: filter.nameSearch ?? null, copiedFrom: filter.copiedFrom ?? null, copyType: filter.copyType ?? null,
      mirror: filter.mirror === undefined ? null : Number(filter.mirror), tag: filter.tag ?? null,
    };
    const visibility = AccessPolicy.visibilityOf(caller);
    const source = bind(this.prepared(normalOrder(filter.order ?? [])), { ...visibility, ...filters });
    if (Object.values(filters).some((value) => value !== null)) return source;
    // Unfiltered, the count needs no join: every visible app (counted by index) but the archived ones.
    return { ...source, count: () => this.access.countVisibleApps(visibility) - this.countArchived.get(visibility)!.n };
  }

  /** One ordering's statements, prepared at its first use; normalised orderings are a handful. */
  private prepared(order: string[]): PreparedList<ListedApplication> {
    const key = order.join(',');
    let statements = this.pages.get(key);
    if (!statements) {
      const orderBy = [...order.flatMap((k) => SORT_KEYS[k.replace(/^-/, '')](k.startsWith('-'))), ...OLDEST_FIRST];
      // The page's ids come from apps, tenant and profile alone; only those rows get the other joins and
      // the counts of mirrors and environments (computed for every app before the sort, they cost 0.6 s at 10 000 apps).
      const pageIds = this.db.select({ id: apps.id }).from(apps)
        .innerJoin(tenants, eq(tenants.id, apps.tenantId))
        .leftJoin(appProfiles, eq(appProfiles.appId, apps.id))
        .where(FILTERS).orderBy(...orderBy).limit(LIMIT).offset(OFFSET);
      const page = selectRows(this.db).where(inArray(apps.id, pageIds)).orderBy(...orderBy).prepare();
      const all = selectRows(this.db).where(FILTERS).orderBy(...orderBy).prepare();
      statements = {
        count: this.count,
        page: { all: (values) => page.all(values).map(listed) },
        all: { all: (values) => all.all(values).map(listed) },
      };
      this.pages.set(key, statements);
    }
    return statements;
  }
}

const COLUMNS = {
  ...APP_COLUMNS,
  profileAppId: appProfiles.appId, displayName: appProfiles.displayName, planGroupId: appProfiles.planGroupId,
  // An app without a profile is placed in the default region: the first default one, else the first.
  regionId: sql<string | null>`CASE WHEN ${appProfiles.appId} IS NULL
    THEN (SELECT ${regions.id} FROM ${regions} ORDER BY ${regions.isDefault} DESC, ${regions.position} ASC LIMIT 1)
    ELSE ${appProfiles.regionId} END`,
  template: appProfiles.template, repository: appProfiles.repository, releaseCommands: appProfiles.releaseCommands,
  tags: appProfiles.tags, settings: appProfiles.settings, copiedFrom: appProfiles.copiedFrom, copyType: appProfiles.copyType,
  archivedAt: appProfiles.archivedAt,
  tenantUuid: tenants.uuid,
  mirrors: sql<number>`(SELECT count(*) FROM ${appProfiles} m WHERE m.copied_from = ${apps.id} AND m.copy_type = 'MIRROR')`,
  canAddEnvironment: sql<number>`(${planGroups.id} IS NULL
    OR (SELECT count(*) FROM ${environments} e WHERE e.app_id = ${apps.id}) < ${planGroups.maxEnvironments})`,
};

/** Every column of an entry: owner, primary environment, tenant, profile and plan group joined. */
function selectRows(db: Db) {
  return db.select(COLUMNS).from(apps)
    .leftJoin(users, eq(apps.ownerId, users.id))
    .innerJoin(environments, and(eq(environments.appId, apps.id), eq(environments.isPrimary, true)))
    .innerJoin(tenants, eq(tenants.id, apps.tenantId))
    .leftJoin(appProfiles, eq(appProfiles.appId, apps.id))
    .leftJoin(planGroups, eq(planGroups.id, appProfiles.planGroupId));
}

type Row = ReturnType<ReturnType<typeof selectRows>['all']>[number];

function listed(row: Row): ListedApplication {
  const { id, name, serviceName, tenantId, clusterId, ownerId, ownerName, createdById, environmentId, structure, createdAt, updatedAt } = row;
  const app: App = { id, name, serviceName, tenantId, clusterId, ownerId, ownerName, createdById, environmentId, structure, createdAt, updatedAt };
  const profile: AppProfile = {
    appId: id, displayName: row.displayName ?? name, planGroupId: row.planGroupId, regionId: row.regionId,
    template: row.template, repository: row.repository, releaseCommands: row.releaseCommands ?? [], tags: row.tags ?? [],
    settings: row.settings ?? DEFAULT_SETTINGS, copiedFrom: row.copiedFrom, copyType: row.copyType, archivedAt: row.archivedAt,
  };
  return {
    app, profile, tenantUuid: row.tenantUuid, mirrors: Number(row.mirrors), canAddEnvironment: !!row.canAddEnvironment,
    profileStored: row.profileAppId !== null,
  };
}
