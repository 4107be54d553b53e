// Restart, reset reason, watchdog and random numbers.

import { random_u32, reset_reason, restart, wdt_feed } from "./bindings";
import { Reset } from "./abi";

export { Reset as ResetReason };

export namespace system {
  /** Software reset; does not return. */
  export function restart(): void { restart_(); }
  /** Why the board last reset: ResetReason.POWERON, .SW, .PANIC, .TASK_WDT ... */
  export function resetReason(): i32 { return reset_reason(); }
  /** Feeds the task watchdog; once fed, feed it at least once per timeout. */
  export function feedWatchdog(): void { wdt_feed(); }
  /** 32 random bits from the board's seeded generator. */
  export function random(): u32 { return <u32>random_u32(); }
}

function restart_(): void { restart(); }
