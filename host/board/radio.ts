// The board's radio: after each boot an image that speaks MIoT reconnects to
// Wi-Fi (the profile's time and current); pushes raised while it is down wait
// and go out once it is up, and deep sleep waits for them to be sent.

import type { BoardMiot } from "../miot/board-device.js";
import type { EnergyMeter } from "../power/energy.js";
import type { Alarm, VirtualClock } from "../time/clock.js";
import type { LogLevel } from "../trace/changes.js";

export interface RadioDeps {
  readonly clock: VirtualClock;
  readonly energy: EnergyMeter;
  readonly wifiConnectMs: number;
  readonly miot: () => BoardMiot | null;
  readonly log: (level: LogLevel, text: string) => void;
  /** Whether the board runs and is awake (not in light or deep sleep). */
  readonly awake: () => boolean;
  /** Whether the chip sleeps (light or deep). */
  readonly asleep: () => boolean;
}

export class Radio {
  /** When the radio is up after the last boot (Wi-Fi reconnects after every reset and deep sleep). */
  #onlineAt = 0;
  #connected: Alarm | null = null;

  constructor(readonly deps: RadioDeps) {}

  /** Whether the radio is up: the board awake, and connected since the last boot. */
  get online(): boolean {
    return this.deps.awake() && this.connected;
  }

  /** Whether the connection made after the last boot is up (awake or not). */
  get connected(): boolean {
    return this.deps.clock.now >= this.#onlineAt;
  }

  /** At boot: pushes still queued are lost; an image that speaks MIoT (`needed`) connects again. */
  connect(needed: boolean): void {
    const { clock, energy, log } = this.deps;
    clock.cancel(this.#connected);
    this.#connected = null;
    const dropped = this.deps.miot()?.dropQueued() ?? 0;
    if (dropped > 0) log("W", `${dropped} MIoT message(s) were lost: the board reset before its radio sent them`);
    const connectUs = needed ? this.deps.wifiConnectMs * 1000 : 0;
    this.#onlineAt = clock.now + connectUs;
    if (connectUs === 0) {
      energy.enter("idle");
      return;
    }
    energy.enter("connecting");
    this.#connected = clock.at(this.#onlineAt, () => {
      this.#connected = null;
      if (!this.deps.asleep()) energy.enter("idle");
      this.deps.miot()?.flush();
    });
  }

  /**
   * Before deep sleep: what is queued goes out first, once connected (the
   * board counts as awake while it sends); then `sleep` runs.
   */
  sendThenSleep(sleep: () => void, awake: (sending: boolean) => void): void {
    const { clock, log } = this.deps;
    const queued = this.deps.miot()?.queued ?? 0;
    if (queued === 0 || clock.now >= this.#onlineAt) {
      sleep();
      return;
    }
    log("I", `deep sleep waits for the radio to send ${queued} queued MIoT message(s)`);
    clock.cancel(this.#connected);
    this.#connected = clock.at(this.#onlineAt, () => {
      this.#connected = null;
      awake(true);
      this.deps.miot()?.flush();
      awake(false);
      sleep();
    });
  }
}
