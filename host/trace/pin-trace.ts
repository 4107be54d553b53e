// The board's record of pin activity: level changes only (a pin set to its
// current level is no edge), and PWM as duty/frequency changes, as a
// subscriber of the board's change stream (changes.ts).

import type { Change, Changes } from "./changes.js";

export type Level = 0 | 1;

export type TraceEntry =
  | { readonly timeUs: number; readonly kind: "level"; readonly gpio: number; readonly level: Level }
  | {
      readonly timeUs: number;
      readonly kind: "pwm";
      readonly gpio: number;
      readonly dutyFraction: number;
      readonly freqHz: number;
    };

export class PinTrace {
  readonly entries: TraceEntry[] = [];

  constructor(readonly changes: Changes) {
    const entries = this.entries;
    changes.subscribe((c) => entries.push(c as TraceEntry), "pins"); // the "pins" topic carries TraceEntry only
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

  clear(): void {
    this.entries.length = 0;
  }
}

export function isPinChange(c: Change): c is TraceEntry {
  return c.kind === "level" || c.kind === "pwm";
}
