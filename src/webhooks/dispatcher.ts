import http from 'node:http';
import https from 'node:https';
import type { Core } from '../core/core';
import type { Webhook } from '../core/model';
import type { CoreEvent } from '../core/services/events';
import type { DeliveryOutcome } from '../core/services/webhooks';

export interface DispatcherOptions {
  /** Time one attempt may take, connection to last byte. */
  timeoutMs: number;
  /** Waits before each retry; their count is the number of retries. */
  retryDelaysMs: number[];
  /** Deliveries waiting at most; past it the oldest waiting one is dropped (and recorded as failed). */
  maxQueue: number;
  /** Deliveries in flight at once. */
  concurrency: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = { timeoutMs: 5000, retryDelaysMs: [250, 1000], maxQueue: 1000, concurrency: 4 };

/** Turns a core event into the body one webhook receives, or undefined when it does not concern webhooks. */
export type PayloadRenderer = (event: CoreEvent, webhook: Webhook, core: Core) => { type: string; payload: Record<string, unknown> } | undefined;

/** The renderer of each dialect that has outgoing webhooks, by the dialect's name (a webhook's `dialect`). */
export type PayloadRenderers = Partial<Record<string, PayloadRenderer>>;

interface Job { webhook: Webhook; type: string; payload: Record<string, unknown> }

const RESPONSE_KEPT = 2048;

/**
 * Real deliveries over HTTP: every committed core event is rendered for each webhook it concerns, by
 * the renderer of the dialect that webhook belongs to, and POSTed as JSON off the request that caused it. Retries are bounded (network errors, 5xx and 429
 * only), the queue is bounded, and every outcome is recorded through the core.
 */
export class WebhookDispatcher {
  private readonly queue: Job[] = [];
  private active = 0;
  /** A pump is due on the next turn of the event loop (deliveries never start inside a request). */
  private pumpScheduled = false;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly requests = new Set<http.ClientRequest>();
  private idleWaiters: (() => void)[] = [];
  private readonly unsubscribe: () => void;

  constructor(private readonly core: Core, private readonly renderers: PayloadRenderers, private readonly options = DEFAULT_DISPATCHER_OPTIONS) {
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
    for (const request of this.requests) request.destroy();
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
        this.record({ webhook, type: event.kind, payload: {} }, { attempts: 0, statusCode: null, responseBody: '', error: message, succeeded: false });
        continue;
      }
      if (rendered) this.enqueue({ webhook, ...rendered });
    }
  }

  private isIdle(): boolean {
    return this.active === 0 && this.queue.length === 0;
  }

  private enqueue(job: Job): void {
    if (this.queue.length >= this.options.maxQueue) {
      const dropped = this.queue.shift()!;
      this.record(dropped, { attempts: 0, statusCode: null, responseBody: '', error: 'dropped: the delivery queue was full', succeeded: false });
    }
    this.queue.push(job);
    if (!this.pumpScheduled) {
      this.pumpScheduled = true;
      setImmediate(() => {
        this.pumpScheduled = false;
        this.pump();
      });
    }
  }

  private pump(): void {
    while (!this.closed && this.active < this.options.concurrency && this.queue.length) {
      const job = this.queue.shift()!;
      this.active++;
      this.deliver(job).finally(() => {
        this.active--;
        this.pump();
        this.settleIdle();
      });
    }
  }

  private async deliver(job: Job): Promise<void> {
    const body = JSON.stringify(job.payload);
    let attempts = 0;
    let last: { statusCode: number | null; responseBody: string; error: string | null } = { statusCode: null, responseBody: '', error: null };
    for (;;) {
      attempts++;
      last = await this.post(job.webhook.url, body, job.type);
      if (this.closed) return;
      const succeeded = last.statusCode !== null && last.statusCode >= 200 && last.statusCode < 300;
      const retryable = last.statusCode === null || last.statusCode >= 500 || last.statusCode === 429;
      const wait = this.options.retryDelaysMs[attempts - 1];
      if (succeeded || !retryable || wait === undefined) {
        this.record(job, { attempts, ...last, succeeded });
        return;
      }
      await this.sleep(wait);
      if (this.closed) return;
    }
  }

  private post(url: string, body: string, type: string): Promise<{ statusCode: number | null; responseBody: string; error: string | null }> {
    return new Promise((resolve) => {
      const target = new URL(url);
      const transport = target.protocol === 'https:' ? https : http;
      const request = transport.request(target, {
        method: 'POST',
        timeout: this.options.timeoutMs,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'User-Agent': 'polypaas-webhooks', 'X-Polypaas-Event': type },
      }, (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept < RESPONSE_KEPT) chunks.push(chunk);
          kept += chunk.length;
        });
        response.on('end', () => {
          this.requests.delete(request);
          resolve({ statusCode: response.statusCode ?? null, responseBody: Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_KEPT), error: null });
        });
        response.on('error', (error) => finish(error.message));
      });
      const finish = (error: string) => {
        this.requests.delete(request);
        resolve({ statusCode: null, responseBody: '', error });
      };
      this.requests.add(request);
      request.on('timeout', () => request.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)));
      request.on('error', (error) => finish(error.message));
      request.end(body);
    });
  }

  private record(job: Job, outcome: Omit<DeliveryOutcome, 'eventType' | 'payload'>): void {
    if (this.closed) return;
    this.core.webhooks.recordDelivery(job.webhook.id, { eventType: job.type, payload: job.payload, ...outcome });
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
