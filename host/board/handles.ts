// Test-facing handles on a board's pins and buttons: read levels, drive pads
// from outside, press buttons (optionally with contact bounce).

import { SailError } from "../errors.js";
import type { Board } from "./board.js";
import type { Level } from "../trace/pin-trace.js";

export class PinHandle {
  constructor(
    readonly board: Board,
    readonly gpio: number,
  ) {}

  /** The level on the pad now. */
  get level(): Level {
    return this.board.gpio.level(this.gpio);
  }

  /** Drives the pad from outside at 0 or 1. */
  drive(level: Level): void {
    this.board.gpio.drive(this.gpio, level);
  }

  /** Stops driving the pad from outside. */
  release(): void {
    this.board.gpio.drive(this.gpio, null);
  }

  /** Rising, falling or all level changes recorded on this pin. */
  edges(direction: "rising" | "falling" | "any" = "any"): { timeUs: number; level: Level }[] {
    return this.board.trace.edges(this.gpio, direction);
  }

  /** The PWM channel driving this pin, or null. */
  get pwm(): ReturnType<Board["pwm"]["onPin"]> {
    return this.board.pwm.onPin(this.gpio);
  }

  /** Sets the voltage an ADC reading of this pin sees, in millivolts. */
  setVoltage(mv: number): void {
    this.board.adc.setVoltage(this.gpio, mv);
  }
}

export interface PressOptions {
  /** Contact bounce: random extra edges within this many µs (seeded). Default 0. */
  readonly bounceUs?: number;
}

export class ButtonHandle {
  readonly #pin: PinHandle;

  constructor(
    readonly board: Board,
    readonly gpio: number,
    readonly activeLow: boolean,
  ) {
    this.#pin = new PinHandle(board, gpio);
  }

  get pressed(): boolean {
    return this.board.gpio.isDriven(this.gpio) && this.#pin.level === (this.activeLow ? 0 : 1);
  }

  /** Closes the contact now; with bounceUs the contact chatters first. */
  press(options: PressOptions = {}): void {
    this.#settle(this.activeLow ? 0 : 1, options.bounceUs ?? 0, true);
  }

  /** Opens the contact now (the board's pull resistor takes the pad back). */
  release(options: PressOptions = {}): void {
    this.#settle(this.activeLow ? 1 : 0, options.bounceUs ?? 0, false);
  }

  #settle(active: Level, bounceUs: number, closing: boolean): void {
    if (!Number.isSafeInteger(bounceUs) || bounceUs < 0) {
      throw new SailError(
        `button on GPIO ${this.gpio}: bounceUs ${bounceUs} must be a whole number of microseconds, 0 or more (contacts bounce for 100-5000 µs)`,
      );
    }
    const finish = (): void => (closing ? this.#pin.drive(active) : this.#pin.release());
    if (bounceUs <= 0) return finish();
    const chatter = this.board.random.int(2, 5);
    const times = Array.from({ length: chatter * 2 }, () => this.board.random.int(0, bounceUs - 1)).sort(
      (a, b) => a - b,
    );
    const other: Level = active === 1 ? 0 : 1;
    const start = this.board.clock.now;
    times.forEach((t, i) => {
      this.board.clock.at(start + t, () => this.#pin.drive(i % 2 === 0 ? active : other));
    });
    this.board.clock.at(start + bounceUs, finish);
  }
}
