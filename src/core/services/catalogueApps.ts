import { eq, sql } from 'drizzle-orm';
import { apps as appRows } from '../../store/schema';
import { appCatalogueChoices, type PlanOverride } from '../../store/schema-catalogue';
import type { CoreContext } from '../context';
import { fail } from '../errors';
import type { App, Principal, Release, VariableChange } from '../model';
import type { AccessPolicy } from './access';
import type { AppService } from './apps';
import type { PlatformCatalogueService } from './platformCatalogue';
import type { GrantService } from './grants';
import { mergeMetadata, mergePlanOverride, validateMetadata, type MetadataChanges } from './appMetadata';
import { appScope, type EventService } from './events';
import { CatalogueAppList, type CatalogueAppFilter, type ListedCatalogueApp } from './catalogueAppList';
import { CatalogueAppDetails, type CatalogueAppDetail } from './catalogueAppDetail';
import type { ReleaseService } from './releases';
import type { ProcessService } from './processes';
import { slot, slotsOf } from './placeholders';

export type CatalogueChoices = typeof appCatalogueChoices.$inferSelect;

/** Tsuru's own app name rule, stricter than the core's: a letter first, at most 40 characters. */
const TSURU_APP_NAME = /^[a-z][a-z0-9-]{0,39}$/;
/** Variables the platform sets itself; no user may set or unset them. */
const RESERVED_VARIABLE = /^TSURU_/;

export interface NewProfiledApp {
  name: string;
  /** The owning team (tenant); default: the caller's only team. */
  teamOwner?: string;
  pool?: string;
  plan?: string;
  platform?: string;
  router?: string;
  routerOpts?: Record<string, string>;
  description?: string;
  tags?: string[];
  metadata?: MetadataChanges;
}

export interface ProfileChanges {
  description?: string;
  plan?: string;
  /** Memory, CPU or CPU burst instead of the plan's; 0 removes one (see mergePlanOverride). */
  planOverride?: PlanOverride;
  platform?: string;
  pool?: string;
  teamOwner?: string;
  tags?: string[];
  metadata?: MetadataChanges;
}

const NO_METADATA = { labels: [], annotations: [] };

/**
 * Apps with the choices a catalogue-driven dialect (Tsuru) makes at creation: team owner, pool,
 * plan, platform, router and its options, description and tags, each checked against the catalogue.
 */
export class CatalogueAppService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly apps: AppService,
    private readonly releases: ReleaseService,
    private readonly catalogue: PlatformCatalogueService,
    private readonly grants: GrantService,
    private readonly events: EventService,
    private readonly processes: ProcessService,
  ) {
    this.choicesOf = ctx.store.db.select().from(appCatalogueChoices).where(eq(appCatalogueChoices.appId, sql.placeholder('appId'))).prepare();
    this.listing = new CatalogueAppList(ctx.store.db);
    this.details = new CatalogueAppDetails(ctx.store.db);
    // Choices are always written whole, so one upsert serves creation and changes. (`appRows` is the table: `apps` is the service here.)
    this.writeChoices = ctx.store.db.insert(appCatalogueChoices).values(slotsOf(appCatalogueChoices))
      .onConflictDoUpdate({ target: appCatalogueChoices.appId, set: slotsOf(appCatalogueChoices, ['appId']) }).returning().prepare();
    this.changeOwner = ctx.store.db.update(appRows).set({ tenantId: slot('tenantId') }).where(eq(appRows.id, sql.placeholder('appId'))).prepare();
  }

  private readonly choicesOf;
  private readonly writeChoices;
  private readonly changeOwner;
  private readonly listing: CatalogueAppList;
  private readonly details: CatalogueAppDetails;


  create(p: Principal, input: NewProfiledApp): { app: App; profile: CatalogueChoices } {
    return this.ctx.store.tx(() => {
      if (!TSURU_APP_NAME.test(input.name)) throw fail('app.name_invalid', { name: input.name }, 'name');
      if (input.metadata) validateMetadata(input.metadata);
      const tenantId = this.teamOwner(p, input.teamOwner);
      if (input.platform) this.catalogue.platform(input.platform);
      const plan = this.catalogue.plan(input.plan);
      const router = this.catalogue.router(input.router);
      const pool = this.catalogue.pool(p, input.pool);
      const app = this.apps.insert(p, { name: input.name, tenantId, clusterId: pool.id, clusterTenantId: pool.tenantId });
      const profile = this.writeChoices.get({
        appId: app.id, platform: input.platform ?? '', plan: plan?.name ?? '', router: router?.name ?? '',
        routerOpts: input.routerOpts ?? {}, description: input.description ?? '', tags: dedupe(input.tags ?? []),
        metadata: mergeMetadata(NO_METADATA, input.metadata ?? {}), planOverride: {},
      })!;
      this.events.record(appScope(app), 'app.create', p.username, { app: app.name, team: tenantId, platform: profile.platform, plan: profile.plan });
      return { app, profile };
    });
  }

  /** The app's profile; apps made through another dialect have the catalogue's defaults. */
  profile(app: App): CatalogueChoices {
    return this.choicesOf.get({ appId: app.id }) ?? this.defaultProfile(app.id);
  }

  /** The apps the caller may read that pass every filter, oldest first, with what a list entry shows: in SQL. */
  search(p: Principal, filter: CatalogueAppFilter): ListedCatalogueApp[] {
    return this.listing.list(p, filter);
  }

  /**
   * The app's whole info if the caller may read it: one statement for a caller of its tenant or its
   * owner, who need nothing more than the App it carries; the policy reads grants for anyone else.
   */
  info(p: Principal, name: string): CatalogueAppDetail {
    const detail = this.details.named(name);
    this.access.check(p, detail?.app, 'read');
    return detail!;
  }

  /** What an app made through another dialect has: the catalogue's default plan and router, nothing else. */
  defaultProfile(appId: string): CatalogueChoices {
    return {
      appId, platform: '', plan: this.catalogue.plan()?.name ?? '', router: this.catalogue.router()?.name ?? '',
      routerOpts: {}, description: '', tags: [], metadata: NO_METADATA, planOverride: {},
    };
  }

  /** Changes what was given (empty values keep the current choice, as tsuru's update does). */
  update(p: Principal, name: string, changes: ProfileChanges): CatalogueChoices {
    return this.ctx.store.tx(() => {
      const app = this.access.app(p, name, 'write');
      if (changes.metadata) validateMetadata(changes.metadata);
      const current = this.profile(app);
      const next = { ...current };
      if (changes.description) next.description = changes.description;
      if (changes.platform) next.platform = this.catalogue.platform(changes.platform).name;
      if (changes.plan) {
        next.plan = this.catalogue.plan(changes.plan)!.name;
        // Another plan brings its own resources: what overrode the old one's no longer applies.
        if (next.plan !== current.plan) next.planOverride = {};
      }
      if (changes.planOverride) next.planOverride = mergePlanOverride(next.planOverride, changes.planOverride);
      if (changes.metadata) next.metadata = mergeMetadata(current.metadata, changes.metadata);
      if (changes.tags?.length) next.tags = dedupe(changes.tags);
      if (changes.pool) {
        const pool = this.catalogue.pool(p, changes.pool);
        this.apps.move(app, { clusterId: pool.id });
      }
      if (changes.teamOwner && changes.teamOwner !== app.tenantId) {
        // Handing the app to another team is a manage action, and the caller must belong to that team.
        this.access.app(p, name, 'manage');
        this.teamOwner(p, changes.teamOwner);
        this.changeOwner.run({ appId: app.id, tenantId: changes.teamOwner });
      }
      this.access.touch(app);
      const profile = this.writeChoices.get(next)!;
      this.events.record(appScope(app), 'app.update', p.username, { app: app.name, ...changes });
      return profile;
    });
  }

  /**
   * Sets (or, with value null, unsets) environment variables: a new release, as every env change is,
   * recorded as Tsuru names the change (`app.update.env.set` or `.unset`). Without `restart` the units
   * keep running the release they run until the next restart (Tsuru's NoRestart). `restarted` is how
   * many units move to the new release.
   */
  setEnv(p: Principal, name: string, changes: VariableChange[], restart = true): { release: Release; restarted: number } {
    return this.ctx.store.tx(() => {
      if (!changes.length) throw fail('variable.required', {}, 'envs');
      for (const change of changes) {
        if (RESERVED_VARIABLE.test(change.name)) throw fail('variable.name_reserved', { name: change.name }, 'envs');
      }
      const app = this.access.app(p, name, 'write');
      const release = this.releases.deploy(app, p.username, { variables: changes, restart });
      const unset = changes.every((c) => c.value === null);
      this.events.record(appScope(app), unset ? 'app.update.env.unset' : 'app.update.env.set', p.username, {
        app: app.name, version: release.version, variables: changes.map((c) => c.name), noRestart: !restart,
      });
      return { release, restarted: restart ? this.processes.countIn(app.environmentId) : 0 };
    });
  }

  /** Shares the app with a team of the caller's, or stops sharing it; recorded as tsuru's grant and revoke. */
  shareWithTeam(p: Principal, name: string, team: string, share: boolean): void {
    this.ctx.store.tx(() => {
      if (share) this.grants.grantTenant(p, name, team);
      else this.grants.revokeTenant(p, name, team);
      const app = this.access.app(p, name);
      this.events.record(appScope(app), share ? 'app.update.grant' : 'app.update.revoke', p.username, { app: app.name, team });
    });
  }

  private teamOwner(p: Principal, teamOwner?: string): string {
    if (teamOwner) {
      // A team the caller is not in is a bad choice of owner (400), whether or not it exists.
      if (!p.roles.has(teamOwner)) throw fail('team.owner_unknown', { name: teamOwner }, 'teamOwner');
      return teamOwner;
    }
    const teams = [...p.roles.keys()];
    if (teams.length !== 1) throw fail('team.required', {}, 'teamOwner');
    return teams[0];
  }
}

const dedupe = (tags: string[]) => [...new Set(tags.filter((t) => t !== ''))];
