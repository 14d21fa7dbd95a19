import { and, desc, eq, sql } from 'drizzle-orm';
import { builds, configs, releases } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { invalid, notFound } from '../errors';
import type { App, Build, Config, ConfigChanges, Principal, Release } from '../model';
import type { AppAccess } from './access';
import { mergeConfig } from './configRules';
import { buildById, configById, findLatestRelease, latestRelease } from './records';
import { appScope, type EventService } from './events';
import type { ProcessService } from './processes';
import { summarizeRelease } from './releaseSummary';

export interface NewBuild {
  image: string;
  sha?: string;
  dockerfile?: string;
  procfile?: Record<string, string>;
}

const EMPTY_MAPS = { values: {}, memory: {}, cpu: {}, tags: {} };

/**
 * Builds, config snapshots and the numbered releases that pair them. Every config change and every
 * build makes a new release (version n+1) and deploys it; a rollback makes a new release that copies
 * an old one's build and config.
 */
export class ReleaseService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AppAccess,
    private readonly processes: ProcessService,
    private readonly events: EventService,
  ) {}

  private get db() { return this.ctx.store.db; }

  /** Release v1 of a new app: an empty config and no build. */
  initial(app: App, actor: string): Release {
    const config = this.insertConfig(app, actor, EMPTY_MAPS);
    return this.insertRelease(app, actor, { build: null, config });
  }

  list(principal: Principal, appName: string): Release[] {
    const app = this.access.get(principal, appName);
    return this.db.select().from(releases).where(eq(releases.environmentId, app.environmentId))
      .orderBy(desc(releases.version)).all();
  }

  get(principal: Principal, appName: string, version: number): Release {
    const app = this.access.get(principal, appName);
    const release = this.db.select().from(releases)
      .where(and(eq(releases.environmentId, app.environmentId), eq(releases.version, version))).get();
    if (!release) throw notFound('release', 'version');
    return release;
  }

  /** The config of the app's latest release. */
  currentConfig(principal: Principal, appName: string): Config {
    const app = this.access.get(principal, appName);
    return configById(this.db, latestRelease(this.db, app.environmentId).configId);
  }

  setConfig(principal: Principal, appName: string, changes: ConfigChanges): { config: Config; release: Release } {
    return this.ctx.store.tx(() => {
      const app = this.access.get(principal, appName);
      const { config, release } = this.deploy(app, principal.username, { config: changes });
      this.events.record(appScope(app), 'config.set', principal.username, { app: app.name, version: release.version });
      return { config, release };
    });
  }

  createBuild(principal: Principal, appName: string, input: NewBuild): { build: Build; release: Release } {
    return this.ctx.store.tx(() => {
      const app = this.access.get(principal, appName);
      const { build, release } = this.deploy(app, principal.username, { build: input });
      this.events.record(appScope(app), 'build.create', principal.username, { app: app.name, version: release.version });
      return { build: build!, release };
    });
  }

  /**
   * One new release of an app (already authorized): optionally a new build, optionally config changes
   * merged into the latest config, deployed to its processes. The caller records the event.
   */
  deploy(app: App, actor: string, input: { build?: NewBuild; config?: ConfigChanges }): { build: Build | null; config: Config; release: Release } {
    const latest = latestRelease(this.db, app.environmentId);
    const build = input.build ? this.insertBuild(app, actor, input.build) : buildById(this.db, latest.buildId);
    const current = configById(this.db, latest.configId);
    const config = input.config ? this.insertConfig(app, actor, mergeConfig(current, input.config)) : current;
    return { build, config, release: this.insertRelease(app, actor, { build, config }) };
  }

  listBuilds(principal: Principal, appName: string): Build[] {
    const app = this.access.get(principal, appName);
    return this.db.select().from(builds).where(eq(builds.environmentId, app.environmentId))
      .orderBy(desc(builds.createdAt), desc(sql`rowid`)).all();
  }

  getBuild(principal: Principal, appName: string, id: string): Build {
    const app = this.access.get(principal, appName);
    const build = this.db.select().from(builds)
      .where(and(eq(builds.environmentId, app.environmentId), eq(builds.id, id))).get();
    if (!build) throw notFound('build', 'uuid');
    return build;
  }

  /** A new release copying version `version`'s build and config (default: the one before the latest). */
  rollback(principal: Principal, appName: string, version?: number): Release {
    return this.ctx.store.tx(() => {
      const app = this.access.get(principal, appName);
      const target = version ?? latestRelease(this.db, app.environmentId).version - 1;
      const old = this.db.select().from(releases)
        .where(and(eq(releases.environmentId, app.environmentId), eq(releases.version, target))).get();
      if (!old) throw notFound('release', 'version');
      const release = this.insertRelease(app, principal.username, {
        build: buildById(this.db, old.buildId), config: configById(this.db, old.configId),
        summary: `${principal.username} rolled back to v${target}`,
      });
      this.events.record(appScope(app), 'release.rollback', principal.username, { app: app.name, version: release.version, from: target });
      return release;
    });
  }

  private insertBuild(app: App, actor: string, input: NewBuild): Build {
    if (!input.image) throw invalid('This field is required.', 'image');
    const now = nowIso(this.ctx);
    return this.db.insert(builds).values({
      id: this.ctx.ids.uuid(), environmentId: app.environmentId, createdBy: actor,
      image: input.image, sha: input.sha ?? '', dockerfile: input.dockerfile ?? '', procfile: input.procfile ?? {},
      createdAt: now, updatedAt: now,
    }).returning().get();
  }

  private insertConfig(app: App, actor: string, maps: Pick<Config, 'values' | 'memory' | 'cpu' | 'tags'>): Config {
    const now = nowIso(this.ctx);
    return this.db.insert(configs).values({
      id: this.ctx.ids.uuid(), environmentId: app.environmentId, createdBy: actor, ...maps, createdAt: now, updatedAt: now,
    }).returning().get();
  }

  /** Writes release n+1, logs its summary, and deploys it to the app's processes. */
  private insertRelease(app: App, actor: string, next: { build: Build | null; config: Config; summary?: string }): Release {
    const previous = findLatestRelease(this.db, app.environmentId);
    const version = previous ? previous.version + 1 : 1;
    const summary = next.summary ?? summarizeRelease({
      version, actor, build: next.build, config: next.config,
      previous: previous ? { build: buildById(this.db, previous.buildId), config: configById(this.db, previous.configId) } : undefined,
    });
    const now = nowIso(this.ctx);
    const release = this.db.insert(releases).values({
      id: this.ctx.ids.uuid(), environmentId: app.environmentId, version, createdBy: actor,
      buildId: next.build?.id ?? null, configId: next.config.id, summary, createdAt: now, updatedAt: now,
    }).returning().get();
    this.events.log(app, 'api', summary);
    if (version > 1) this.processes.deploy(app, release, next.build);
    return release;
  }
}
