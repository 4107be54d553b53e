// The task watchdog's feed check (docs/decisions.md D26):
// once the firmware subscribes by calling wdt_feed, it must feed at least
// once per timeout, across events, or the board resets with TASK_WDT. One
// event running past the timeout is the Cpu's deadline, not this check.

import { formatDuration } from "../time/duration.js";
import type { VirtualClock } from "../time/clock.js";

export interface WatchdogDeps {
  readonly clock: VirtualClock;
  /** Board time, including the running handler's. */
  readonly now: () => number;
  readonly timeoutUs: number;
  /** The running firmware (a check armed for an earlier boot does nothing). */
  readonly running: () => unknown;
  /** The watchdog bites: reset the board with this message. */
  readonly bite: (message: string) => void;
}

export class TaskWatchdog {
  #lastFeedUs: number | null = null;

  constructor(readonly deps: WatchdogDeps) {}

  /** wdt_feed: the first feed subscribes the firmware. */
  feed(): void {
    const first = this.#lastFeedUs === null;
    this.#lastFeedUs = this.deps.now();
    if (first) this.#armCheck();
  }

  /** Chip reset: the firmware is no longer subscribed. */
  reset(): void {
    this.#lastFeedUs = null;
  }

  #armCheck(): void {
    const { clock, timeoutUs } = this.deps;
    const fw = this.deps.running();
    clock.at((this.#lastFeedUs ?? this.deps.now()) + timeoutUs, () => {
      if (this.deps.running() !== fw || this.#lastFeedUs === null) return;
      if (clock.now - this.#lastFeedUs >= timeoutUs) {
        this.deps.bite(
          `task watchdog: not fed for ${formatDuration(timeoutUs)} (the firmware subscribed by calling wdt_feed)`,
        );
      } else {
        this.#armCheck();
      }
    });
  }
}
