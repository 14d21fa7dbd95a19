import { and, asc, eq, max, ne } from 'drizzle-orm';
import { environments, processes, releases } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { App, Build, Principal, ProcessView, Release, RunResult } from '../model';
import type { AccessPolicy } from './access';
import { appScope, type EventService } from './events';
import { simulateCommand } from './oneOff';
import { buildById, latestRelease } from './records';
import { variableMap } from './variables';

/** The process type one-off commands run as; never part of an app's scaled structure. */
const RUN_TYPE = 'run';
const UP = 'up';

/**
 * Running processes: scaling to a structure, replacing processes when a release is deployed, and
 * one-off commands. Processes come up at once (state "up"); there is no scheduler to wait for.
 */
export class ProcessService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly events: EventService,
  ) {}

  private get db() { return this.ctx.store.db; }

  /** How many processes run in an environment now, one-off runs aside. */
  countIn(environmentId: string): number {
    return this.db.select({ id: processes.id }).from(processes)
      .where(and(eq(processes.environmentId, environmentId), ne(processes.type, RUN_TYPE))).all().length;
  }

  /** The app's processes by type and number; all but one-off runs unless a type is asked for. */
  list(principal: Principal, appName: string, type?: string): ProcessView[] {
    const app = this.access.app(principal, appName);
    const byType = type === undefined ? ne(processes.type, RUN_TYPE) : eq(processes.type, type);
    return this.db.select({ process: processes, releaseVersion: releases.version }).from(processes)
      .innerJoin(releases, eq(processes.releaseId, releases.id))
      .where(and(eq(processes.environmentId, app.environmentId), byType))
      .orderBy(asc(processes.type), asc(processes.num)).all()
      .map((row) => ({ ...row.process, releaseVersion: row.releaseVersion }));
  }

  /**
   * Scales process types to the given counts. Types must exist in the latest build's procfile
   * ("cmd", the image's own command, always exists); new processes run the latest release.
   */
  scale(principal: Principal, appName: string, structure: Record<string, number>): void {
    this.ctx.store.tx(() => {
      const app = this.access.app(principal, appName, 'write');
      this.scaleApp(app, principal.username, structure);
      this.events.record(appScope(app), 'app.scale', principal.username, { app: app.name, structure });
    });
  }

  /** Scales an app the caller is already authorized for; the caller records the event. */
  scaleApp(app: App, actor: string, structure: Record<string, number>): void {
    const release = latestRelease(this.db, app.environmentId);
    const build = buildById(this.db, release.buildId);
    if (!build) throw fail('build.missing');
    for (const [type, count] of Object.entries(structure)) {
      if (!Number.isInteger(count) || count < 0) throw fail('process.count_invalid', { type });
      if (type !== 'cmd' && !(type in build.procfile)) {
        throw fail('process.type_unknown', { type });
      }
    }
    this.events.log(app, 'api', `${actor} scaled containers ${Object.entries(structure).map(([t, n]) => `${t}=${n}`).join(' ')}`);
    for (const [type, count] of Object.entries(structure)) this.scaleType(app, release, type, count);
    this.saveStructure(app, { ...app.structure, ...structure });
    this.access.touch(app);
  }

  /**
   * Moves the app's processes onto a new release (same types and numbers, new ids). The first build
   * of an app with nothing running gets its default process: "web" for buildpack apps with a web
   * entry, "cmd" for images and Dockerfiles.
   */
  deploy(app: App, release: Release, build: Build | null): void {
    if (!build) return;
    const now = nowIso(this.ctx);
    const current = this.db.select().from(processes)
      .where(and(eq(processes.environmentId, release.environmentId), ne(processes.type, RUN_TYPE))).all();
    for (const old of current) {
      this.db.delete(processes).where(eq(processes.id, old.id)).run();
      this.db.insert(processes).values({ ...old, id: this.ctx.ids.uuid(), releaseId: release.id, createdAt: now, updatedAt: now }).run();
    }
    if (Object.keys(app.structure).length === 0) {
      const type = defaultProcessType(build);
      this.scaleType(app, release, type, 1);
      this.saveStructure(app, { [type]: 1 });
    }
    this.access.touch(app);
  }

  /** Runs a one-off command in a new "run" process of the latest release and returns its result. */
  run(principal: Principal, appName: string, command: string): RunResult {
    return this.ctx.store.tx(() => {
      const app = this.access.app(principal, appName, 'write');
      const release = latestRelease(this.db, app.environmentId);
      if (!buildById(this.db, release.buildId)) throw fail('build.missing_for_run');
      this.events.log(app, 'api', `${principal.username} runs '${command}'`);
      const num = this.nextNum(app, RUN_TYPE);
      const now = nowIso(this.ctx);
      this.db.insert(processes).values({
        id: this.ctx.ids.uuid(), environmentId: app.environmentId, releaseId: release.id, type: RUN_TYPE, num,
        state: 'exited', createdAt: now, updatedAt: now,
      }).run();
      return simulateCommand(command, variableMap(release.variables, 'env'));
    });
  }

  private scaleType(app: App, release: Release, type: string, count: number): void {
    const existing = this.db.select().from(processes)
      .where(and(eq(processes.environmentId, app.environmentId), eq(processes.type, type)))
      .orderBy(asc(processes.num)).all();
    for (const surplus of existing.slice(count)) this.db.delete(processes).where(eq(processes.id, surplus.id)).run();
    let num = this.nextNum(app, type);
    const now = nowIso(this.ctx);
    for (let i = existing.length; i < count; i++) {
      this.db.insert(processes).values({
        id: this.ctx.ids.uuid(), environmentId: app.environmentId, releaseId: release.id, type, num: num++,
        state: UP, createdAt: now, updatedAt: now,
      }).run();
    }
  }

  private nextNum(app: App, type: string): number {
    const row = this.db.select({ n: max(processes.num) }).from(processes)
      .where(and(eq(processes.environmentId, app.environmentId), eq(processes.type, type))).get();
    return (row?.n ?? 0) + 1;
  }

  private saveStructure(app: App, structure: Record<string, number>): void {
    this.db.update(environments).set({ structure, updatedAt: nowIso(this.ctx) })
      .where(eq(environments.id, app.environmentId)).run();
    app.structure = structure;
  }
}

function defaultProcessType(build: Build): string {
  if (!build.sha) return 'cmd';
  if (Object.keys(build.procfile).length === 0) return build.dockerfile ? 'cmd' : 'web';
  return 'web' in build.procfile ? 'web' : 'cmd';
}
