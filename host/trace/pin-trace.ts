// The board's record of pin activity: level changes only (a pin set to its
// current level is no edge), and PWM as duty/frequency changes.

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
  #listeners: ((e: TraceEntry) => void)[] = [];

  onEntry(listener: (e: TraceEntry) => void): void {
    this.#listeners.push(listener);
  }

  record(e: TraceEntry): void {
    this.entries.push(e);
    for (const l of this.#listeners) l(e);
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
