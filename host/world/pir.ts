// A passive infrared motion module on a board's input pin
// (docs/reference/boards-and-parts.md §8): AM312 — idle low, high on motion, held 2 s after the last motion
// (retriggerable), then low and blind for 2 s; HC-SR501 — hold set by its
// trimmer (≈3 s minimum), blind ≈2.5 s, retrigger jumper H by default.

import type { Board } from "../board/board.js";
import { SailError } from "../errors.js";
import type { Alarm } from "../time/clock.js";
import { toMicros, type Duration } from "../time/duration.js";

export interface PirOptions {
  /** How long the output stays high after the last motion it saw. Default "2s" (AM312). */
  readonly hold?: Duration;
  /** How long it ignores motion after its output falls. Default "2s" (AM312). */
  readonly block?: Duration;
  /** Whether motion while high extends the hold (HC-SR501 jumper H, AM312). Default true. */
  readonly retrigger?: boolean;
}

export const AM312: PirOptions = { hold: "2s", block: "2s", retrigger: true };
export const HC_SR501: PirOptions = { hold: "3s", block: "2.5s", retrigger: true };

/** How often someone moving in the room is seen as a new motion, for motionFor(). */
const MOVING_EVERY_US = 1_000_000;

export class PirSensor {
  readonly holdUs: number;
  readonly blockUs: number;
  readonly retrigger: boolean;
  #high = false;
  #blindUntilUs = 0;
  #fall: Alarm | null = null;
  /** Rising edges the module has given, for tests. */
  triggers = 0;

  constructor(
    readonly board: Board,
    readonly gpio: number,
    options: PirOptions = AM312,
  ) {
    if (!board.gpio.has(gpio))
      throw new SailError(
        `PIR: GPIO ${gpio} does not exist on ${board.profile.id}; wire the module's output to an input pin`,
      );
    this.holdUs = toMicros(options.hold ?? "2s");
    this.blockUs = toMicros(options.block ?? "2s");
    this.retrigger = options.retrigger ?? true;
    if (this.holdUs <= 0) throw new SailError("PIR: hold must be above 0 (the output would never be seen high)");
    board.pin(gpio).drive(0);
  }

  /** Whether the module's output is high now. */
  get high(): boolean {
    return this.#high;
  }

  /** Someone moves in the field of view now. Ignored while the module is blind. */
  motion(): void {
    const now = this.board.clock.now;
    if (!this.#high && now < this.#blindUntilUs) return;
    if (this.#high) {
      if (!this.retrigger) return;
      this.board.clock.cancel(this.#fall);
    } else {
      this.#high = true;
      this.triggers++;
      this.board.pin(this.gpio).drive(1);
    }
    this.#fall = this.board.clock.input(this.board.clock.now + this.holdUs, () => this.#drop());
  }

  /** Someone keeps moving for `duration` from now: a motion now and every second while it lasts. */
  motionFor(duration: Duration): void {
    const us = toMicros(duration);
    const start = this.board.clock.now;
    for (let t = 0; t <= us; t += MOVING_EVERY_US) this.board.clock.input(start + t, () => this.motion());
  }

  #drop(): void {
    this.#fall = null;
    this.#high = false;
    this.#blindUntilUs = this.board.clock.now + this.blockUs;
    this.board.pin(this.gpio).drive(0);
  }
}
