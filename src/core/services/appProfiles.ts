import { and, asc, eq, sql } from 'drizzle-orm';
import { clusters, environments, tenants } from '../../store/schema';
import { appProfiles, type AppSettings, type ReleaseCommand } from '../../store/schema-apps';
import type { ListSource } from '../../store/paginate';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { CoreError, fail } from '../errors';
import type { App, Principal } from '../model';
import { AccessPolicy } from './access';
import { ApplicationList, DEFAULT_SETTINGS, type ApplicationFilter, type ListedApplication } from './applicationList';
import type { AppService } from './apps';
import type { CatalogueService } from './catalogues';
import { appScope, type EventService } from './events';
import type { VariableService } from './variables';
import { slot, slotsOf } from './placeholders';

export type AppProfile = typeof appProfiles.$inferSelect;

/** An app with its profile; apps made without one (Deis, MedStack) show the defaults. */
export interface ProfiledApp { app: App; profile: AppProfile }

export interface NewProfiledApp {
  displayName?: string;
  slug?: string;
  tenantId?: string;
  planGroupId?: string;
  regionId?: string;
  template?: string | null;
  repository?: string | null;
  branch?: string;
  releaseCommands?: ReleaseCommand[] | null;
  tags?: string[];
}

export type ProfileChanges = Partial<Pick<AppProfile, 'displayName' | 'releaseCommands' | 'tags'> & AppSettings>;

/** The stages every new application has, in order; the last is the primary one (what Deis and Tsuru see). */
export const APP_STAGES = ['test', 'live'];
export const DEFAULT_BRANCH = 'main';
const DISPLAY_NAME_MAX = 255;


/**
 * Applications as the platforms with stages and plans see them (Divio): an app plus its profile, created
 * with its test and live environments at once, placed by plan group and region, archived, transferred.
 */
export class AppProfileService {
  /** Read once for every app of a list: prepared once. */
  private readonly profileByApp;
  private readonly writeProfile;
  private readonly changeProfile;
  private readonly listing: ApplicationList;

  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly apps: AppService,
    private readonly catalogues: CatalogueService,
    private readonly events: EventService,
    private readonly variables: VariableService,
  ) {
    this.profileByApp = ctx.store.db.select().from(appProfiles).where(eq(appProfiles.appId, sql.placeholder('appId'))).prepare();
    // A profile written whole (created, archived, or first changed when the app was made elsewhere) is one upsert.
    this.writeProfile = ctx.store.db.insert(appProfiles).values(slotsOf(appProfiles))
      .onConflictDoUpdate({ target: appProfiles.appId, set: slotsOf(appProfiles, ['appId']) }).returning().prepare();
    // A change to a stored profile: a plain UPDATE of the columns `update` changes costs far less than the
    // upsert (which tries the insert first), and leaves the indexed columns (plan group, region, copy, archive) alone.
    this.changeProfile = ctx.store.db.update(appProfiles).set({
      displayName: slot('displayName'), releaseCommands: slot('releaseCommands'), tags: slot('tags'), settings: slot('settings'),
    }).where(eq(appProfiles.appId, sql.placeholder('appId'))).prepare();
    this.listing = new ApplicationList(ctx.store.db, ctx.store.sqlite, access);
  }

  private get db() { return this.ctx.store.db; }

  /**
   * Every reason a new application would be refused, field by field, so a dialect can report them all
   * at once (Django REST framework does). `create` throws the first of them.
   */
  validateNew(p: Principal, input: NewProfiledApp): CoreError[] {
    const errors: CoreError[] = [];
    const check = (run: () => void) => {
      try {
        run();
      } catch (error) {
        if (!(error instanceof CoreError)) throw error;
        errors.push(error);
      }
    };
    check(() => {
      if (!input.displayName) throw fail('app.display_name_required', {}, 'displayName');
      if (input.displayName.length > DISPLAY_NAME_MAX) throw fail('app.display_name_too_long', { max: DISPLAY_NAME_MAX }, 'displayName');
    });
    check(() => {
      if (!input.slug) throw fail('app.name_required', {}, 'name');
      this.apps.checkNewName(input.slug);
    });
    let tenantId: string | undefined;
    check(() => {
      if (!input.tenantId) throw fail('tenant.required', {}, 'tenant');
      if (!p.roles.has(input.tenantId)) throw fail('tenant.unknown', { id: input.tenantId }, 'tenant');
      tenantId = input.tenantId;
    });
    check(() => {
      if (!input.planGroupId) throw fail('plan_group.required', {}, 'planGroup');
      const group = tenantId ? this.catalogues.offeredPlanGroup(tenantId, input.planGroupId) : this.catalogues.planGroupById(input.planGroupId);
      if (!group) throw fail('plan_group.unknown', { id: input.planGroupId }, 'planGroup');
      if (!input.regionId) throw fail('region.required', {}, 'region');
      if (!group.regionIds.includes(input.regionId)) throw fail('region.not_offered', { id: input.regionId }, 'region');
    });
    check(() => {
      if (!input.planGroupId && !input.regionId) throw fail('region.required', {}, 'region');
      if (input.regionId && !this.catalogues.regions().some((r) => r.id === input.regionId)) {
        throw fail('region.unknown', { id: input.regionId }, 'region');
      }
    });
    // A plan group's errors already name a missing or unknown region once: keep the first per field.
    return errors.filter((e, i) => errors.findIndex((o) => o.field === e.field) === i);
  }

  create(p: Principal, input: NewProfiledApp): ProfiledApp {
    const [first] = this.validateNew(p, input);
    if (first) throw first;
    const app = this.apps.insert(p, {
      name: input.slug, tenantId: input.tenantId, environments: APP_STAGES, primaryEnvironment: APP_STAGES.at(-1),
    });
    this.apps.setBranches(app.id, input.branch || DEFAULT_BRANCH);
    const profile = this.writeProfile.get({
      appId: app.id, displayName: input.displayName!, planGroupId: input.planGroupId!, regionId: input.regionId!,
      template: input.template ?? null, repository: input.repository ?? null,
      releaseCommands: input.releaseCommands ?? this.templateCommands(input.template), tags: input.tags ?? [], settings: DEFAULT_SETTINGS,
      copiedFrom: null, copyType: null, archivedAt: null,
    })!;
    this.events.record(appScope(app), 'app.create', p.username, { app: app.name });
    return { app, profile };
  }

  /**
   * The application, if the caller may do `action` to it, with what its list entry shows: one statement
   * reads the app, its profile and the entry's joins, and the policy decides on the App it carries (two
   * reads of the app and one of the profile before). An archived application is not found.
   */
  get(p: Principal, appId: string, action: 'read' | 'write' | 'manage' = 'read'): ListedApplication {
    const found = this.listing.of(appId);
    this.access.check(p, found?.app, action);
    if (found!.profile.archivedAt) throw fail('app.not_found');
    return found!;
  }

  /** Every app the caller may read and that is not archived, oldest first. */
  list(p: Principal): ProfiledApp[] {
    return this.listing.list(p).all();
  }

  /** The apps the caller may read, not archived, filtered, ordered, counted and paged in SQL. */
  search(p: Principal, filter: ApplicationFilter): ListSource<ListedApplication> {
    return this.listing.list(p, filter);
  }

  /** An application the caller already holds, with what a list entry shows of it. */
  listed({ app }: ProfiledApp): ListedApplication {
    return this.listing.of(app.id)!;
  }

  /** The app's profile, or the one an app made elsewhere is shown with. */
  profileOf(app: App): AppProfile {
    return this.profileByApp.get({ appId: app.id }) ?? {
      appId: app.id, displayName: app.name, planGroupId: null, regionId: this.catalogues.defaultRegion()?.id ?? null,
      template: null, repository: null, releaseCommands: [], tags: [], settings: DEFAULT_SETTINGS,
      copiedFrom: null, copyType: null, archivedAt: null,
    };
  }

  update(p: Principal, appId: string, changes: ProfileChanges): ProfiledApp {
    const { app, profile, profileStored } = this.get(p, appId, 'write');
    if (changes.displayName !== undefined && !changes.displayName) throw fail('app.display_name_required', {}, 'displayName');
    const { displayName, releaseCommands, tags, ...settings } = changes;
    const next = {
      ...profile, displayName: displayName ?? profile.displayName, releaseCommands: releaseCommands ?? profile.releaseCommands,
      tags: tags ?? profile.tags, settings: { ...profile.settings, ...withoutUndefined(settings) },
    };
    if (profileStored) this.changeProfile.run(next);
    else this.writeProfile.run(next);
    this.access.touch(app);
    this.events.record(appScope(app), 'app.update', p.username, { app: app.name, fields: Object.keys(withoutUndefined(changes)) });
    return { app, profile: next };
  }

  /** Archives the app (it leaves every list), or deletes it at once; `verifyName` must repeat its name. */
  archive(p: Principal, appId: string, verifyName: string, deleteImmediately: boolean): void {
    const { app, profile } = this.get(p, appId, 'manage');
    if (verifyName !== profile.displayName && verifyName !== app.name) throw fail('app.verify_name_mismatch', {}, 'verifyName');
    if (deleteImmediately) {
      this.apps.remove(app, p.username);
      return;
    }
    this.writeProfile.run({ ...profile, archivedAt: nowIso(this.ctx) });
    this.events.record(appScope(app), 'app.archive', p.username, { app: app.name });
  }

  /** Moves the app to another tenant of the caller's, onto that tenant's default cluster. */
  transfer(p: Principal, appId: string, tenantId: string): App {
    const { app } = this.get(p, appId, 'manage');
    if (!p.roles.has(tenantId) || !this.db.select().from(tenants).where(eq(tenants.id, tenantId)).get()) {
      throw fail('tenant.unknown', { id: tenantId }, 'tenant');
    }
    // Moving an app into a tenant is changing that tenant; staying where it is changes nothing.
    if (tenantId !== app.tenantId) this.access.checkTenant(p, tenantId, 'write');
    const cluster = this.db.select().from(clusters).where(eq(clusters.tenantId, tenantId)).all()
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault))[0];
    if (!cluster) throw fail('cluster.none');
    this.apps.move(app, { tenantId, clusterId: cluster.id });
    this.events.record(appScope({ ...app, tenantId, clusterId: cluster.id }), 'app.transfer', p.username, { app: app.name, from: app.tenantId, to: tenantId });
    return this.access.loadById(app.id)!;
  }

  /**
   * A new application in a tenant of the caller's, named `displayName` (its slug made from it, numbered if
   * taken), with the source's profile, environments, branches and variables: a fork, or a mirror that
   * remembers its source.
   */
  copy(p: Principal, appId: string, input: { displayName: string; tenantId: string; type: 'FORK' | 'MIRROR' }): ProfiledApp {
    const source = this.get(p, appId);
    if (!input.displayName) throw fail('app.display_name_required', {}, 'displayName');
    if (!p.roles.has(input.tenantId)) throw fail('tenant.unknown', { id: input.tenantId }, 'tenant');
    const stages = this.db.select().from(environments).where(eq(environments.appId, source.app.id)).orderBy(asc(environments.position)).all();
    const app = this.apps.insert(p, {
      name: this.freeSlug(input.displayName), tenantId: input.tenantId,
      environments: stages.map((e) => e.name), primaryEnvironment: stages.find((e) => e.isPrimary)?.name,
    });
    for (const stage of stages) {
      const target = and(eq(environments.appId, app.id), eq(environments.name, stage.name));
      const copy = this.db.update(environments).set({ branch: stage.branch, alternativeDockerfile: stage.alternativeDockerfile })
        .where(target).returning().get();
      this.variables.restore(copy.id, this.variables.snapshot(stage.id));
    }
    const profile = { ...source.profile, appId: app.id, displayName: input.displayName, copiedFrom: source.app.id, copyType: input.type, archivedAt: null };
    this.db.insert(appProfiles).values(profile).run();
    this.events.record(appScope(app), 'app.copy', p.username, { app: app.name, from: source.app.name, type: input.type });
    return { app, profile };
  }

  /** A free app name made from a display name: lowercase words joined by hyphens, numbered when taken. */
  private freeSlug(displayName: string): string {
    const base = displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'copy';
    for (let n = 1; ; n++) {
      const slug = n === 1 ? base : `${base}-${n}`;
      if (!this.access.load(slug)) return slug;
    }
  }

  private templateCommands(template: string | null | undefined): ReleaseCommand[] {
    return (template && this.catalogues.templateByUrl(template)?.releaseCommands) || [];
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
