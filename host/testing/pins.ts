// The test face of a board's pins and buttons: read a level, drive an input,
// see a PWM duty, press a button (with seeded contact bounce). Setting a level
// is instant; whatever takes virtual time returns a promise.

import type { Board } from "../board/board.js";
import { ButtonHandle, PinHandle, type PressOptions } from "../board/handles.js";
import type { Level } from "../trace/pin-trace.js";
import { SailError } from "../errors.js";
import { levelOf } from "./level.js";
import { toMicros, type Duration } from "../time/duration.js";

/** What pins need of their board: the emulated board and a way to let time pass. */
export interface PinHost {
  readonly board: Board;
  advance(d: Duration): Promise<void>;
}

export type { PressOptions };

export interface ClickOptions extends PressOptions {
  /** How long the button stays down (default "100ms"). */
  readonly hold?: Duration;
  /** Time to let pass after the release, for the firmware's debounce (default "100ms"). */
  readonly settle?: Duration;
}

export class TestPin {
  readonly #handle: PinHandle;

  constructor(
    readonly host: PinHost,
    readonly gpio: number,
  ) {
    this.#handle = host.board.pin(gpio);
  }

  /** The level on the pad now, 0 or 1. */
  get level(): Level {
    return this.#handle.level;
  }

  get high(): boolean {
    return this.level === 1;
  }

  /** Drives the pad from outside, as a wire to 3V3 (1) or GND (0) would. */
  drive(level: Level | boolean): void {
    this.#handle.drive(levelOf(level, `pin(${this.gpio}).drive`));
  }

  /** Stops driving the pad; pulls (the firmware's or the board's) take over. */
  release(): void {
    this.#handle.release();
  }

  /** Drives `level` for `duration` of virtual time, then releases the pad. */
  async pulse(level: Level | boolean, duration: Duration): Promise<void> {
    this.drive(level);
    await this.host.advance(duration);
    this.release();
  }

  /** Duty of the PWM channel driving this pin, 0..1, or null if no channel drives it. */
  get duty(): number | null {
    return this.#handle.pwm?.dutyFraction ?? null;
  }

  /** Frequency of the PWM channel driving this pin in Hz, or null. */
  get freqHz(): number | null {
    return this.#handle.pwm?.freqHz ?? null;
  }

  /** Level changes recorded on this pin since power-on: rising, falling or both. */
  edges(direction: "rising" | "falling" | "any" = "any"): { timeUs: number; level: Level }[] {
    return this.#handle.edges(direction);
  }

  /** PWM duty and frequency changes recorded on this pin. */
  pwmChanges(): { timeUs: number; dutyFraction: number; freqHz: number }[] {
    return this.host.board.trace.pwm(this.gpio);
  }

  /** The voltage an ADC reading of this pin sees, in millivolts. */
  setVoltage(mv: number): void {
    this.#handle.setVoltage(mv);
  }
}

export class TestButton {
  readonly #handle: ButtonHandle;

  constructor(
    readonly host: PinHost,
    readonly gpio: number,
    readonly activeLow: boolean,
  ) {
    this.#handle = new ButtonHandle(host.board, gpio, activeLow);
    if (!host.board.gpio.has(gpio))
      throw new SailError(`a button on GPIO ${gpio}: ${host.board.profile.id} has no GPIO ${gpio}`);
  }

  /** Whether the contact is closed now. */
  get pressed(): boolean {
    return this.#handle.pressed;
  }

  /** Closes the contact now; with `bounceUs` it chatters first (seeded, so runs repeat). */
  press(options: PressOptions = {}): void {
    this.#handle.press(options);
  }

  /** Opens the contact now (a pull takes the pad back). */
  release(options: PressOptions = {}): void {
    this.#handle.release(options);
  }

  /** Press, hold, release, and let the firmware's debounce settle. */
  async click(options: ClickOptions = {}): Promise<void> {
    const bounce = options.bounceUs === undefined ? {} : { bounceUs: options.bounceUs };
    this.press(bounce);
    await this.host.advance(Math.max(toMicros(options.hold ?? "100ms"), options.bounceUs ?? 0));
    this.release(bounce);
    await this.host.advance(Math.max(toMicros(options.settle ?? "100ms"), options.bounceUs ?? 0));
  }
}
