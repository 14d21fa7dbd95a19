import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { apps, clusters, environments, memberships, users } from '../../store/schema';
import { LIMIT, OFFSET, bind, type ListSource, type PreparedList } from '../../store/paginate';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import { DEFAULT_ENVIRONMENT, type App, type Principal } from '../model';
import { AccessPolicy } from './access';
import { appScope, type EventService } from './events';
import type { ReleaseService } from './releases';
import { APP_NAME_MAX, ServiceNames } from './serviceNames';
import { slot } from './placeholders';

const APP_NAME = /^[a-z0-9-]+$/;

export interface NewApp {
  name?: string;
  /**
   * Created as a cluster's workload (a MedStack service) under this name, which must be free in the
   * cluster only; the core name is then derived from it, and `name` is ignored.
   */
  serviceName?: string;
  /** Default: the caller's home tenant. */
  tenantId?: string;
  /** Default: the tenant's default cluster. */
  clusterId?: string;
  /** Whose clusters `clusterId` is looked up in (default: the app's tenant); a shared pool is another tenant's. */
  clusterTenantId?: string;
  /** The app's environments in order (default: one, `default`), and which is primary (default: the last). */
  environments?: string[];
  primaryEnvironment?: string;
}

/** Apps: naming, uniqueness, placement, environments and lifetime. */
export class AppService {
  /** Every app the caller may read, oldest first, filtered in SQL by the one access policy; prepared once. */
  private readonly visibleApps: PreparedList<App>;
  private readonly names: ServiceNames;

  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly releases: ReleaseService,
    private readonly events: EventService,
  ) {
    this.visibleApps = this.prepareList();
    this.names = new ServiceNames(ctx.store.db);
    this.creation = this.prepareCreation();
    this.changes = this.prepareChanges();
  }

  /** What creating an app writes, prepared once: every dialect's app creation goes through `insert`. */
  private readonly creation;
  /** What a transfer, a move and a removal run, prepared once. */
  private readonly changes;

  private prepareChanges() {
    const db = this.ctx.store.db;
    const p = sql.placeholder;
    const byId = eq(apps.id, p('id'));
    return {
      memberNamed: db.select({ id: users.id }).from(users)
        .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.tenantId, p('tenantId'))))
        .where(eq(users.username, p('username'))).prepare(),
      owner: db.update(apps).set({ ownerId: slot('ownerId'), updatedAt: slot('now') }).where(byId).prepare(),
      // A null tenant keeps the app's own: a move changes tenant only when it is given.
      place: db.update(apps).set({
        clusterId: slot('clusterId'), tenantId: sql`COALESCE(${p('tenantId')}, ${apps.tenantId})`, serviceName: slot('serviceName'), updatedAt: slot('now'),
      }).where(byId).prepare(),
      remove: db.delete(apps).where(byId).prepare(),
    };
  }

  private prepareCreation() {
    const db = this.ctx.store.db;
    const p = sql.placeholder;
    return {
      // The tenant's default cluster first, or the one asked for (a NULL id asks for none).
      cluster: db.select().from(clusters)
        .where(and(eq(clusters.tenantId, p('tenantId')), sql`(${p('clusterId')} IS NULL OR ${clusters.id} = ${p('clusterId')})`))
        .orderBy(desc(clusters.isDefault), asc(clusters.createdAt)).prepare(),
      app: db.insert(apps).values({
        id: slot('id'), name: slot('name'), serviceName: slot('serviceName'), tenantId: slot('tenantId'), clusterId: slot('clusterId'),
        ownerId: slot('userId'), createdById: slot('userId'), createdAt: slot('now'), updatedAt: slot('now'),
      }).prepare(),
      environment: db.insert(environments).values({
        id: slot('id'), appId: slot('appId'), name: slot('name'), isPrimary: slot('isPrimary'), position: slot('position'), structure: {},
        createdAt: slot('now'), updatedAt: slot('now'),
      }).prepare(),
      branches: db.update(environments).set({ branch: slot('branch') }).where(eq(environments.appId, p('appId'))).prepare(),
    };
  }

  /**
   * Counts and picks the page's ids from `apps` alone, through the index on (created_at, name), then
   * joins owner and environment for those rows only: with the joins in one query SQLite scanned every
   * environment and sorted 100 000 rows for each page. Every app has its primary environment, so the
   * joins never change which apps are listed.
   */
  private prepareList(): PreparedList<App> {
    const visible = AccessPolicy.visibleApps;
    const oldestFirst = [asc(apps.createdAt), asc(apps.name)];
    const pageIds = this.db.select({ id: apps.id }).from(apps).where(visible).orderBy(...oldestFirst).limit(LIMIT).offset(OFFSET);
    return {
      count: { get: (values) => ({ n: this.access.countVisibleApps(values as ReturnType<typeof AccessPolicy.visibilityOf>) }) },
      page: this.access.selectApps().where(inArray(apps.id, pageIds)).orderBy(...oldestFirst).prepare(),
      all: this.access.selectApps().where(visible).orderBy(...oldestFirst).prepare(),
    };
  }

  private get db() { return this.ctx.store.db; }

  /**
   * Creates an app in a tenant of the caller's (any member may), owned by the caller, in the tenant's
   * default cluster or the given one, with its environments, each at release v1 (no variables, no build).
   */
  create(p: Principal, input: NewApp): App {
    return this.ctx.store.tx(() => {
      const app = this.insert(p, input);
      this.events.record(appScope(app), 'app.create', p.username, { app: app.name });
      return app;
    });
  }

  /**
   * `create` without the event, for operations that create an app as one step of their own. An app
   * named by its core name takes the same service name unless its cluster already has it (then a
   * numbered one: refusing would tell a shared pool's other tenants' names); one named as a service
   * is refused only by its cluster, and takes its service name as core name when that is free.
   */
  insert(p: Principal, input: NewApp): App {
    const tenantId = input.tenantId ?? p.homeTenantId;
    this.access.checkTenant(p, tenantId);
    const wantedService = input.serviceName;
    const coreName = wantedService === undefined ? input.name ?? this.freeName() : '';
    if (wantedService === undefined) this.checkNewName(coreName);
    else validateAppName(wantedService);
    const clusterTenantId = input.clusterTenantId ?? tenantId;
    const cluster = this.creation.cluster.get({ tenantId: clusterTenantId, clusterId: input.clusterId || null });
    if (!cluster) throw fail(input.clusterId ? 'cluster.not_found' : 'cluster.none', { id: input.clusterId ?? '' });
    const { name, serviceName } = wantedService === undefined
      ? { name: coreName, serviceName: this.names.freeInCluster(cluster.id, coreName) }
      : this.names.forNewService(wantedService, cluster.id);
    const now = nowIso(this.ctx);
    const id = this.ctx.ids.uuid();
    this.creation.app.run({ id, name, serviceName, tenantId, clusterId: cluster.id, userId: p.userId, now });
    const stages = input.environments ?? [DEFAULT_ENVIRONMENT];
    const primary = input.primaryEnvironment ?? stages[stages.length - 1];
    const environmentIds = stages.map((stage, position) => {
      const environmentId = this.ctx.ids.uuid();
      this.creation.environment.run({ id: environmentId, appId: id, name: stage, isPrimary: stage === primary, position, now });
      return environmentId;
    });
    const app = this.access.load(name)!;
    for (const environmentId of environmentIds) this.releases.initial(app, environmentId, p.username);
    return app;
  }

  /** Refuses a name no new app may take: malformed, or another app's. */
  checkNewName(name: string): void {
    validateAppName(name);
    if (this.access.load(name)) throw fail('app.name_taken', { name }, 'name');
  }

  /** Sets the branch every environment of a new app deploys from. */
  setBranches(appId: string, branch: string): void {
    this.creation.branches.run({ appId, branch });
  }

  get(p: Principal, name: string): App {
    return this.access.app(p, name);
  }

  /** Every app the caller may read, oldest first, filtered in SQL by the one access policy. */
  list(p: Principal): ListSource<App> {
    return bind(this.visibleApps, AccessPolicy.visibilityOf(p));
  }

  /** Destroys the app and everything it owns; only those who may manage it may. */
  destroy(p: Principal, name: string): void {
    this.ctx.store.tx(() => {
      this.remove(this.access.app(p, name, 'manage'), p.username);
    });
  }

  /**
   * Hands the app to another user of its tenant (Deis' apps:transfer); only those who may manage it
   * may. A user outside the app's tenant does not exist for it.
   */
  transfer(p: Principal, name: string, newOwner: string): App {
    return this.ctx.store.tx(() => {
      const app = this.access.app(p, name, 'manage');
      const owner = this.changes.memberNamed.get({ tenantId: app.tenantId, username: newOwner });
      if (!owner) throw fail('user.not_found', { username: newOwner }, 'owner');
      this.changes.owner.run({ id: app.id, ownerId: owner.id, now: nowIso(this.ctx) });
      this.events.record(appScope(app), 'app.transfer', p.username, { app: app.name, owner: newOwner });
      return this.access.load(name)!;
    });
  }

  /**
   * Places an app the caller is already authorized for in another cluster (and tenant): it keeps its
   * service name unless that cluster has it already, and then takes a numbered one, so a move is never
   * refused for, nor tells of, another app's name.
   */
  move(app: App, to: { clusterId: string; tenantId?: string }): void {
    const serviceName = this.names.freeInCluster(to.clusterId, app.serviceName, app.id);
    this.changes.place.run({ id: app.id, clusterId: to.clusterId, tenantId: to.tenantId ?? null, serviceName, now: nowIso(this.ctx) });
  }

  /**
   * Deletes an app the caller is already authorized for, with everything it owns. The event names the
   * service name too where it differs, for those who show the app by it after it is gone (webhooks).
   */
  remove(app: App, actor: string): void {
    this.changes.remove.run({ id: app.id });
    const serviceName = app.serviceName === app.name ? {} : { serviceName: app.serviceName };
    this.events.record({ tenantId: app.tenantId, clusterId: app.clusterId }, 'app.destroy', actor, { app: app.name, appId: app.id, ...serviceName });
  }

  private freeName(): string {
    for (let attempt = 0; attempt < 100; attempt++) {
      const name = this.ctx.ids.appName();
      if (!this.access.load(name)) return name;
    }
    throw fail('app.no_free_name');
  }
}

function validateAppName(name: string): void {
  if (!name) throw fail('app.name_required', {}, 'name');
  if (name.length > APP_NAME_MAX) throw fail('app.name_too_long', { max: APP_NAME_MAX, length: name.length }, 'name');
  if (!APP_NAME.test(name)) throw fail('app.name_invalid', { name }, 'name');
}

