// Expectations on a pin that read like the sentence a tester would say:
// `expectPin(2).toBe(1)`, `await expectPin(2).toggles(4, "2s")`. Failures are
// AssertionErrors saying what was expected, what happened, when (in virtual
// time) and what the board logged last.

import { AssertionError } from "node:assert";
import type { Board } from "../board/board.js";
import type { Level } from "../trace/pin-trace.js";
import { TimeoutError } from "../errors.js";
import { formatDuration, toMicros, type Duration } from "../time/duration.js";
import { levelOf } from "./level.js";
import { at, trimStack } from "./report.js";

/** What expectations need of their board. */
export interface ExpectHost {
  readonly board: Board;
  readonly now: number;
  advance(d: Duration): Promise<void>;
  /** The failure context block: virtual time, state, last log lines. */
  context(): string;
}

const arrow = (l: Level): string => (l === 1 ? "↑" : "↓");

export class PinExpectation {
  constructor(
    readonly host: ExpectHost,
    readonly gpio: number,
  ) {
    host.board.pin(gpio); // a GPIO the board lacks fails here, naming the pins it has
  }

  /** The pin is at `level` now. */
  toBe(level: Level | boolean): void {
    const want = levelOf(level, `expectPin(${this.gpio}).toBe`);
    const got = this.#level();
    if (got !== want) this.#fail(`expected level ${want} at ${at(this.host.now)}, but it is ${got}`, got, want, "toBe");
  }

  toBeHigh(): void {
    this.toBe(1);
  }

  toBeLow(): void {
    this.toBe(0);
  }

  /** Lets `within` pass and expects exactly `times` level changes in it (either direction). */
  async toggles(times: number, within: Duration): Promise<void> {
    const from = this.host.now;
    const windowUs = toMicros(within);
    await this.host.advance(windowUs);
    this.host.board.trace.requireAfter(from, `expectPin(${this.gpio}).toggles`);
    const edges = this.host.board.trace.edges(this.gpio).filter((e) => e.timeUs > from && e.timeUs <= from + windowUs);
    if (edges.length !== times) {
      const seen =
        edges.length === 0
          ? "none"
          : edges
              .slice(0, 12)
              .map((e) => `${arrow(e.level)} ${at(e.timeUs)}`)
              .join(", ") + (edges.length > 12 ? ", …" : "");
      this.#fail(
        `expected ${times} level changes within ${formatDuration(windowUs)} ` +
          `(${at(from)} to ${at(from + windowUs)}), saw ${edges.length}: ${seen}`,
        edges.length,
        times,
        "toggles",
      );
    }
  }

  /** Lets `duration` pass and expects the pin to hold `level` throughout. */
  async toStay(level: Level | boolean, duration: Duration): Promise<void> {
    const want = levelOf(level, `expectPin(${this.gpio}).toStay`);
    this.toBe(want);
    const from = this.host.now;
    const us = toMicros(duration);
    await this.host.advance(us);
    this.host.board.trace.requireAfter(from, `expectPin(${this.gpio}).toStay`);
    const change = this.host.board.trace.edges(this.gpio).find((e) => e.timeUs > from && e.timeUs <= from + us);
    if (change !== undefined) {
      this.#fail(
        `expected level ${want} to stay for ${formatDuration(us)} from ${at(from)}, ` +
          `but it went to ${change.level} at ${at(change.timeUs)}`,
        change.level,
        want,
        "toStay",
      );
    }
  }

  /** Runs until the pin reaches `level`; fails if it does not within `within`. */
  async toBecome(level: Level | boolean, within: Duration): Promise<void> {
    const want = levelOf(level, `expectPin(${this.gpio}).toBecome`);
    const from = this.host.now;
    const us = toMicros(within);
    try {
      await this.host.board.runUntil(() => this.#level() === want, us);
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      this.#fail(
        `expected to become ${want} within ${formatDuration(us)} (${at(from)} to ${at(from + us)}), ` +
          `but it stayed ${this.#level()}`,
        this.#level(),
        want,
        "toBecome",
      );
    }
  }

  /** A PWM channel drives the pin at `fraction` (0..1) of full duty, within `tolerance`. */
  toHaveDuty(fraction: number, tolerance = 0.001): void {
    const pwm = this.host.board.pwm.onPin(this.gpio);
    if (pwm === null) {
      this.#fail(
        `expected PWM at duty ${fraction} at ${at(this.host.now)}, ` +
          `but no PWM channel drives it (level ${this.#level()})`,
        null,
        fraction,
        "toHaveDuty",
      );
    } else if (Math.abs(pwm.dutyFraction - fraction) > tolerance) {
      this.#fail(
        `expected PWM duty ${fraction} (± ${tolerance}) at ${at(this.host.now)}, ` +
          `but it is ${pwm.dutyFraction} (${pwm.duty}/${2 ** pwm.bits} at ${pwm.freqHz} Hz)`,
        pwm.dutyFraction,
        fraction,
        "toHaveDuty",
      );
    }
  }

  #level(): Level {
    return this.host.board.gpio.level(this.gpio);
  }

  #fail(what: string, actual: unknown, expected: unknown, operator: string): never {
    const e = new AssertionError({
      message: `GPIO ${this.gpio}: ${what}\n${this.host.context()}`,
      actual,
      expected,
      operator: `expectPin.${operator}`,
    });
    // The message says it all; mocha would otherwise cut it at "expected" to show a one-number diff.
    Object.assign(e, { showDiff: false });
    throw trimStack(e);
  }
}
