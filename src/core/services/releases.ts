import { and, desc, eq, sql } from 'drizzle-orm';
import { builds, releases } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { App, Build, Principal, Release, VariableChange, VariableSet, VariableSnapshot } from '../model';
import type { AccessPolicy } from './access';
import { buildById, findLatestRelease, latestRelease } from './records';
import { appScope, type EventService } from './events';
import type { ProcessService } from './processes';
import { summarizeRelease } from './releaseSummary';
import type { VariableService } from './variables';

export interface NewBuild {
  image: string;
  sha?: string;
  dockerfile?: string;
  procfile?: Record<string, string>;
}

/**
 * Builds and the numbered releases that pair a build with the variables it runs with. Every change of
 * variables and every build makes a new release (version n+1) and deploys it; a rollback makes a new
 * release that copies an old one's build and variables.
 */
export class ReleaseService {
  /** The reads of release and build requests, prepared once. */
  private readonly byVersion;
  private readonly releasesOf;
  private readonly buildsOf;
  private readonly buildOf;
  /** Every build and every change of variables writes these: prepared once. */
  private readonly insertReleaseRow;
  private readonly insertBuildRow;

  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly variables: VariableService,
    private readonly processes: ProcessService,
    private readonly events: EventService,
  ) {
    const p = sql.placeholder;
    this.byVersion = ctx.store.db.select().from(releases)
      .where(and(eq(releases.environmentId, p('environmentId')), eq(releases.version, p('version')))).prepare();
    this.releasesOf = ctx.store.db.select().from(releases).where(eq(releases.environmentId, p('environmentId'))).orderBy(desc(releases.version)).prepare();
    const buildsOfEnvironment = eq(builds.environmentId, p('environmentId'));
    this.buildsOf = ctx.store.db.select().from(builds).where(buildsOfEnvironment).orderBy(desc(builds.createdAt), desc(sql`rowid`)).prepare();
    this.buildOf = ctx.store.db.select().from(builds).where(and(buildsOfEnvironment, eq(builds.id, p('id')))).prepare();
    this.insertReleaseRow = ctx.store.db.insert(releases).values({
      id: p('id'), environmentId: p('environmentId'), version: p('version'), createdBy: p('createdBy'), buildId: p('buildId'),
      configId: p('configId'), configCreatedAt: p('configCreatedAt'), configCreatedBy: p('configCreatedBy'), variables: p('variables'),
      summary: p('summary'), createdAt: p('createdAt'), updatedAt: p('updatedAt'),
    }).prepare();
    this.insertBuildRow = ctx.store.db.insert(builds).values({
      id: p('id'), environmentId: p('environmentId'), createdBy: p('createdBy'), image: p('image'), sha: p('sha'),
      dockerfile: p('dockerfile'), procfile: p('procfile'), createdAt: p('createdAt'), updatedAt: p('updatedAt'),
    }).returning().prepare();
  }

  private get db() { return this.ctx.store.db; }

  /** Release v1 of a new environment: no variables and no build. */
  initial(app: App, environmentId: string, actor: string): Release {
    return this.insertRelease(app, environmentId, actor, undefined, { build: null, variables: [], variablesChangedBy: actor });
  }

  list(p: Principal, appName: string): Release[] {
    const app = this.access.app(p, appName);
    return this.releasesOf.all({ environmentId: app.environmentId });
  }

  get(p: Principal, appName: string, version: number): Release {
    const app = this.access.app(p, appName);
    const release = this.byVersion.get({ environmentId: app.environmentId, version });
    if (!release) throw fail('release.not_found', { version }, 'version');
    return release;
  }

  /** The app's variables now, named as its latest release names them. */
  currentVariables(p: Principal, appName: string): VariableSet {
    const app = this.access.app(p, appName);
    const latest = latestRelease(this.db, app.environmentId);
    return {
      id: latest.configId, environmentId: app.environmentId, createdBy: latest.configCreatedBy, createdAt: latest.configCreatedAt,
      variables: this.variables.snapshot(app.environmentId),
    };
  }

  setVariables(p: Principal, appName: string, changes: VariableChange[]): { variables: VariableSet; release: Release } {
    return this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'write');
      const release = this.deploy(app, p.username, { variables: changes });
      this.events.record(appScope(app), 'config.set', p.username, { app: app.name, version: release.version });
      return { variables: releaseVariables(release), release };
    });
  }

  createBuild(p: Principal, appName: string, input: NewBuild): { build: Build; release: Release } {
    return this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'write');
      const release = this.deploy(app, p.username, { build: input });
      this.events.record(appScope(app), 'build.create', p.username, { app: app.name, version: release.version });
      return { build: buildById(this.db, release.buildId)!, release };
    });
  }

  /**
   * One new release of an app's primary environment (already authorized): optionally a new build,
   * optionally variable changes (from `variableSource`, default the user's), deployed to its processes
   * unless `restart` is false (Tsuru's NoRestart: the processes keep their release until restarted).
   * The caller records the event.
   */
  deploy(app: App, actor: string, input: { build?: NewBuild; variables?: VariableChange[]; variableSource?: string; restart?: boolean }): Release {
    const latest = latestRelease(this.db, app.environmentId);
    const build = input.build ? this.insertBuild(app, actor, input.build) : buildById(this.db, latest.buildId);
    if (input.variables) this.variables.apply(app.environmentId, input.variables, input.variableSource);
    return this.insertRelease(app, app.environmentId, actor, latest, {
      build, variables: input.variables ? this.variables.snapshot(app.environmentId) : latest.variables,
      variablesChangedBy: input.variables ? actor : undefined, restart: input.restart,
    });
  }

  listBuilds(p: Principal, appName: string): Build[] {
    const app = this.access.app(p, appName);
    return this.buildsOf.all({ environmentId: app.environmentId });
  }

  getBuild(p: Principal, appName: string, id: string): Build {
    const app = this.access.app(p, appName);
    const build = this.buildOf.get({ environmentId: app.environmentId, id });
    if (!build) throw fail('build.not_found', { id }, 'uuid');
    return build;
  }

  /** A new release copying version `version`'s build and variables (default: the one before the latest). */
  rollback(p: Principal, appName: string, version?: number): Release {
    return this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'write');
      const target = version ?? latestRelease(this.db, app.environmentId).version - 1;
      const old = this.byVersion.get({ environmentId: app.environmentId, version: target });
      if (!old) throw fail('release.not_found', { version: target }, 'version');
      this.variables.restore(app.environmentId, old.variables);
      const release = this.insertRelease(app, app.environmentId, p.username, findLatestRelease(this.db, app.environmentId), {
        build: buildById(this.db, old.buildId), variables: old.variables, variablesFrom: old,
        summary: `${p.username} rolled back to v${target}`,
      });
      this.events.record(appScope(app), 'release.rollback', p.username, { app: app.name, version: release.version, from: target });
      return release;
    });
  }

  private insertBuild(app: App, actor: string, input: NewBuild): Build {
    if (!input.image) throw fail('build.image_required', {}, 'image');
    const now = nowIso(this.ctx);
    return this.insertBuildRow.get({
      id: this.ctx.ids.uuid(), environmentId: app.environmentId, createdBy: actor,
      image: input.image, sha: input.sha ?? '', dockerfile: input.dockerfile ?? '', procfile: input.procfile ?? {},
      createdAt: now, updatedAt: now,
    })!;
  }

  /**
   * Writes the release after `previous` (the latest, which the caller has read already), logs its summary,
   * and deploys it to the processes. Its variables keep the previous release's name unless they changed
   * now (a new set) or come from an older release (its set).
   */
  private insertRelease(app: App, environmentId: string, actor: string, previous: Release | undefined, next: {
    build: Build | null; variables: VariableSnapshot[]; variablesChangedBy?: string; variablesFrom?: Release; summary?: string; restart?: boolean;
  }): Release {
    const version = previous ? previous.version + 1 : 1;
    const now = nowIso(this.ctx);
    const set = next.variablesFrom
      ?? (next.variablesChangedBy || !previous ? { configId: this.ctx.ids.uuid(), configCreatedAt: now, configCreatedBy: next.variablesChangedBy ?? actor } : previous);
    const summary = next.summary ?? summarizeRelease({
      version, actor, build: next.build, variables: next.variables, variablesChangedBy: next.variablesChangedBy,
      previous: previous ? { build: buildById(this.db, previous.buildId), variables: previous.variables } : undefined,
    });
    const row = {
      id: this.ctx.ids.uuid(), environmentId, version, createdBy: actor, buildId: next.build?.id ?? null,
      configId: set.configId, configCreatedAt: set.configCreatedAt, configCreatedBy: set.configCreatedBy, variables: next.variables,
      summary, createdAt: now, updatedAt: now,
    };
    this.insertReleaseRow.run(row);
    // Its variables are as stored already: each snapshot is read from the store (the variables, or a release's).
    const release: Release = row;
    this.events.log(app, 'api', summary);
    if (version > 1 && next.restart !== false) this.processes.deploy(app, release, next.build);
    return release;
  }
}

/** The variables a release was made with, named as it names them. */
export const releaseVariables = (r: Release): VariableSet => ({
  id: r.configId, environmentId: r.environmentId, createdBy: r.configCreatedBy, createdAt: r.configCreatedAt, variables: r.variables,
});
