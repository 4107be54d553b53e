// Things in a room that a board switches — a heater relay, a purifier fan, a
// lamp — as a level from 0 (off) to 1 (full). A test may set the level; a
// coupling follows a board's output through its pin trace (level changes and
// PWM duty changes), with no polling.

import type { Board } from "../board/board.js";
import type { TraceEntry } from "../trace/pin-trace.js";
import { SailError } from "../errors.js";
import { checkFraction } from "./daily.js";

/** The board output(s) that drive an actuator. */
export interface OutputRef {
  readonly board: Board;
  /** One pin, or several whose levels add up (a lamp with warm and cold white channels). */
  readonly gpio: number | readonly number[];
  /** The load is on when the pin is low (many relay modules); a PWM duty d then gives 1 − d. */
  readonly activeLow?: boolean;
}

export class Actuator {
  #level = 0;
  #listeners: ((level: number, tUs: number) => void)[] = [];

  /** `now` gives the time a test's `set` takes effect at. */
  constructor(
    readonly name: string,
    private readonly now: () => number,
  ) {}

  /** How much of its full output the device gives now, 0..1. */
  get level(): number {
    return this.#level;
  }

  /** Sets the level (0..1), from `tUs` (default now). */
  set(level: number, tUs: number = this.now()): void {
    checkFraction(`${this.name} level`, level);
    if (level === this.#level) return;
    this.#level = level;
    for (const l of this.#listeners) l(level, tUs);
  }

  /** Calls `listener` with every change of level and its time. */
  onChange(listener: (level: number, tUs: number) => void): void {
    this.#listeners.push(listener);
  }

  /**
   * Couples the level to a board's output: a pin at 1 is full on, a PWM
   * duty d is level d; several pins add up (capped at 1). Takes the output's
   * present state at once, then follows the board's trace.
   */
  follow(ref: OutputRef): this {
    const gpios = typeof ref.gpio === "number" ? [ref.gpio] : [...ref.gpio];
    if (gpios.length === 0)
      throw new SailError(`${this.name}: give at least one GPIO to follow on ${ref.board.profile.id}`);
    for (const g of gpios) {
      if (!ref.board.gpio.has(g)) {
        throw new SailError(
          `${this.name}: GPIO ${g} does not exist on ${ref.board.profile.id}; pick an output pin of the board profile`,
        );
      }
    }
    const activeLow = ref.activeLow ?? false;
    const shares = new Map<number, number>(gpios.map((g) => [g, present(ref.board, g, activeLow)]));
    const apply = (tUs: number): void => {
      let sum = 0;
      for (const s of shares.values()) sum += s;
      this.set(Math.min(1, sum), tUs);
    };
    ref.board.trace.onEntry((e: TraceEntry) => {
      if (!shares.has(e.gpio) || e.kind === "leds") return;
      const on = e.kind === "level" ? e.level : e.dutyFraction;
      shares.set(e.gpio, activeLow ? 1 - on : on);
      apply(e.timeUs);
    });
    apply(this.now());
    return this;
  }
}

/** The output's level now: its PWM duty if a channel drives it, else its logic level. */
function present(board: Board, gpio: number, activeLow: boolean): number {
  const pwm = board.pwm.onPin(gpio);
  const on = pwm !== null ? pwm.dutyFraction : board.gpio.level(gpio);
  return activeLow ? 1 - on : on;
}
