import type { Core } from '../core/core';
import type { Webhook } from '../core/model';
import type { CoreEvent } from '../core/services/events';
import type { DeliveryOutcome } from '../core/services/webhooks';
import type { AdminGuard } from './adminGuard';
import { postJson, type PostResult } from './post';

export interface DispatcherOptions {
  /** Time one attempt may take in all, connection to last byte. */
  timeoutMs: number;
  /** Waits before each retry; their count is the number of retries. */
  retryDelaysMs: number[];
  /** Deliveries waiting at most; past it the oldest waiting one is dropped (and recorded as failed). */
  maxQueue: number;
  /** Bytes of payload waiting or in flight at most; past it the oldest waiting ones are dropped, then the new one. */
  maxQueueBytes: number;
  /** Deliveries in flight at once; one webhook never has more than one, so a slow receiver holds one slot. */
  concurrency: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  timeoutMs: 5000, retryDelaysMs: [250, 1000], maxQueue: 1000, maxQueueBytes: 8 * 1024 * 1024, concurrency: 4,
};

/** Turns a core event into the body one webhook receives, or undefined when it does not concern webhooks. */
export type PayloadRenderer = (event: CoreEvent, webhook: Webhook, core: Core) => { type: string; payload: Record<string, unknown> } | undefined;

/** The renderer of each dialect that has outgoing webhooks, by the dialect's name (a webhook's `dialect`). */
export type PayloadRenderers = Partial<Record<string, PayloadRenderer>>;

/** The body is serialised once, at enqueue: it is what the queue's byte bound counts. */
interface Job { webhook: Webhook; type: string; body: string; bytes: number }

/** Payloads above this size are logged by their size only: the delivery log must not hold megabytes. */
const LOGGED_PAYLOAD_BYTES = 16 * 1024;

/**
 * Real deliveries over HTTP: every committed core event is rendered for each webhook it concerns, by
 * the renderer of the dialect that webhook belongs to, and POSTed as JSON off the request that caused
 * it. Retries are bounded (network errors, 5xx and 429 only), each attempt has a total deadline, the
 * queue is bounded in count and bytes, deliveries to the emulator's own admin API are refused, and
 * every outcome is recorded through the core.
 */
export class WebhookDispatcher {
  private readonly queue: Job[] = [];
  /** Payload bytes of the jobs queued or in flight. */
  private pendingBytes = 0;
  /** Webhooks with a delivery in flight. */
  private readonly busy = new Set<string>();
  /** A pump is due on the next turn of the event loop (deliveries never start inside a request). */
  private pumpScheduled = false;
  private closed = false;
  private readonly abort = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    private readonly core: Core,
    private readonly renderers: PayloadRenderers,
    private readonly options = DEFAULT_DISPATCHER_OPTIONS,
    private readonly guard?: AdminGuard,
  ) {
    this.unsubscribe = core.events.subscribe((event) => this.onEvent(event));
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const timer of this.timers) clearTimeout(timer);
    this.abort.abort();
    this.queue.length = 0;
    this.settleIdle();
  }

  /**
   * Called as the change commits, still inside the request that made it. The payload is rendered here,
   * from the state as this commit left it: a later change must not leak into an earlier event's body.
   * When the event's tenant has no webhook this costs no query (WebhookService caches who has one);
   * only the POSTs wait for later turns of the event loop, so the reply is not held up by them.
   */
  private onEvent(event: CoreEvent): void {
    if (this.closed) return;
    for (const webhook of this.core.webhooks.subscribersOf(event)) {
      let rendered: ReturnType<PayloadRenderer>;
      try {
        rendered = this.renderers[webhook.dialect]?.(event, webhook, this.core);
      } catch (error) {
        // The change has committed: a renderer's bug shows in the delivery log, not as the request's 500.
        const message = `the payload could not be rendered: ${error instanceof Error ? error.message : String(error)}`;
        this.record({ webhook, type: event.kind, body: '{}', bytes: 2 }, { attempts: 0, statusCode: null, responseBody: '', error: message, succeeded: false });
        continue;
      }
      if (!rendered) continue;
      const body = JSON.stringify(rendered.payload);
      this.enqueue({ webhook, type: rendered.type, body, bytes: Buffer.byteLength(body) });
    }
  }

  private isIdle(): boolean {
    return this.busy.size === 0 && this.queue.length === 0;
  }

  private enqueue(job: Job): void {
    const { maxQueue, maxQueueBytes } = this.options;
    while (this.queue.length && (this.queue.length >= maxQueue || this.pendingBytes + job.bytes > maxQueueBytes)) {
      const oldest = this.queue.shift()!;
      this.pendingBytes -= oldest.bytes;
      this.drop(oldest);
    }
    // Still too big: the deliveries in flight hold the rest, or this payload alone exceeds the bound.
    if (this.pendingBytes + job.bytes > maxQueueBytes) {
      this.drop(job);
      return;
    }
    this.pendingBytes += job.bytes;
    this.queue.push(job);
    if (!this.pumpScheduled) {
      this.pumpScheduled = true;
      setImmediate(() => {
        this.pumpScheduled = false;
        this.pump();
      });
    }
  }

  private drop(job: Job): void {
    const { maxQueue, maxQueueBytes } = this.options;
    this.record(job, { attempts: 0, statusCode: null, responseBody: '', succeeded: false,
      error: `dropped: the delivery queue was full (limits ${maxQueue} deliveries, ${maxQueueBytes} bytes; this payload ${job.bytes} bytes)` });
  }

  private pump(): void {
    while (!this.closed && this.busy.size < this.options.concurrency) {
      const index = this.queue.findIndex((j) => !this.busy.has(j.webhook.id));
      if (index < 0) return;
      const [job] = this.queue.splice(index, 1);
      this.busy.add(job.webhook.id);
      this.deliver(job).finally(() => {
        this.busy.delete(job.webhook.id);
        this.pendingBytes -= job.bytes;
        this.pump();
        this.settleIdle();
      });
    }
  }

  private async deliver(job: Job): Promise<void> {
    const url = new URL(job.webhook.url);
    const refusal = this.guard?.refusalFor(url);
    if (refusal) {
      this.record(job, { attempts: 0, statusCode: null, responseBody: '', error: `refused: ${refusal}`, succeeded: false });
      return;
    }
    for (let attempts = 1; ; attempts++) {
      const last = await this.post(url, job);
      if (this.closed) return;
      const succeeded = last.statusCode !== null && last.statusCode >= 200 && last.statusCode < 300;
      const retryable = !last.refused && (last.statusCode === null || last.statusCode >= 500 || last.statusCode === 429);
      const wait = this.options.retryDelaysMs[attempts - 1];
      if (succeeded || !retryable || wait === undefined) {
        const { refused, ...outcome } = last;
        this.record(job, { attempts, ...outcome, error: refused ? `refused: ${outcome.error}` : outcome.error, succeeded });
        return;
      }
      await this.sleep(wait);
      if (this.closed) return;
    }
  }

  private post(url: URL, job: Job): Promise<PostResult> {
    return postJson(url, job.body, {
      deadlineMs: this.options.timeoutMs,
      headers: { 'User-Agent': 'polypaas-webhooks', 'X-Polypaas-Event': job.type },
      lookup: this.guard?.lookupFor(url),
      signal: this.abort.signal,
    });
  }

  private record(job: Job, outcome: Omit<DeliveryOutcome, 'eventType' | 'payload'>): void {
    if (this.closed) return;
    const payload = job.bytes > LOGGED_PAYLOAD_BYTES ? { omitted: `payload of ${job.bytes} bytes, not kept in the log` } : JSON.parse(job.body);
    this.core.webhooks.recordDelivery(job.webhook.id, { eventType: job.type, payload, ...outcome });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private settleIdle(): void {
    if (this.isIdle() || this.closed) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
