/**
 * Every timestamp the core writes comes from one injectable clock, so tests can pin time and, later,
 * asynchronous lifecycles (nodes coming up, deployments finishing) can be advanced deliberately.
 */
export interface Clock {
  now(): Date;
  /**
   * For a clock that does not move by itself: calls `listener` after each jump, so whatever waits on
   * time (asynchronous lifecycles) can catch up at once. Returns the unsubscribe function.
   */
  onAdvance?(listener: () => void): () => void;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move: for repeatable tests. */
export class ManualClock implements Clock {
  private current: number;
  private readonly listeners = new Set<() => void>();
  constructor(start: Date | string = '2014-01-01T00:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
    this.notify();
  }
  set(to: Date | string): void {
    this.current = new Date(to).getTime();
    this.notify();
  }
  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
