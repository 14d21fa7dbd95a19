import { desc, eq } from 'drizzle-orm';
import { events, logLines } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import type { App, LogLine } from '../model';

/** The audit trail and the apps' platform logs. Callers are already inside a transaction. */
export class EventService {
  constructor(private readonly ctx: CoreContext) {}

  record(tenantId: string, appId: string | null, kind: string, actor: string, data: Record<string, unknown>): void {
    this.ctx.store.db.insert(events).values({ tenantId, appId, kind, actor, data, createdAt: nowIso(this.ctx) }).run();
  }

  /** Appends a line to the app's log, as the platform's own component `source` (e.g. "api"). */
  log(app: Pick<App, 'id'>, source: string, message: string): void {
    this.ctx.store.db.insert(logLines).values({ appId: app.id, source, message, createdAt: nowIso(this.ctx) }).run();
  }

  /** The latest `settings.logLines` lines of the app's log, oldest first. */
  tail(app: Pick<App, 'id'>): LogLine[] {
    const newest = this.ctx.store.db.select().from(logLines).where(eq(logLines.appId, app.id))
      .orderBy(desc(logLines.id)).limit(this.ctx.settings.logLines).all();
    return newest.reverse();
  }
}
