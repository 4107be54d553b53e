// Timers (like ESP-IDF esp_timer): one-shot or periodic, each calling a
// function. Create them in setup; starting and stopping never allocates.
// Every name carries its unit: `everyMs`/`afterMs` take milliseconds,
// `startOnceUs`/`startPeriodicUs` microseconds.

import { timer_start, timer_stop } from "./bindings";
import { nextTimerId, setTimerCallback, TimerCallback } from "./events";

export class Timer {
  readonly id: i32;

  /** A timer that calls `callback`; it does not run until started. */
  constructor(callback: TimerCallback) {
    const id = nextTimerId();
    if (id < 0) throw new Error("too many timers: a firmware may create 32");
    this.id = id;
    setTimerCallback(id, callback);
  }

  /** Calls `callback` every `periodMs` milliseconds, first after one period. */
  static everyMs(periodMs: i64, callback: TimerCallback): Timer {
    const t = new Timer(callback);
    t.startPeriodicUs(periodMs * 1000);
    return t;
  }

  /** Calls `callback` once after `delayMs` milliseconds. */
  static afterMs(delayMs: i64, callback: TimerCallback): Timer {
    const t = new Timer(callback);
    t.startOnceUs(delayMs * 1000);
    return t;
  }

  /** Fires once after `delayUs` microseconds; restarts it if running. */
  startOnceUs(delayUs: i64): void { timer_start(this.id, delayUs, 0); }

  /** Fires every `periodUs` microseconds, first after one period; restarts it if running. */
  startPeriodicUs(periodUs: i64): void { timer_start(this.id, periodUs, periodUs); }

  // The names before the unit was in them keep working, with the same units and the same
  // code as before (so images built with them do not change).

  /** @deprecated Use `Timer.everyMs` (the same, milliseconds). */
  static every(periodMs: i64, callback: TimerCallback): Timer {
    const t = new Timer(callback);
    t.startPeriodic(periodMs * 1000);
    return t;
  }

  /** @deprecated Use `Timer.afterMs` (the same, milliseconds). */
  static after(delayMs: i64, callback: TimerCallback): Timer {
    const t = new Timer(callback);
    t.startOnce(delayMs * 1000);
    return t;
  }

  /** @deprecated Use `startOnceUs` (the same, microseconds). */
  startOnce(delayUs: i64): void { timer_start(this.id, delayUs, 0); }

  /** @deprecated Use `startPeriodicUs` (the same, microseconds). */
  startPeriodic(periodUs: i64): void { timer_start(this.id, periodUs, periodUs); }

  /** Stops it; false if it was not running. */
  stop(): bool { return timer_stop(this.id) == 0; }
}
