import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { events } from '../../store/schema-timeline';
import { logLines } from '../../store/schema';
import { LIMIT, OFFSET, type ListSource } from '../../store/paginate';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { App, LogLine, Principal } from '../model';
import { asStoredJson, slot } from './placeholders';
import { EventQueries } from './eventQueries';

export type CoreEvent = typeof events.$inferSelect;
export type EventListener = (event: CoreEvent) => void;

/**
 * One step of a running event's progress as data (a code and its parameters, e.g. `{code: "upload",
 * params: {files: 2}}`), kept in order in the event's `data.steps`: each dialect words the steps its way.
 */
export interface EventStep {
  code: string;
  params: Record<string, unknown>;
}

/** The steps an event recorded, oldest first (none for an event that only has a text log). */
export const stepsOf = (event: CoreEvent): EventStep[] => (Array.isArray(event.data.steps) ? event.data.steps as EventStep[] : []);

/** Where an event happened: its tenant, and the cluster and app when there are. */
export interface EventScope {
  tenantId: string;
  clusterId?: string | null;
  appId?: string | null;
}

/** What an event is about, in Tsuru's terms: `{type: "app", value: "myapp"}`. */
export interface EventTarget { type: string; value: string }

export interface EventStart {
  kind: string;
  /** A username, or "platform" for what the emulator does by itself (an internal owner). */
  owner: string;
  /** Derived from the scope and data when absent (see `targetOf`). */
  target?: EventTarget;
  data?: Record<string, unknown>;
  cancelable?: boolean;
}

/** The filters Tsuru's `/1.1/events` and Divio's activities need; every one is optional. */
export interface EventFilter {
  /** Only these events. */
  ids?: number[];
  /** Only events of these tenants (what the reader may see); an empty list matches nothing. */
  tenantIds?: string[];
  /** Only events of the apps this caller may read, by the access policy. */
  appsReadableBy?: Principal;
  /** The same, less archived apps (Divio's): an archived application's activities are gone for everyone. */
  liveAppsReadableBy?: Principal;
  /** Events of an app only when this caller may read it (or it is gone); events of no app pass. */
  readableBy?: Principal;
  appId?: string;
  target?: Partial<EventTarget>;
  /** Exact kinds, e.g. ["app.create"]; `kindPrefix` matches a family ("node."). */
  kinds?: string[];
  kindPrefix?: string;
  owner?: string;
  ownerType?: 'user' | 'internal';
  running?: boolean;
  errorOnly?: boolean;
  /** Started at or after `since` and at or before `until` (ISO timestamps). */
  since?: string;
  until?: string;
  /** Default: newest first. */
  order?: 'newest' | 'oldest';
  limit?: number;
  skip?: number;
}

export const DEFAULT_EVENT_RETENTION = 10_000;
/** How many events a tenant may gain between prunings: the retention bound is `retention + PRUNE_SLACK`. */
const PRUNE_SLACK = 100;
const PLATFORM = 'platform';

/**
 * The one event log, and the apps' platform logs. An event is either recorded whole (`record`) or
 * started now and finished later (`start`, `appendSteps`, `finish`: a deploy). An event's `log` holds
 * text that older versions wrote; steps are data each dialect words. Events are written in the
 * caller's transaction and handed to listeners (webhook deliveries) only once it commits, when they end.
 * Ids come from a sequence that reset and restore never turn back. Each tenant keeps at most
 * `settings.eventRetention` finished events (plus a small slack, so pruning runs once per many writes).
 */
export class EventService {
  private readonly listeners = new Set<EventListener>();
  /** Events written per tenant since its last pruning, in this process. */
  private readonly sincePrune = new Map<string, number>();

  /** Every write records an event and most log a line; running events change as they go: all prepared once. */
  private readonly insertEvent;
  private readonly insertLogLine;
  private readonly byId;
  private readonly writeData;
  private readonly end;
  private readonly newestLines;
  private readonly oldestKept;
  private readonly prune;
  private readonly queries: EventQueries;

  constructor(private readonly ctx: CoreContext) {
    this.queries = new EventQueries(ctx.store.db);
    const p = sql.placeholder;
    this.insertEvent = ctx.store.db.insert(events).values({
      tenantId: p('tenantId'), clusterId: p('clusterId'), appId: p('appId'), kind: p('kind'),
      targetType: p('targetType'), targetValue: p('targetValue'), owner: p('owner'), ownerType: p('ownerType'),
      startedAt: p('startedAt'), endedAt: p('endedAt'), running: p('running'), cancelable: p('cancelable'), data: p('data'),
    }).prepare();
    this.insertLogLine = ctx.store.db.insert(logLines).values({
      appId: p('appId'), source: p('source'), message: p('message'), createdAt: p('createdAt'),
    }).prepare();
    const db = ctx.store.db;
    const byId = eq(events.id, p('id'));
    this.byId = db.select().from(events).where(byId).prepare();
    this.writeData = db.update(events).set({ data: slot('data') }).where(byId).prepare();
    this.end = db.update(events).set({ running: false, endedAt: slot('endedAt'), error: slot('error'), data: slot('data') }).where(byId).returning().prepare();
    // LIMIT and OFFSET as paginate's expressions: bound bare, SQLite would plan with their values and prepare again on every run.
    this.newestLines = db.select().from(logLines).where(eq(logLines.appId, p('appId'))).orderBy(desc(logLines.id)).limit(LIMIT).prepare();
    this.oldestKept = db.select({ id: events.id }).from(events).where(eq(events.tenantId, p('tenantId'))).orderBy(desc(events.id))
      .limit(LIMIT).offset(OFFSET).prepare();
    this.prune = db.delete(events).where(and(eq(events.tenantId, p('tenantId')), lt(events.id, p('id')), eq(events.running, false))).prepare();
  }

  /** An event that happened now and is already over. */
  record(scope: EventScope, kind: string, owner: string, data: Record<string, unknown>, target?: EventTarget): CoreEvent {
    const event = this.insert(scope, { kind, owner, data, target }, false);
    this.notify(event);
    return event;
  }

  /** An event that runs from now until `finish` (a deploy, a build): listeners hear of it when it ends. */
  start(scope: EventScope, start: EventStart): CoreEvent {
    return this.insert(scope, start, true);
  }

  /** Adds steps to a running event's progress, as they happen. */
  appendSteps(id: number, ...steps: EventStep[]): void {
    const running = this.get(id);
    if (!running.running) throw fail('event.not_running', { id });
    this.writeData.run({ id, data: { ...running.data, steps: [...stepsOf(running), ...steps] } });
  }

  /** Ends a running event, failed when `error` is given; `data` is merged into what it had. */
  finish(id: number, outcome: { error?: string; data?: Record<string, unknown> } = {}): CoreEvent {
    const running = this.get(id);
    if (!running.running) throw fail('event.not_running', { id });
    const event = this.end.get({ id, endedAt: nowIso(this.ctx), error: outcome.error ?? null, data: { ...running.data, ...outcome.data } })!;
    this.notify(event);
    return event;
  }

  get(id: number): CoreEvent {
    const event = Number.isSafeInteger(id) ? this.byId.get({ id }) : undefined;
    if (!event) throw fail('event.not_found', { id });
    return event;
  }

  /** The events `filter` selects; without a limit, all of them (SQLite's LIMIT -1). */
  list(filter: EventFilter = {}): CoreEvent[] {
    const { statements, values } = this.queries.for(filter);
    return statements.rows.all({ ...values, limit: filter.limit ?? -1, offset: filter.skip ?? 0 });
  }

  /** The events `filter` selects (its limit and skip aside) as a list counted and sliced in SQL. */
  source(filter: EventFilter = {}): ListSource<CoreEvent> {
    const { statements, values } = this.queries.for(filter);
    return {
      count: () => statements.count.get(values)?.n ?? 0,
      page: ({ limit, offset }) => statements.rows.all({ ...values, limit, offset }),
      all: () => statements.rows.all({ ...values, limit: -1, offset: 0 }),
    };
  }

  /** Listeners hear of each event once it has ended and its transaction has committed. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends a line to the app's log, as the platform's own component `source` (e.g. "api"). */
  log(app: Pick<App, 'id'>, source: string, message: string): void {
    this.insertLogLine.run({ appId: app.id, source, message, createdAt: nowIso(this.ctx) });
  }

  /** The latest `lines` lines of the app's log (default `settings.logLines`), oldest first. */
  tail(app: Pick<App, 'id'>, lines = this.ctx.settings.logLines): LogLine[] {
    return this.newestLines.all({ appId: app.id, limit: lines }).reverse();
  }

  private insert(scope: EventScope, start: EventStart, running: boolean): CoreEvent {
    const now = nowIso(this.ctx);
    const data = start.data ?? {};
    const target = start.target ?? targetOf(scope, data);
    const row = {
      tenantId: scope.tenantId, clusterId: scope.clusterId ?? null, appId: scope.appId ?? null,
      kind: start.kind, targetType: target.type, targetValue: target.value,
      owner: start.owner, ownerType: start.owner === PLATFORM ? 'internal' as const : 'user' as const,
      startedAt: now, endedAt: running ? null : now, running, cancelable: start.cancelable ?? false, data,
    };
    const id = Number(this.insertEvent.run(row).lastInsertRowid);
    const event: CoreEvent = { id, ...row, error: null, log: '', data: asStoredJson(data) };
    this.pruneNowAndThen(scope.tenantId);
    return event;
  }

  private notify(event: CoreEvent): void {
    this.ctx.store.afterCommit(() => {
      for (const listener of this.listeners) listener(event);
    });
  }

  /** Drops a tenant's oldest finished events beyond the retention, once per PRUNE_SLACK of its writes. */
  private pruneNowAndThen(tenantId: string): void {
    const count = (this.sincePrune.get(tenantId) ?? 0) + 1;
    const slack = Math.min(PRUNE_SLACK, Math.max(1, this.ctx.settings.eventRetention));
    if (count < slack) {
      this.sincePrune.set(tenantId, count);
      return;
    }
    this.sincePrune.set(tenantId, 0);
    const oldestKept = this.oldestKept.get({ tenantId, limit: 1, offset: this.ctx.settings.eventRetention - 1 });
    if (oldestKept) this.prune.run({ tenantId, id: oldestKept.id });
  }
}

/**
 * What an event is about when its caller does not say: the app (by name) for app events, else the
 * cluster, else the tenant.
 */
function targetOf(scope: EventScope, data: Record<string, unknown>): EventTarget {
  if (scope.appId || typeof data.app === 'string') return { type: 'app', value: String(data.app ?? scope.appId) };
  if (scope.clusterId) return { type: 'cluster', value: scope.clusterId };
  return { type: 'tenant', value: scope.tenantId };
}

/** The scope of an event about an app. */
export const appScope = (app: Pick<App, 'tenantId' | 'clusterId' | 'id'>): EventScope =>
  ({ tenantId: app.tenantId, clusterId: app.clusterId, appId: app.id });
