// The board's radio: after each boot an image that speaks MIoT connects to the
// access point (the profile's time and current); pushes raised while it is
// down wait and go out once it is up, and deep sleep waits for them to be
// sent. The access point can go away and come back and its signal can change
// (network.ts, the test face): the firmware hears each as a WIFI event.

import { WIFI_EVENT } from "../abi/table.js";
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
  /** A WIFI event for the firmware: WIFI_EVENT id and its value (RSSI dBm or the reason). */
  readonly wifiEvent: (id: number, value: number) => void;
  /** A boot: what the last boot's connection learned (the time of day) is gone. */
  readonly booted: () => void;
  /** The station got its connection (time sync starts) or lost it. */
  readonly link: (up: boolean) => void;
}

/**
 * RSSI changes smaller than this are not reported (ESP-IDF's RSSI threshold
 * event is set by the app; docs/decisions.md D146).
 */
export const RSSI_STEP_DB = 5;

export class Radio {
  /** When the radio is up after the last boot (Wi-Fi reconnects after every reset and deep sleep); Infinity: no AP. */
  #onlineAt = 0;
  #connected: Alarm | null = null;
  /** Whether the image in use connects at all (it speaks MIoT). */
  #needed = false;
  #apUp = true;
  #rssi = -45;
  /** The RSSI the firmware last heard. */
  #reportedRssi = -45;

  constructor(readonly deps: RadioDeps) {}

  /** Whether the radio is up: the board awake, and connected since the last boot. */
  get online(): boolean {
    return this.deps.awake() && this.connected;
  }

  /** Whether the connection made after the last boot is up (awake or not). */
  get connected(): boolean {
    return this.deps.clock.now >= this.#onlineAt;
  }

  /** Whether the access point is on the air. */
  get apUp(): boolean {
    return this.#apUp;
  }

  /** The signal strength the board sees, dBm. */
  get rssi(): number {
    return this.#rssi;
  }

  /** At boot: pushes still queued are lost; an image that speaks MIoT (`needed`) connects again. */
  connect(needed: boolean): void {
    const { clock, energy, log } = this.deps;
    clock.cancel(this.#connected);
    this.#connected = null;
    this.#needed = needed;
    this.deps.booted();
    const dropped = this.deps.miot()?.dropQueued() ?? 0;
    if (dropped > 0) log("W", `${dropped} MIoT message(s) were lost: the board reset before its radio sent them`);
    if (!needed) {
      this.#onlineAt = clock.now;
      energy.enter("idle");
      return;
    }
    this.#associate();
  }

  /** The access point goes away: a connected station hears DISCONNECTED with `reason` and keeps scanning. */
  dropAp(reason: number): void {
    if (!this.#apUp) return;
    this.#apUp = false;
    if (!this.#needed) return;
    const wasConnected = this.connected;
    this.deps.clock.cancel(this.#connected);
    this.#connected = null;
    this.#onlineAt = Number.POSITIVE_INFINITY;
    if (!this.deps.asleep()) this.deps.energy.enter("connecting");
    if (wasConnected) {
      this.deps.log("I", `Wi-Fi: disconnected (reason ${reason})`);
      this.deps.link(false);
      this.deps.wifiEvent(WIFI_EVENT.DISCONNECTED, reason);
    }
  }

  /** The access point is back: the station connects after the profile's connect time. */
  restoreAp(): void {
    if (this.#apUp) return;
    this.#apUp = true;
    if (this.#needed) this.#associate();
  }

  /** The signal changes; a connected station hears RSSI when it moved RSSI_STEP_DB or more since it last heard. */
  setRssi(dbm: number): void {
    this.#rssi = dbm;
    if (!this.#needed || !this.connected || Math.abs(dbm - this.#reportedRssi) < RSSI_STEP_DB) return;
    this.#reportedRssi = dbm;
    this.deps.wifiEvent(WIFI_EVENT.RSSI, dbm);
  }

  /**
   * Before deep sleep: what is queued goes out first, once connected (the
   * board counts as awake while it sends); then `sleep` runs. With no access
   * point the queue waits for the next boot's connection.
   */
  sendThenSleep(sleep: () => void, awake: (sending: boolean) => void): void {
    const { clock, log } = this.deps;
    const queued = this.deps.miot()?.queued ?? 0;
    if (queued === 0 || clock.now >= this.#onlineAt || !Number.isFinite(this.#onlineAt)) {
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

  #associate(): void {
    const { clock, energy } = this.deps;
    clock.cancel(this.#connected);
    this.#connected = null;
    energy.enter("connecting");
    if (!this.#apUp) {
      this.#onlineAt = Number.POSITIVE_INFINITY;
      return;
    }
    this.#onlineAt = clock.now + this.deps.wifiConnectMs * 1000;
    this.#connected = clock.at(this.#onlineAt, () => {
      this.#connected = null;
      if (!this.deps.asleep()) energy.enter("idle");
      this.#reportedRssi = this.#rssi;
      this.deps.link(true);
      this.deps.wifiEvent(WIFI_EVENT.CONNECTED, this.#rssi);
      this.deps.miot()?.flush();
    });
  }
}
