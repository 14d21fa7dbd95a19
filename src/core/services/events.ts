import { desc, eq } from 'drizzle-orm';
import { events, logLines } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import type { App, LogLine } from '../model';

export type CoreEvent = typeof events.$inferSelect;
export type EventListener = (event: CoreEvent) => void;

/** Where an event happened: its tenant, and the cluster and app when there are. */
export interface EventScope {
  tenantId: string;
  clusterId?: string | null;
  appId?: string | null;
}

/**
 * The audit trail and the apps' platform logs. Each event is written in the caller's transaction and
 * handed to listeners (webhook deliveries) only once that transaction commits.
 */
export class EventService {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly ctx: CoreContext) {}

  record(scope: EventScope, kind: string, actor: string, data: Record<string, unknown>): void {
    const event = this.ctx.store.db.insert(events).values({
      tenantId: scope.tenantId, clusterId: scope.clusterId ?? null, appId: scope.appId ?? null,
      kind, actor, data, createdAt: nowIso(this.ctx),
    }).returning().get();
    this.ctx.store.afterCommit(() => {
      for (const listener of this.listeners) listener(event);
    });
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends a line to the app's log, as the platform's own component `source` (e.g. "api"). */
  log(app: Pick<App, 'id'>, source: string, message: string): void {
    this.ctx.store.db.insert(logLines).values({ appId: app.id, source, message, createdAt: nowIso(this.ctx) }).run();
  }

  /** The latest `lines` lines of the app's log (default `settings.logLines`), oldest first. */
  tail(app: Pick<App, 'id'>, lines = this.ctx.settings.logLines): LogLine[] {
    const newest = this.ctx.store.db.select().from(logLines).where(eq(logLines.appId, app.id))
      .orderBy(desc(logLines.id)).limit(lines).all();
    return newest.reverse();
  }
}

/** The scope of an event about an app. */
export const appScope = (app: Pick<App, 'tenantId' | 'clusterId' | 'id'>): EventScope =>
  ({ tenantId: app.tenantId, clusterId: app.clusterId, appId: app.id });
