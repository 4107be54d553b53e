// The test face of a board's pins and buttons: the board's handles
// (host/board/handles.ts) plus what lets virtual time pass, which returns a
// promise. A level given as true/false is accepted; anything else is refused.

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

export class TestPin extends PinHandle {
  constructor(
    readonly host: PinHost,
    gpio: number,
  ) {
    super(host.board, gpio);
    host.board.pin(gpio); // a GPIO the board lacks fails here, naming the board
  }

  /** Drives the pad from outside, as a wire to 3V3 (1) or GND (0) would. */
  override drive(level: Level | boolean): void {
    super.drive(levelOf(level, `pin(${this.gpio}).drive`));
  }

  /**
   * Drives `level` for `duration` of virtual time, then releases the pad. The release is on the board's
   * clock, so a handler busy-waiting on the pin sees the pulse end at its time.
   */
  async pulse(level: Level | boolean, duration: Duration): Promise<void> {
    this.drive(level);
    this.releaseAfter(toMicros(duration));
    await this.host.advance(duration);
  }
}

export class TestButton extends ButtonHandle {
  constructor(
    readonly host: PinHost,
    gpio: number,
    activeLow: boolean,
  ) {
    super(host.board, gpio, activeLow);
    if (!host.board.gpio.has(gpio))
      throw new SailError(`a button on GPIO ${gpio}: ${host.board.profile.id} has no GPIO ${gpio}`);
  }

  /**
   * Press, hold, release, and let the firmware's debounce settle. The release is scheduled on the board's
   * clock when the press lands, so the finger lifts after `hold` even while a handler polls the button.
   */
  async click(options: ClickOptions = {}): Promise<void> {
    const bounce = options.bounceUs === undefined ? {} : { bounceUs: options.bounceUs };
    const holdUs = Math.max(toMicros(options.hold ?? "100ms"), options.bounceUs ?? 0);
    this.press(bounce);
    this.releaseAfter(holdUs, bounce);
    await this.host.advance(holdUs + Math.max(toMicros(options.settle ?? "100ms"), options.bounceUs ?? 0));
  }
}
