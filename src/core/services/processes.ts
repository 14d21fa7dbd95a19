import { and, asc, count, eq, max, ne, sql } from 'drizzle-orm';
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
import { slot } from './placeholders';

/** The process type one-off commands run as; never part of an app's scaled structure. */
const RUN_TYPE = 'run';
const UP = 'up';
/**
 * The default ceiling of one process type's count: every process is a row written synchronously,
 * and at this size scaling and redeploying stay within a few milliseconds of the event loop.
 */
export const DEFAULT_MAX_SCALE = 100;

/** The most processes one type may have in this emulator (its --max-scale). */
export const maxScaleOf = (ctx: CoreContext): number => ctx.settings.maxScale ?? DEFAULT_MAX_SCALE;

/**
 * Running processes: scaling to a structure, replacing processes when a release is deployed, and
 * one-off commands. Processes come up at once (state "up"); there is no scheduler to wait for.
 */
export class ProcessService {
  /** Every statement of a process request, prepared once (scaling runs some for every type it touches). */
  private readonly ofType;
  private readonly countRunning;
  private readonly viewsOfScaled;
  private readonly viewsOfType;
  private readonly scaledOf;
  private readonly restartOne;
  private readonly removeProcess;
  private readonly insertProcess;
  private readonly lastNum;
  private readonly writeStructure;

  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly events: EventService,
  ) {
    const p = sql.placeholder;
    const db = ctx.store.db;
    const sameType = and(eq(processes.environmentId, p('environmentId')), eq(processes.type, p('type')));
    this.ofType = db.select().from(processes).where(sameType).orderBy(asc(processes.num)).prepare();
    this.removeProcess = db.delete(processes).where(eq(processes.id, p('id'))).prepare();
    this.insertProcess = db.insert(processes).values({
      id: p('id'), environmentId: p('environmentId'), releaseId: p('releaseId'), type: p('type'), num: p('num'),
      state: p('state'), createdAt: p('createdAt'), updatedAt: p('updatedAt'),
    }).prepare();
    this.lastNum = db.select({ n: max(processes.num) }).from(processes).where(sameType).prepare();
    this.writeStructure = db.update(environments).set({ structure: sql`${p('structure')}`, updatedAt: sql`${p('updatedAt')}` })
      .where(eq(environments.id, p('id'))).prepare();
    const ofEnvironment = eq(processes.environmentId, p('environmentId'));
    const scaled = and(ofEnvironment, ne(processes.type, RUN_TYPE));
    this.countRunning = db.select({ n: count() }).from(processes).where(scaled).prepare();
    this.scaledOf = db.select().from(processes).where(scaled).prepare();
    const views = () => db.select({ process: processes, releaseVersion: releases.version }).from(processes)
      .innerJoin(releases, eq(processes.releaseId, releases.id));
    const listOrder = [asc(processes.type), asc(processes.num)];
    this.viewsOfScaled = views().where(scaled).orderBy(...listOrder).prepare();
    this.viewsOfType = views().where(and(ofEnvironment, eq(processes.type, p('type')))).orderBy(...listOrder).prepare();
    this.restartOne = db.update(processes).set({ state: UP, updatedAt: slot('now'), releaseId: slot('releaseId') }).where(eq(processes.id, p('id'))).prepare();
  }

  private get db() { return this.ctx.store.db; }

  /** How many processes run in an environment now, one-off runs aside. */
  countIn(environmentId: string): number {
    return this.countRunning.get({ environmentId })?.n ?? 0;
  }

  /** The app's processes by type and number; all but one-off runs unless a type is asked for. */
  list(principal: Principal, appName: string, type?: string): ProcessView[] {
    const app = this.access.app(principal, appName);
    const rows = type === undefined
      ? this.viewsOfScaled.all({ environmentId: app.environmentId })
      : this.viewsOfType.all({ environmentId: app.environmentId, type });
    return rows.map((row) => ({ ...row.process, releaseVersion: row.releaseVersion }));
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
      if (count > maxScaleOf(this.ctx)) throw fail('process.count_too_large', { type, max: maxScaleOf(this.ctx) });
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
    const current = this.scaledOf.all({ environmentId: release.environmentId });
    for (const old of current) {
      this.removeProcess.run({ id: old.id });
      this.insertProcess.run({ ...old, id: this.ctx.ids.uuid(), releaseId: release.id, createdAt: now, updatedAt: now });
    }
    if (Object.keys(app.structure).length === 0) {
      const type = defaultProcessType(build);
      this.scaleType(app, release, type, 1);
      this.saveStructure(app, { [type]: 1 });
    }
    this.access.touch(app);
  }

  /**
   * Restarts the app's processes, all of them or those of one type (and number): each comes back up
   * at once, as of now, on the latest release (which a change made without a restart, Tsuru's
   * NoRestart, left waiting; Tsuru's own restart follows the same rule). One-off runs are never
   * restarted unless their type is asked for.
   */
  restart(principal: Principal, appName: string, which: { type?: string; num?: number } = {}): ProcessView[] {
    return this.ctx.store.tx(() => {
      const app = this.access.app(principal, appName, 'write');
      const now = nowIso(this.ctx);
      const latest = latestRelease(this.db, app.environmentId);
      const chosen = this.list(principal, app.name, which.type).filter((p) => which.num === undefined || p.num === which.num);
      for (const process of chosen) {
        this.restartOne.run({ id: process.id, now, releaseId: latest.id });
      }
      this.events.record(appScope(app), 'app.restart', principal.username, { app: app.name, processes: chosen.map((p) => `${p.type}.${p.num}`) });
      return chosen.map((p) => ({ ...p, state: UP, updatedAt: now, releaseId: latest.id, releaseVersion: latest.version }));
    });
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
      this.insertProcess.run({
        id: this.ctx.ids.uuid(), environmentId: app.environmentId, releaseId: release.id, type: RUN_TYPE, num,
        state: 'exited', createdAt: now, updatedAt: now,
      });
      return simulateCommand(command, variableMap(release.variables, 'env'));
    });
  }

  private scaleType(app: App, release: Release, type: string, count: number): void {
    const existing = this.ofType.all({ environmentId: app.environmentId, type });
    for (const surplus of existing.slice(count)) this.removeProcess.run({ id: surplus.id });
    let num = this.nextNum(app, type);
    const now = nowIso(this.ctx);
    for (let i = existing.length; i < count; i++) {
      this.insertProcess.run({
        id: this.ctx.ids.uuid(), environmentId: app.environmentId, releaseId: release.id, type, num: num++,
        state: UP, createdAt: now, updatedAt: now,
      });
    }
  }

  private nextNum(app: App, type: string): number {
    return (this.lastNum.get({ environmentId: app.environmentId, type })?.n ?? 0) + 1;
  }

  private saveStructure(app: App, structure: Record<string, number>): void {
    this.writeStructure.run({ id: app.environmentId, structure: JSON.stringify(structure), updatedAt: nowIso(this.ctx) });
    app.structure = structure;
  }
}

function defaultProcessType(build: Build): string {
  if (!build.sha) return 'cmd';
  if (Object.keys(build.procfile).length === 0) return build.dockerfile ? 'cmd' : 'web';
  return 'web' in build.procfile ? 'web' : 'cmd';
}
