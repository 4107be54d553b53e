// Board time in microseconds, and blocking delays.

import { delay_us, time_us } from "./bindings";

export namespace time {
  /** Microseconds since boot. */
  export function us(): i64 { return time_us(); }
  /** Milliseconds since boot. */
  export function ms(): i64 { return time_us() / 1000; }
}

/** Blocks for `us` microseconds. Keep it short: events wait meanwhile. */
export function delayUs(us: i64): void { delay_us(us); }

/** Blocks for `ms` milliseconds. */
export function delayMs(ms: i64): void { delay_us(ms * 1000); }
