import { and, asc, count, desc, eq, exists, inArray, or, sql } from 'drizzle-orm';
import { appGrants, apps, clusters, environments } from '../../store/schema';
import { LIMIT, OFFSET, bind, type ListSource, type PreparedList } from '../../store/paginate';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { CoreError, alreadyExists, invalid } from '../errors';
import { DEFAULT_ENVIRONMENT, type App, type Principal } from '../model';
import type { AppAccess } from './access';
import { appScope, type EventService } from './events';
import type { ReleaseService } from './releases';

const APP_NAME = /^[a-z0-9-]+$/;
const APP_NAME_MAX = 64;

/** Apps: naming, uniqueness, placement and lifetime. */
export class AppService {
  /** The app list of a superuser (every app) and of anyone else (owned or granted), prepared once. */
  private readonly everyApp: PreparedList<App>;
  private readonly visibleApps: PreparedList<App>;

  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AppAccess,
    private readonly releases: ReleaseService,
    private readonly events: EventService,
  ) {
    this.everyApp = this.prepareList(undefined);
    const userId = sql.placeholder('userId');
    this.visibleApps = this.prepareList(or(
      eq(apps.ownerId, userId),
      exists(this.db.select().from(appGrants).where(and(eq(appGrants.appId, apps.id), eq(appGrants.userId, userId)))),
    ));
  }

  /**
   * Counts and picks the page's ids from `apps` alone, through the index on (created_at, name), then
   * joins owner and environment for those rows only: with the joins in one query SQLite scanned every
   * environment and sorted 100 000 rows for each page. Every app has its owner and its default
   * environment, so the joins never change which apps are listed.
   */
  private prepareList(visible: ReturnType<typeof or>): PreparedList<App> {
    const oldestFirst = [asc(apps.createdAt), asc(apps.name)];
    const pageIds = this.db.select({ id: apps.id }).from(apps).where(visible).orderBy(...oldestFirst).limit(LIMIT).offset(OFFSET);
    return {
      count: this.db.select({ n: count() }).from(apps).where(visible).prepare(),
      page: this.access.selectApps().where(inArray(apps.id, pageIds)).orderBy(...oldestFirst).prepare(),
      all: this.access.selectApps().where(visible).orderBy(...oldestFirst).prepare(),
    };
  }

  private get db() { return this.ctx.store.db; }

  /**
   * Creates an app owned by the caller, in the caller's tenant and its default cluster (or the given
   * one), with its default environment and initial release (v1: empty config, no build).
   */
  create(principal: Principal, input: { name?: string; clusterId?: string }): App {
    return this.ctx.store.tx(() => {
      const app = this.insert(principal, input);
      this.events.record(appScope(app), 'app.create', principal.username, { app: app.name });
      return app;
    });
  }

  /** `create` without the event, for operations that create an app as one step of their own. */
  insert(principal: Principal, input: { name?: string; clusterId?: string }): App {
    const name = input.name ?? this.freeName();
    validateAppName(name);
    if (this.access.load(name)) throw alreadyExists('App with this Id already exists.', 'name');
    const cluster = this.db.select().from(clusters)
      .where(input.clusterId ? and(eq(clusters.tenantId, principal.tenantId), eq(clusters.id, input.clusterId)) : eq(clusters.tenantId, principal.tenantId))
      .orderBy(desc(clusters.isDefault), asc(clusters.createdAt)).get();
    if (!cluster) throw new CoreError('conflict', 'the tenant has no cluster to place apps in');
    const now = nowIso(this.ctx);
    const id = this.ctx.ids.uuid();
    this.db.insert(apps).values({
      id, name, tenantId: principal.tenantId, clusterId: cluster.id, ownerId: principal.id, createdAt: now, updatedAt: now,
    }).run();
    this.db.insert(environments).values({
      id: this.ctx.ids.uuid(), appId: id, name: DEFAULT_ENVIRONMENT, structure: {}, createdAt: now, updatedAt: now,
    }).run();
    const app = this.access.load(name)!;
    this.releases.initial(app, principal.username);
    return app;
  }

  get(principal: Principal, name: string): App {
    return this.access.get(principal, name);
  }

  /** Every app the caller may use, oldest first: superusers see all, others what they own or were granted. */
  list(principal: Principal): ListSource<App> {
    return principal.isSuperuser ? bind(this.everyApp) : bind(this.visibleApps, { userId: principal.id });
  }

  /** Destroys the app and everything it owns; only its owner or a superuser may. */
  destroy(principal: Principal, name: string): void {
    this.ctx.store.tx(() => {
      this.remove(this.access.getAsOwner(principal, name), principal.username);
    });
  }

  /** Deletes an app the caller is already authorized for, with everything it owns. */
  remove(app: App, actor: string): void {
    this.db.delete(apps).where(eq(apps.id, app.id)).run();
    this.events.record({ tenantId: app.tenantId, clusterId: app.clusterId }, 'app.destroy', actor, { app: app.name, appId: app.id });
  }

  private freeName(): string {
    for (let attempt = 0; attempt < 100; attempt++) {
      const name = this.ctx.ids.appName();
      if (!this.access.load(name)) return name;
    }
    throw new CoreError('conflict', 'could not find a free app name; give one');
  }
}

function validateAppName(name: string): void {
  if (!name) throw invalid('This field is required.', 'name');
  if (name.length > APP_NAME_MAX) {
    throw invalid(`Ensure this value has at most ${APP_NAME_MAX} characters (it has ${name.length}).`, 'name');
  }
  if (!APP_NAME.test(name)) throw invalid('App IDs can only contain [a-z0-9-]', 'name');
}
