import type { VirtualClock } from "./clock.js";
/** Advances `clock` in step with wall time until `untilUs` (or forever) or until aborted. */
export declare function runPaced(clock: VirtualClock, untilUs: number | null, signal: AbortSignal): Promise<void>;
