import { and, asc, eq, isNull, lte, min, sql } from 'drizzle-orm';
import { timedWork } from '../../store/schema-timeline';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { slot } from './placeholders';
import { jsonList } from './rowGroups';

export type TimedWork = typeof timedWork.$inferSelect;

/**
 * Settles one piece of work, inside its own transaction: whatever it writes (a node running again, a
 * deployment done, an event finished) commits together, or not at all if it throws.
 */
export type WorkHandler = (work: TimedWork) => void;

/** How many rounds one `settleDue` runs at most: work scheduled by a handler for "now" settles in the next round. */
const MAX_ROUNDS = 100;

/**
 * The one registry of work that finishes later, on the core clock: node provisioning today,
 * deployments, builds and backups next. Work is a row (kind, target, when it settles, payload), so it
 * survives a restart with a database file and moves with snapshots; services register a handler per
 * kind, and the lifecycle ticker calls `settleDue` when the clock says so.
 */
export class TimedWorkService {
  private readonly handlers = new Map<string, WorkHandler>();
  private readonly scheduledListeners = new Set<() => void>();

  constructor(private readonly ctx: CoreContext) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    const pendingOn = and(eq(timedWork.target, p('target')), isNull(timedWork.error));
    // Work this emulator knows how to settle: the handlers' kinds, bound as one JSON list (a newer version's kinds wait for it).
    const runnable = and(isNull(timedWork.error), sql`${timedWork.kind} IN (SELECT value FROM json_each(${p('kinds')}))`);
    const soonestFirst = [asc(timedWork.settlesAt), asc(timedWork.id)];
    this.insertOne = db.insert(timedWork).values({
      kind: slot('kind'), target: slot('target'), payload: slot('payload'), settlesAt: slot('settlesAt'), createdAt: slot('now'),
    }).returning().prepare();
    this.cancelOn = db.delete(timedWork).where(and(pendingOn, sql`(${p('kind')} IS NULL OR ${timedWork.kind} = ${p('kind')})`)).prepare();
    this.pendingOn = db.select().from(timedWork).where(pendingOn).orderBy(...soonestFirst).prepare();
    this.nextSettles = db.select({ at: min(timedWork.settlesAt) }).from(timedWork).where(runnable).prepare();
    this.dueBy = db.select().from(timedWork).where(and(runnable, lte(timedWork.settlesAt, p('now')))).orderBy(...soonestFirst).prepare();
    this.take = db.delete(timedWork).where(eq(timedWork.id, p('id'))).prepare();
    this.markFailed = db.update(timedWork).set({ error: slot('error') }).where(eq(timedWork.id, p('id'))).prepare();
  }

  /** Every statement of the registry, prepared once: deployments, deploys and nodes schedule on requests. */
  private readonly insertOne;
  private readonly cancelOn;
  private readonly pendingOn;
  private readonly nextSettles;
  private readonly dueBy;
  private readonly take;
  private readonly markFailed;

  /** Registers what settles work of `kind`; one handler per kind. */
  register(kind: string, handler: WorkHandler): void {
    if (this.handlers.has(kind)) throw new Error(`timed work kind ${kind} already has a handler`);
    this.handlers.set(kind, handler);
  }

  /** Work that settles `afterMs` from now by the core clock; part of the caller's transaction. */
  schedule(kind: string, target: string, afterMs: number, payload: Record<string, unknown> = {}): TimedWork {
    if (!this.handlers.has(kind)) throw new Error(`no handler for timed work kind ${kind}`);
    const now = this.ctx.clock.now();
    const work = this.insertOne.get({
      kind, target, payload, settlesAt: new Date(now.getTime() + Math.max(0, afterMs)).toISOString(), now: now.toISOString(),
    })!;
    this.ctx.store.afterCommit(() => {
      for (const listener of this.scheduledListeners) listener();
    });
    return work;
  }

  /** Drops the pending work on `target` (only of `kind`, when given); returns how many were dropped. */
  cancel(target: string, kind?: string): number {
    return this.cancelOn.run({ target, kind: kind || null }).changes;
  }

  /** The work still to settle on `target`, soonest first. */
  pending(target: string): TimedWork[] {
    return this.pendingOn.all({ target });
  }

  /**
   * Settles every piece of work that is due by the clock, oldest first, each in its own transaction.
   * A handler that throws rolls back its own changes and leaves its row with the error (no longer
   * pending), so one bad piece of work neither blocks the others nor comes back forever.
   */
  settleDue(): number {
    let settled = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const due = this.due();
      if (!due.length) break;
      for (const work of due) {
        if (this.settle(work)) settled++;
      }
    }
    return settled;
  }

  /** When the next piece of work is due, if any is pending. */
  nextDue(): Date | undefined {
    const row = this.nextSettles.get({ kinds: this.kinds() });
    return row?.at ? new Date(row.at) : undefined;
  }

  /** Calls `listener` after each commit that scheduled work, so a timer can be set for it. */
  onScheduled(listener: () => void): () => void {
    this.scheduledListeners.add(listener);
    return () => this.scheduledListeners.delete(listener);
  }

  private due(): TimedWork[] {
    return this.dueBy.all({ kinds: this.kinds(), now: nowIso(this.ctx) });
  }

  private kinds(): string {
    return jsonList(this.handlers.keys());
  }

  private settle(work: TimedWork): boolean {
    try {
      this.ctx.store.savepoint(() => {
        // Deleted first: a cancel from inside the handler, or a second settle, finds nothing to do.
        if (!this.take.run({ id: work.id }).changes) return;
        this.handlers.get(work.kind)!(work);
      });
      return true;
    } catch (error) {
      this.markFailed.run({ id: work.id, error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }
}
