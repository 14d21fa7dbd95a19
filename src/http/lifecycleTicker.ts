import type { Clock } from '../core/clock';
import type { Core } from '../core/core';

/** Node's timers overflow past this (about 24.8 days) and would fire at once; a longer wait re-arms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The one timer behind all timed work (core.timedWork): it wakes when the next piece is due and lets
 * the core settle whatever is due by its clock. A clock that moves only when told (ManualClock) is
 * followed instead: each jump settles at once, and no real timer runs. Work left pending in a database
 * file is picked up on start: what fell due while the emulator was down settles at once.
 */
export class LifecycleTicker {
  private timer?: NodeJS.Timeout;
  private readonly stops: (() => void)[] = [];

  constructor(private readonly core: Core, private readonly clock: Clock) {
    if (clock.onAdvance) {
      this.stops.push(clock.onAdvance(() => this.settle()));
    } else {
      this.stops.push(core.timedWork.onScheduled(() => this.arm()));
    }
    this.settle();
  }

  /** Settles what is due now, and (with a real clock) sets the timer for what comes next. */
  settle(): void {
    this.core.timedWork.settleDue();
    if (!this.clock.onAdvance) this.arm();
  }

  close(): void {
    clearTimeout(this.timer);
    for (const stop of this.stops) stop();
  }

  private arm(): void {
    clearTimeout(this.timer);
    const due = this.core.timedWork.nextDue();
    if (!due) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, due.getTime() - this.clock.now().getTime()));
    this.timer = setTimeout(() => this.settle(), wait);
    this.timer.unref();
  }
}
