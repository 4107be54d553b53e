// Time for `sail dev`: virtual time paced to the wall clock at ×1, ×10 or
// ×100, or as fast as the host runs it, paused and stepped from the page.
// Pacing re-bases on every change of speed, so the virtual clock never jumps.

import type { VirtualClock } from "../time/clock.js";

const TICK_MS = 10;
/** At "max", virtual time advances in slices of this much, yielding to the socket every MAX_SLICE_MS of wall time. */
const MAX_CHUNK_US = 100_000;
const MAX_SLICE_MS = 20;

export type Speed = 1 | 10 | 100 | "max";

export class TimeControl {
  #speed: Speed = 1;
  #paused = false;
  #wallBase = 0;
  #virtualBase = 0;
  #timer: NodeJS.Timeout | null = null;
  #busy = false;

  /** `afterAdvance` runs after each advance (the state feed reads the board then). */
  constructor(
    readonly clock: VirtualClock,
    readonly afterAdvance: () => void,
  ) {}

  get speed(): Speed {
    return this.#speed;
  }

  get paused(): boolean {
    return this.#paused;
  }

  start(): void {
    this.#rebase();
    this.#timer ??= setInterval(() => this.#tick(), TICK_MS);
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  setSpeed(speed: Speed): void {
    this.#speed = speed;
    this.#rebase();
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.#rebase();
  }

  /** Advances `us` of virtual time at once (paused or not). */
  step(us: number): void {
    this.#advance(us);
    this.#rebase();
  }

  #rebase(): void {
    this.#wallBase = performance.now();
    this.#virtualBase = this.clock.now;
  }

  #tick(): void {
    if (this.#paused || this.#busy) return;
    if (this.#speed === "max") {
      const until = performance.now() + MAX_SLICE_MS;
      while (performance.now() < until) this.#advance(MAX_CHUNK_US);
      return;
    }
    const target = this.#virtualBase + Math.floor((performance.now() - this.#wallBase) * 1000 * this.#speed);
    if (target > this.clock.now) this.#advance(target - this.clock.now);
  }

  #advance(us: number): void {
    this.#busy = true;
    try {
      this.clock.advance(us);
    } finally {
      this.#busy = false;
    }
    this.afterAdvance();
  }
}
