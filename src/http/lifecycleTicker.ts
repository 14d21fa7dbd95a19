import type { Clock } from '../core/clock';
import type { Core } from '../core/core';

/**
 * The one timer behind every asynchronous lifecycle: it wakes when the next transition is due and
 * lets the core settle whatever is due by its clock. A clock that moves only when told (ManualClock)
 * is followed instead: each jump settles at once, and no real timer runs.
 */
export class LifecycleTicker {
  private timer?: NodeJS.Timeout;
  private readonly stops: (() => void)[] = [];

  constructor(private readonly core: Core, private readonly clock: Clock) {
    if (clock.onAdvance) {
      this.stops.push(clock.onAdvance(() => this.settle()));
    } else {
      this.stops.push(core.events.subscribe((event) => {
        if (event.kind.startsWith('node.')) this.arm();
      }));
      this.arm();
    }
  }

  /** Settles what is due now, and (with a real clock) sets the timer for what comes next. */
  settle(): void {
    this.core.nodes.settleDue();
    if (!this.clock.onAdvance) this.arm();
  }

  close(): void {
    clearTimeout(this.timer);
    for (const stop of this.stops) stop();
  }

  private arm(): void {
    clearTimeout(this.timer);
    const due = this.core.nodes.nextDue();
    if (!due) return;
    this.timer = setTimeout(() => this.settle(), Math.max(0, due.getTime() - this.clock.now().getTime()));
    this.timer.unref();
  }
}
