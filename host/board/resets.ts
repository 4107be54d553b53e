// Reset rules: a reset stops the firmware and the chip's peripherals, is
// recorded, and reboots the board after the profile's reboot time; crash
// resets soon after boot count toward a boot loop, which halts the board.

import { formatDuration } from "../time/duration.js";
import type { Alarm, VirtualClock } from "../time/clock.js";
import type { ResetReason, ResetRecord } from "../firmware/faults.js";
import type { BoardProfile } from "../boards/profile.js";
import type { LogLevel } from "../trace/changes.js";

export interface ResetDeps {
  readonly clock: VirtualClock;
  readonly watchdog: BoardProfile["watchdog"];
  readonly log: (level: LogLevel, text: string) => void;
  /** A reset was recorded (published on the board's change stream). */
  readonly recorded: (record: ResetRecord) => void;
  /** Stops the firmware and resets the chip's peripherals. */
  readonly stopChip: () => void;
  /** The board is off until its reboot, or halted by a boot loop. */
  readonly off: (state: "off" | "halted") => void;
  readonly boot: (reason: ResetReason) => void;
}

export class Resets {
  /** Why the board last booted. */
  reason: ResetReason = "POWERON";
  #bootUs = 0;
  #crashStreak = 0;
  /** The pending reboot after a reset, cancelled by a power-on or a new boot. */
  #reboot: Alarm | null = null;

  constructor(readonly deps: ResetDeps) {}

  /** When the running image booted, µs. */
  get bootUs(): number {
    return this.#bootUs;
  }

  /** A power-on starts the boot-loop count again. */
  powerOn(): void {
    this.#crashStreak = 0;
  }

  /** A boot begins, superseding a pending reboot. */
  cancelReboot(): void {
    this.deps.clock.cancel(this.#reboot);
    this.#reboot = null;
  }

  /** The bootloader found an image: the board runs from now on, booted for `reason`. */
  booted(reason: ResetReason): void {
    this.reason = reason;
    this.#bootUs = this.deps.clock.now;
  }

  /** Boots again after the profile's reboot time (a reset, or a wake from deep sleep). */
  rebootLater(reason: ResetReason): void {
    const { clock, watchdog } = this.deps;
    this.#reboot = clock.at(clock.now + watchdog.rebootMs * 1000, () => this.deps.boot(reason));
  }

  /** The firmware is reset for `reason` while handling `during`; `fn` is the wasm function that was running. */
  reset(reason: ResetReason, message: string, fn: string | null, during: string): void {
    const { clock, watchdog, log } = this.deps;
    const timeUs = clock.now;
    const record: ResetRecord = { timeUs, reason, message, function: fn, during };
    this.deps.recorded(record);
    const where = fn === null ? "" : ` in ${fn}`;
    log(reason === "SW" ? "I" : "E", `reset ${reason} during ${during}${where}: ${message}`);
    this.deps.stopChip();
    if (reason === "PANIC" || reason === "TASK_WDT") {
      this.#crashStreak = timeUs - this.#bootUs < watchdog.stableAfterMs * 1000 ? this.#crashStreak + 1 : 1;
      if (this.#crashStreak >= watchdog.bootLoopResets) {
        this.deps.off("halted");
        log(
          "E",
          `boot loop: ${this.#crashStreak} crash resets in a row, ` +
            `each within ${formatDuration(watchdog.stableAfterMs * 1000)} of boot; ` +
            `the board stays off. Last: ${message}`,
        );
        return;
      }
    } else {
      this.#crashStreak = 0;
    }
    this.deps.off("off");
    this.rebootLater(reason);
  }
}
