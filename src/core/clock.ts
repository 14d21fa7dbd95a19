/**
 * Every timestamp the core writes comes from one injectable clock, so tests can pin time and, later,
 * asynchronous lifecycles (nodes coming up, deployments finishing) can be advanced deliberately.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move: for repeatable tests. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2014-01-01T00:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
}
