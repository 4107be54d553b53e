// The one wrapper for a board's pin and button as tests and scenarios use
// them: read levels and PWM, drive pads and set voltages from outside
// (through the board's external inputs, inputs.ts), press buttons
// (optionally with contact bounce). The test API (host/testing/pins.ts)
// extends these with what lets time pass.

import { SailError } from "../errors.js";
import type { Board } from "./board.js";
import type { Level } from "../trace/pin-trace.js";

export class PinHandle {
  constructor(
    readonly board: Board,
    readonly gpio: number,
  ) {}

  /** The handle of a pin the board has; a GPIO it lacks is a RangeError. */
  static of(board: Board, gpio: number): PinHandle {
    if (!board.gpio.has(gpio)) throw new RangeError(`GPIO ${gpio} does not exist on ${board.profile.id}`);
    return new PinHandle(board, gpio);
  }

  /** The level on the pad now, 0 or 1. */
  get level(): Level {
    return this.board.gpio.level(this.gpio);
  }

  get high(): boolean {
    return this.level === 1;
  }

  /** Drives the pad from outside, as a wire to 3V3 (1) or GND (0) would. */
  drive(level: Level): void {
    this.board.inputs.drive(this.gpio, level);
  }

  /** Stops driving the pad; pulls (the firmware's or the board's) take over. */
  release(): void {
    this.board.inputs.drive(this.gpio, null);
  }

  /** Stops driving the pad `afterUs` from now, on the board's clock (also while a handler blocks). */
  releaseAfter(afterUs: number): void {
    this.board.clock.input(this.board.clock.now + afterUs, () => this.release());
  }

  /** Rising, falling or all level changes recorded on this pin. */
  edges(direction: "rising" | "falling" | "any" = "any"): { timeUs: number; level: Level }[] {
    return this.board.trace.edges(this.gpio, direction);
  }

  /** The PWM channel driving this pin, or null. */
  get pwm(): ReturnType<Board["pwm"]["onPin"]> {
    return this.board.pwm.onPin(this.gpio);
  }

  /** Duty of the PWM channel driving this pin, 0..1, or null if no channel drives it. */
  get duty(): number | null {
    return this.pwm?.dutyFraction ?? null;
  }

  /** Frequency of the PWM channel driving this pin in Hz, or null. */
  get freqHz(): number | null {
    return this.pwm?.freqHz ?? null;
  }

  /** PWM duty and frequency changes recorded on this pin. */
  pwmChanges(): { timeUs: number; dutyFraction: number; freqHz: number }[] {
    return this.board.trace.pwm(this.gpio);
  }

  /** Sets the voltage an ADC reading of this pin sees, in millivolts. */
  setVoltage(mv: number): void {
    this.board.inputs.setVoltage(this.gpio, mv);
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

  /** A button of the board's profile by name; one it lacks is a RangeError naming those it has. */
  static named(board: Board, name: string): ButtonHandle {
    const buttons = board.profile.buttons;
    const b = buttons.find((x) => x.name === name);
    if (b === undefined) {
      const names = buttons.map((x) => x.name).join(", ") || "none";
      throw new RangeError(`${board.profile.id} has no button "${name}" (buttons: ${names})`);
    }
    return new ButtonHandle(board, b.gpio, b.activeLow);
  }

  /** Whether the contact is closed now. */
  get pressed(): boolean {
    return this.board.gpio.isDriven(this.gpio) && this.#pin.level === (this.activeLow ? 0 : 1);
  }

  /**
   * Closes the contact now; with `bounceUs` it chatters first (seeded, so runs repeat). The chatter is
   * scheduled as input alarms on the board's clock, so a handler polling the pad sees it as it happens.
   */
  press(options: PressOptions = {}): void {
    this.#settle(this.activeLow ? 0 : 1, options.bounceUs ?? 0, true);
  }

  /** Opens the contact now (a pull takes the pad back). */
  release(options: PressOptions = {}): void {
    this.#settle(this.activeLow ? 1 : 0, options.bounceUs ?? 0, false);
  }

  /**
   * Opens the contact `afterUs` from now, on the board's clock: the finger lifts at its time even while a
   * firmware handler blocks (an input alarm, host/time/clock.ts).
   */
  releaseAfter(afterUs: number, options: PressOptions = {}): void {
    this.board.clock.input(this.board.clock.now + afterUs, () => this.release(options));
  }

  #settle(active: Level, bounceUs: number, closing: boolean): void {
    if (!Number.isSafeInteger(bounceUs) || bounceUs < 0) {
      throw new SailError(
        `button on GPIO ${this.gpio}: bounceUs ${bounceUs} must be a whole number of microseconds, 0 or more ` +
          "(contacts bounce for 100-5000 µs)",
      );
    }
    const finish = (): void => (closing ? this.#pin.drive(active) : this.#pin.release());
    if (bounceUs <= 0) {
      finish();
      return;
    }
    const chatter = this.board.random.int(2, 5);
    const times = Array.from({ length: chatter * 2 }, () => this.board.random.int(0, bounceUs - 1)).sort(
      (a, b) => a - b,
    );
    const other: Level = active === 1 ? 0 : 1;
    const start = this.board.clock.now;
    times.forEach((t, i) => {
      this.board.clock.input(start + t, () => this.#pin.drive(i % 2 === 0 ? active : other));
    });
    this.board.clock.input(start + bounceUs, finish);
  }
}
