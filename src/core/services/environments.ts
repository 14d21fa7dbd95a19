import { and, asc, eq, max, sql } from 'drizzle-orm';
import { environments, processes as processRows } from '../../store/schema';
import { events as eventRows } from '../../store/schema-timeline';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail, hiddenAs } from '../errors';
import type { App, Environment, Principal } from '../model';
import type { Action } from './access';
import type { AppProfileService } from './appProfiles';
import type { CatalogueService } from './catalogues';
import { appScope, type CoreEvent, type EventService } from './events';
import type { ProcessService } from './processes';
import type { ReleaseService } from './releases';
import type { VariableService } from './variables';
import { groupBy, jsonList } from './rowGroups';
import { slot } from './placeholders';
import { EnvironmentList, type EnvironmentFilter, type ListedEnvironment } from './environmentList';
import type { ListSource } from '../../store/paginate';

const STAGE_NAME = /^[-a-zA-Z0-9_]+$/;
const STAGE_NAME_MAX = 255;

/** An environment with the app it belongs to. */
export interface Staged { app: App; environment: Environment }

/**
 * The app seen from one of its environments: services that work on "the app's environment" (releases,
 * processes) then work on this one instead of the primary.
 */
export const inEnvironment = (app: App, environment: Environment): App =>
  ({ ...app, environmentId: environment.id, structure: environment.structure });

/**
 * An app's environments one by one (Divio's test, live and copies): created, copied within the plan
 * group's limit, re-branched, stopped and destroyed; each access goes through its app.
 */
export class EnvironmentService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly profiles: AppProfileService,
    private readonly catalogues: CatalogueService,
    private readonly variables: VariableService,
    private readonly releases: ReleaseService,
    private readonly processes: ProcessService,
    private readonly events: EventService,
  ) {
    const db = ctx.store.db;
    this.listing = new EnvironmentList(db);
    const inOrder = [asc(environments.position), asc(environments.createdAt)];
    this.byId = db.select().from(environments).where(eq(environments.id, sql.placeholder('id'))).prepare();
    this.ofApp = db.select().from(environments).where(eq(environments.appId, sql.placeholder('appId'))).orderBy(...inOrder).prepare();
    this.ofApps = db.select().from(environments)
      .where(sql`${environments.appId} IN (SELECT value FROM json_each(${sql.placeholder('appIds')}))`).orderBy(...inOrder).prepare();
    const p = sql.placeholder;
    this.named = db.select({ id: environments.id }).from(environments).where(and(eq(environments.appId, p('appId')), eq(environments.name, p('name')))).prepare();
    this.lastPosition = db.select({ n: max(environments.position) }).from(environments).where(eq(environments.appId, p('appId'))).prepare();
    this.insertOne = db.insert(environments).values({
      id: slot('id'), appId: slot('appId'), name: slot('name'), isPrimary: false, branch: slot('branch'), position: slot('position'),
      alternativeDockerfile: slot('alternativeDockerfile'), structure: {}, createdAt: slot('now'), updatedAt: slot('now'),
    }).returning().prepare();
    this.updateOne = db.update(environments)
      .set({ branch: slot('branch'), alternativeDockerfile: slot('alternativeDockerfile'), updatedAt: slot('updatedAt') })
      .where(eq(environments.id, p('id'))).returning().prepare();
    this.deleteOne = db.delete(environments).where(eq(environments.id, p('id'))).prepare();
    this.processTypes = db.selectDistinct({ type: processRows.type }).from(processRows).where(eq(processRows.environmentId, p('id'))).prepare();
    this.clearStructure = db.update(environments).set({ structure: {} }).where(eq(environments.id, p('id'))).prepare();
    // Events (eventRows: `events` is the service here) of the app whose data names the environment: the app's index, then the JSON, in SQL. A missing bound is NULL and lets all through.
    this.eventsIn = db.select().from(eventRows).where(and(
      eq(eventRows.appId, p('appId')),
      sql`json_extract(${eventRows.data}, '$.environment') = ${p('environment')}`,
      sql`(${p('since')} IS NULL OR ${eventRows.startedAt} >= ${p('since')})`,
      sql`(${p('until')} IS NULL OR ${eventRows.startedAt} <= ${p('until')})`,
    )).orderBy(asc(eventRows.id)).prepare();
  }

  /** The statements of every environment request, reads and writes, prepared once. */
  private readonly byId;
  private readonly ofApp;
  private readonly ofApps;
  private readonly named;
  private readonly lastPosition;
  private readonly insertOne;
  private readonly updateOne;
  private readonly deleteOne;
  private readonly processTypes;
  private readonly clearStructure;
  private readonly eventsIn;
  private readonly listing: EnvironmentList;

  /** The environment, if the caller may do `action` to its app (another tenant's: not found). */
  get(p: Principal, id: string, action: Action = 'read'): Staged {
    const environment = this.byId.get({ id });
    if (!environment) throw fail('environment.not_found', { id });
    return hiddenAs('app.not_found', fail('environment.not_found', { id }), () => ({ app: this.profiles.get(p, environment.appId, action).app, environment }));
  }

  /** An environment by id, for the platform's own work (no caller to check). */
  load(id: string): Environment {
    const environment = this.byId.get({ id });
    if (!environment) throw fail('environment.not_found', { id });
    return environment;
  }

  /** The environments of the apps the caller may read, each app's in creation order. */
  list(p: Principal, appIds?: string[]): Staged[] {
    const visible = this.profiles.list(p).filter(({ app }) => !appIds || appIds.includes(app.id));
    const byApp = groupBy(this.ofApps.all({ appIds: jsonList(visible.map(({ app }) => app.id)) }), (e) => e.appId);
    return visible.flatMap(({ app }) => (byApp.get(app.id) ?? []).map((environment) => ({ app, environment })));
  }

  /** The environments the caller may read, filtered, ordered, counted and paged in SQL, with what their list entries show. */
  search(p: Principal, filter: EnvironmentFilter): ListSource<ListedEnvironment> {
    return this.listing.list(p, filter);
  }

  /** An environment the caller already holds, with what a list entry shows of it. */
  listed({ environment }: Staged): ListedEnvironment {
    return this.listing.of(environment.id)!;
  }

  of(app: Pick<App, 'id'>): Environment[] {
    return this.ofApp.all({ appId: app.id });
  }

  /**
   * The events about the environment, which its log (Divio) is made of, oldest first: those started at or
   * after `since` and at or before `until` (ISO timestamps) when given.
   */
  eventsOf({ app, environment }: Staged, bounds: { since?: string; until?: string } = {}): CoreEvent[] {
    return this.eventsIn.all({ appId: app.id, environment: environment.name, since: bounds.since ?? null, until: bounds.until ?? null });
  }

  /** Whether the app may have one more environment under its plan group. */
  canAdd(app: App): boolean {
    const group = this.catalogues.planGroupById(this.profiles.profileOf(app).planGroupId);
    return !group || this.of(app).length < group.maxEnvironments;
  }

  create(p: Principal, appId: string, input: { name: string; branch: string; alternativeDockerfile?: string | null }): Staged {
    const { app } = this.profiles.get(p, appId, 'write');
    const environment = this.insert(app, input);
    this.events.record(appScope(app), 'environment.create', p.username, { app: app.name, environment: environment.name });
    return { app, environment };
  }

  /** A new environment with the source's branch, Dockerfile and variables, under `name`. */
  copy(p: Principal, id: string, name: string): Staged {
    const { app, environment: source } = this.get(p, id, 'write');
    const environment = this.insert(app, { name, branch: source.branch, alternativeDockerfile: source.alternativeDockerfile });
    this.variables.restore(environment.id, this.variables.snapshot(source.id));
    this.events.record(appScope(app), 'environment.copy', p.username, { app: app.name, environment: name, from: source.name });
    return { app, environment };
  }

  update(p: Principal, id: string, changes: { branch?: string; alternativeDockerfile?: string | null }): Staged {
    const { app, environment } = this.get(p, id, 'write');
    if (changes.branch !== undefined && !changes.branch) throw fail('environment.branch_required', {}, 'branch');
    const set = {
      branch: changes.branch ?? environment.branch,
      alternativeDockerfile: changes.alternativeDockerfile === undefined ? environment.alternativeDockerfile : changes.alternativeDockerfile,
      updatedAt: nowIso(this.ctx),
    };
    const updated = this.updateOne.get({ id, ...set })!;
    this.events.record(appScope(app), 'environment.update', p.username, { app: app.name, environment: environment.name, branch: set.branch });
    return { app, environment: updated };
  }

  /** Destroys an environment; the primary one (live) lives as long as its app. */
  destroy(p: Principal, id: string): void {
    const { app, environment } = this.get(p, id, 'manage');
    if (environment.isPrimary) throw fail('environment.primary', { name: environment.name });
    this.deleteOne.run({ id });
    this.events.record(appScope(app), 'environment.destroy', p.username, { app: app.name, environment: environment.name });
  }

  /** Stops every process of the environment; its next deployment starts it afresh, as a first one does. */
  stop(p: Principal, id: string): void {
    const { app, environment } = this.get(p, id, 'write');
    const types = this.processTypes.all({ id });
    if (types.length) {
      this.processes.scaleApp(inEnvironment(app, environment), p.username, Object.fromEntries(types.map(({ type }) => [type, 0])));
      this.clearStructure.run({ id });
    }
    this.events.record(appScope(app), 'environment.stop', p.username, { app: app.name, environment: environment.name });
  }

  private insert(app: App, input: { name: string; branch: string; alternativeDockerfile?: string | null }): Environment {
    if (!input.name) throw fail('environment.name_required', {}, 'name');
    if (input.name.length > STAGE_NAME_MAX || !STAGE_NAME.test(input.name)) throw fail('environment.name_invalid', { name: input.name }, 'name');
    if (!input.branch) throw fail('environment.branch_required', {}, 'branch');
    if (this.named.get({ appId: app.id, name: input.name })) {
      throw fail('environment.name_taken', { name: input.name });
    }
    if (!this.canAdd(app)) throw fail('environment.limit');
    const now = nowIso(this.ctx);
    const position = (this.lastPosition.get({ appId: app.id })?.n ?? -1) + 1;
    const environment = this.insertOne.get({
      id: this.ctx.ids.uuid(), appId: app.id, name: input.name, branch: input.branch, position,
      alternativeDockerfile: input.alternativeDockerfile ?? null, now,
    })!;
    this.releases.initial(app, environment.id, app.ownerName || 'platform');
    return environment;
  }
}
