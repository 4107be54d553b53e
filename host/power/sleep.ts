// Light and deep sleep as ESP-IDF has them (sleep_modes.rst): wake sources
// are set first (a timer, pins at a level), then the chip sleeps until one
// fires. Pin wake is level-triggered: a pin already at its level wakes at
// once. RTC memory survives deep sleep only, like RTC_DATA_ATTR.

import { STATUS, WAKE_CAUSE } from "../abi/table.js";
import type { VirtualClock, Alarm } from "../time/clock.js";
import type { SleepProfile } from "../boards/profile-parts.js";
import type { Changes } from "../trace/changes.js";
import { formatDuration } from "../time/duration.js";

/** esp_sleep_source_t values Sail reports. */
export { WAKE_CAUSE };

export type SleepDepth = "light" | "deep";

export interface SleepHost {
  readonly clock: VirtualClock;
  /** Pin level changes arrive here (a wake pin reaching its level wakes the chip). */
  readonly changes: Changes;
  readonly level: (gpio: number) => number;
  /** A sleep ended: its depth, the cause and how long it lasted. */
  readonly woke: (depth: SleepDepth, cause: number, asleepUs: number) => void;
}

export class Sleep {
  /** Set while asleep. */
  depth: SleepDepth | null = null;
  /** Why the last sleep ended (UNDEFINED after any reset that was not a wake). */
  wakeCause: number = WAKE_CAUSE.UNDEFINED;
  readonly rtcMemory: Uint8Array;
  #timerUs: number | null = null;
  readonly #pins = new Map<number, number>();
  #alarm: Alarm | null = null;
  #since = 0;

  readonly clock: VirtualClock;

  constructor(
    readonly profile: SleepProfile,
    readonly host: SleepHost,
  ) {
    this.clock = host.clock;
    this.rtcMemory = new Uint8Array(profile.rtcMemBytes);
    host.changes.addSink({
      level: (_timeUs, gpio, level) => {
        if (this.depth !== null && this.#pins.get(gpio) === level) this.#wake(this.#pinCause());
      },
      pwm: () => undefined,
      leds: () => undefined,
    });
  }

  wakeOnTimer(us: number): number {
    if (!Number.isSafeInteger(us) || us < 0) return STATUS.ERR_INVALID_ARG;
    this.#timerUs = us;
    return STATUS.OK;
  }

  wakeOnPin(gpio: number, level: number): number {
    if (level !== 0 && level !== 1) return STATUS.ERR_INVALID_ARG;
    this.#pins.set(gpio, level);
    return STATUS.OK;
  }

  clearWakeSources(): void {
    this.#timerUs = null;
    this.#pins.clear();
  }

  /** The wake sources in words: "10 s pass, or GPIO 4 is 0". */
  describe(): string {
    const parts = [...this.#pins].map(([gpio, level]) => `GPIO ${gpio} is ${level}`);
    if (this.#timerUs !== null) parts.unshift(`${formatDuration(this.#timerUs)} pass`);
    return parts.join(", or ");
  }

  get hasWakeSource(): boolean {
    return this.#timerUs !== null || this.#pins.size > 0;
  }

  /** Wake pins that cannot wake the chip from deep sleep (not RTC GPIOs). */
  deepSleepMisfits(): number[] {
    return [...this.#pins.keys()].filter((p) => !this.profile.wakePins.includes(p));
  }

  /** Starts sleeping now; wakes through host.woke. With no wake source a deep sleep lasts until power-on. */
  enter(depth: SleepDepth): void {
    this.depth = depth;
    this.#since = this.clock.now;
    if (this.#timerUs !== null)
      this.#alarm = this.clock.at(this.clock.now + this.#timerUs, () => this.#wake(WAKE_CAUSE.TIMER));
    for (const [gpio, level] of this.#pins) {
      if (this.host.level(gpio) === level) {
        this.clock.cancel(this.#alarm);
        this.#alarm = this.clock.at(this.clock.now, () => this.#wake(this.#pinCause()));
        break;
      }
    }
  }

  /** A reset that is not a wake: sleep ends, wake sources and RTC memory are cleared. */
  reset(keepRtcMemory: boolean): void {
    this.clock.cancel(this.#alarm);
    this.#alarm = null;
    this.depth = null;
    this.clearWakeSources();
    if (!keepRtcMemory) {
      this.rtcMemory.fill(0);
      this.wakeCause = WAKE_CAUSE.UNDEFINED;
    }
  }

  #pinCause(): number {
    return this.profile.pinWakeCause === "EXT1" ? WAKE_CAUSE.EXT1 : WAKE_CAUSE.GPIO;
  }

  #wake(cause: number): void {
    const depth = this.depth;
    if (depth === null) return;
    this.clock.cancel(this.#alarm);
    this.#alarm = null;
    this.depth = null;
    this.wakeCause = cause;
    // Wake sources stay set after a light sleep (as in ESP-IDF); a deep-sleep wake is a reset, which clears them.
    if (depth === "deep") this.clearWakeSources();
    this.host.woke(depth, cause, this.clock.now - this.#since);
  }
}
