import { and, eq, ne, sql } from 'drizzle-orm';
import { processes as processRows } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { App, Principal } from '../model';
import type { AccessPolicy } from './access';
import { appScope, type EventService } from './events';
import type { ProcessService } from './processes';
import { buildById, latestRelease } from './records';
import { slot } from './placeholders';

/** The one-off runs' process type, never a unit of the app. */
const RUN_TYPE = 'run';
export type UnitAction = 'start' | 'stop' | 'restart';
const STATE: Record<UnitAction, string> = { start: 'up', stop: 'stopped', restart: 'up' };

/**
 * Units as Tsuru counts them: added and removed by a delta per process (the process may be left out
 * when the app has only one), and started, stopped or restarted per process or all at once.
 */
export class UnitService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly processes: ProcessService,
    private readonly events: EventService,
  ) {
    const p = sql.placeholder;
    const ofEnvironment = eq(processRows.environmentId, p('environmentId'));
    // (`processRows` is the table: `processes` is the service here.) A null release keeps each unit's own: only a restart moves units onto the latest one.
    const update = () => ctx.store.db.update(processRows)
      .set({ state: slot('state'), updatedAt: slot('now'), releaseId: sql`COALESCE(${p('releaseId')}, ${processRows.releaseId})` });
    this.actOnType = update().where(and(ofEnvironment, eq(processRows.type, p('type')))).prepare();
    this.actOnAll = update().where(and(ofEnvironment, ne(processRows.type, RUN_TYPE))).prepare();
  }

  /** The statements of a unit action, for one process type or all of them, prepared once. */
  private readonly actOnType;
  private readonly actOnAll;

  private get db() { return this.ctx.store.db; }

  /** Changes a process' unit count by `delta` (negative removes); returns the process and its new count. */
  change(p: Principal, appName: string, process: string | undefined, delta: number): { process: string; units: number } {
    return this.ctx.store.tx(() => {
      if (!Number.isInteger(delta) || delta === 0) throw fail('process.units_invalid', {}, 'units');
      const app = this.access.app(p, appName, 'write');
      const type = this.processOf(app, process);
      const units = (app.structure[type] ?? 0) + delta;
      if (units < 0) throw fail('process.count_invalid', { type }, 'units');
      this.processes.scaleApp(app, p.username, { [type]: units });
      this.events.record(appScope(app), delta > 0 ? 'app.update.unit.add' : 'app.update.unit.remove', p.username,
        { app: app.name, process: type, units: Math.abs(delta) });
      return { process: type, units };
    });
  }

  /**
   * Starts, stops or restarts the units of one process, or of all; returns how many were touched. A
   * restart also moves them onto the latest release, which a change made without restart left waiting.
   */
  act(p: Principal, appName: string, process: string | undefined, action: UnitAction): number {
    return this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'write');
      if (process) this.processOf(app, process);
      const releaseId = action === 'restart' ? latestRelease(this.db, app.environmentId).id : null;
      const values = { environmentId: app.environmentId, type: process, state: STATE[action], now: nowIso(this.ctx), releaseId };
      const touched = (process ? this.actOnType : this.actOnAll).run(values).changes;
      this.events.log(app, 'tsuru', `${p.username} ${action === 'stop' ? 'stopped' : `${action}ed`} ${process ? `process ${process}` : 'every process'}`);
      this.events.record(appScope(app), `app.${action}`, p.username, { app: app.name, process: process ?? '' });
      return touched;
    });
  }

  /** The process type meant: the given one, which must exist, else `web`, else the app's only one (tsuru's web process rule). */
  private processOf(app: App, process: string | undefined): string {
    const build = buildById(this.db, latestRelease(this.db, app.environmentId).buildId);
    if (!build) throw fail('build.missing');
    const types = Object.keys(build.procfile);
    if (process) {
      if (!types.includes(process) && process !== 'cmd') throw fail('process.type_unknown', { type: process }, 'process');
      return process;
    }
    if (types.includes('web')) return 'web';
    if (types.length === 1) return types[0];
    throw fail('process.type_required', {}, 'process');
  }
}
