// The board's record of pin activity: level changes only (a pin set to its
// current level is no edge), and PWM as duty/frequency changes, as a sink of
// the board's change stream (changes.ts). It keeps the newest changes only, as
// numbers (pin-ring.ts); `dropped` says how many older ones it let go.

import { SailError } from "../errors.js";
import { formatSeconds } from "../time/duration.js";
import type { Change, Changes } from "./changes.js";
import { DEFAULT_KEEP, type KeptCount } from "./kept.js";
import { PinRing } from "./pin-ring.js";

export type Level = 0 | 1;

export type TraceEntry =
  | { readonly timeUs: number; readonly kind: "level"; readonly gpio: number; readonly level: Level }
  | {
      readonly timeUs: number;
      readonly kind: "pwm";
      readonly gpio: number;
      readonly dutyFraction: number;
      readonly freqHz: number;
    }
  /** A chain of addressable LEDs on `gpio` latched new colours (0xRRGGBB each, nearest the board first). */
  | { readonly timeUs: number; readonly kind: "leds"; readonly gpio: number; readonly colours: readonly number[] };

export class PinTrace {
  readonly #kept: PinRing;

  constructor(
    readonly changes: Changes,
    capacity: number = DEFAULT_KEEP.pinChanges,
  ) {
    changes.addSink((this.#kept = new PinRing(capacity)));
  }

  /** The newest pin changes, oldest first: at most `capacity` of them. */
  get entries(): readonly TraceEntry[] {
    return this.#kept.entries;
  }

  /** How many changes the trace keeps at most (BoardOptions.keep.pinChanges). */
  get capacity(): number {
    return this.#kept.capacity;
  }

  /** Older changes let go because the trace was full. */
  get dropped(): number {
    return this.#kept.dropped;
  }

  /** Changes kept, dropped and recorded since the board was created. */
  get count(): KeptCount {
    return this.#kept.count;
  }

  /**
   * Changes after this time are all kept: the time of the oldest change kept
   * once some were dropped (others at that same µs may be gone), else 0.
   */
  get completeAfterUs(): number {
    if (this.#kept.dropped === 0) return 0;
    return this.#kept.oldestUs ?? Number.POSITIVE_INFINITY;
  }

  /**
   * Throws when changes after `fromUs` may have been dropped, so `what` (an
   * assertion over a window of the trace) never reads a silently truncated one.
   */
  requireAfter(fromUs: number, what: string): void {
    const complete = this.completeAfterUs;
    if (fromUs >= complete) return;
    const { capacity, dropped } = this.#kept.count;
    const oldest = Number.isFinite(complete) ? `; the oldest kept is at ${formatSeconds(complete)} s` : "";
    throw new SailError(
      `${what} needs the pin changes after ${formatSeconds(fromUs)} s, but the board keeps only the newest ` +
        `${capacity.toLocaleString("en")} (${dropped.toLocaleString("en")} older ones dropped${oldest}): ` +
        `give it more with keep: { pinChanges: n } in the board's or flash()'s options`,
    );
  }

  /** Calls `listener` for every pin change from now on; returns the unsubscribe. */
  onEntry(listener: (e: TraceEntry) => void): () => void {
    return this.changes.subscribe((c) => {
      if (isPinChange(c)) listener(c);
    }, "pins");
  }

  /** Level changes of one pin, optionally only rising (to 1) or falling (to 0). */
  edges(gpio: number, direction: "rising" | "falling" | "any" = "any"): { timeUs: number; level: Level }[] {
    const out: { timeUs: number; level: Level }[] = [];
    for (const e of this.entries) {
      if (e.kind !== "level" || e.gpio !== gpio) continue;
      if (direction === "rising" && e.level !== 1) continue;
      if (direction === "falling" && e.level !== 0) continue;
      out.push({ timeUs: e.timeUs, level: e.level });
    }
    return out;
  }

  /** PWM changes of one pin. */
  pwm(gpio: number): { timeUs: number; dutyFraction: number; freqHz: number }[] {
    const out: { timeUs: number; dutyFraction: number; freqHz: number }[] = [];
    for (const e of this.entries) if (e.kind === "pwm" && e.gpio === gpio) out.push(e);
    return out;
  }

  /** Colour frames the LEDs on one pin latched, oldest first. */
  leds(gpio: number): { timeUs: number; colours: readonly number[] }[] {
    const out: { timeUs: number; colours: readonly number[] }[] = [];
    for (const e of this.entries) if (e.kind === "leds" && e.gpio === gpio) out.push(e);
    return out;
  }

  /** Lets every kept change go (they count as cleared, not dropped). */
  clear(): void {
    this.#kept.clear();
  }
}

export function isPinChange(c: Change): c is TraceEntry {
  return c.kind === "level" || c.kind === "pwm" || c.kind === "leds";
}
