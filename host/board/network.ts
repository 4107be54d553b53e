// The network a board's station joins, as its test face: the access point
// (on the air or not, the signal it gives) and the LAN's time server, which
// answers as SNTP would. The board learns the time of day SNTP_DELAY_US after
// each connection and again every SNTP_INTERVAL_US while connected; before the
// first sync since boot wallclock_us says the time is unknown (docs/decisions.md D144).

import { STATUS, WIFI_REASON } from "../abi/table.js";
import { SailError } from "../errors.js";
import type { Alarm, VirtualClock } from "../time/clock.js";
import type { Radio } from "./radio.js";

/** The LAN's date at virtual time 0 unless a test sets one: 2026-01-01 00:00 UTC. */
export const DEFAULT_EPOCH_US = Date.UTC(2026, 0, 1) * 1000;
/**
 * From connecting to the first SNTP answer: DHCP, DNS and one SNTP round trip
 * (an estimate; docs/decisions.md D144).
 */
export const SNTP_DELAY_US = 2_000_000;
/** ESP-IDF's CONFIG_LWIP_SNTP_UPDATE_DELAY default: one hour. */
export const SNTP_INTERVAL_US = 3_600_000_000;

/** The board's SNTP client: the offset from board time to UTC once synced. */
export class SntpClient {
  #offsetUs: number | null = null;
  #next: Alarm | null = null;
  #connected = false;

  constructor(
    readonly clock: VirtualClock,
    /** The server's time at a board time, µs since the epoch. */
    readonly serverAt: (clockUs: number) => number,
    readonly synced: (epochUs: number) => void,
  ) {}

  /** µs since the epoch at board time `nowUs`, or ERR_INVALID_STATE before the first sync. */
  wallclockUs(nowUs: number): number {
    return this.#offsetUs === null ? STATUS.ERR_INVALID_STATE : Math.floor(nowUs + this.#offsetUs);
  }

  get known(): boolean {
    return this.#offsetUs !== null;
  }

  /** Boot: the time is unknown again until the next sync. */
  reset(): void {
    this.#offsetUs = null;
    this.#connected = false;
    this.clock.cancel(this.#next);
    this.#next = null;
  }

  /** The station connected (a sync follows SNTP_DELAY_US later) or lost its link (syncs stop). */
  link(up: boolean): void {
    this.#connected = up;
    this.clock.cancel(this.#next);
    this.#next = up ? this.clock.after(SNTP_DELAY_US, () => this.#sync()) : null;
  }

  /** The server's time was set: a connected client hears it at its next poll, brought forward to SNTP_DELAY_US. */
  serverChanged(): void {
    if (this.#connected) this.link(true);
  }

  #sync(): void {
    const t = this.clock.now;
    this.#offsetUs = this.serverAt(t) - t;
    this.#next = this.clock.after(SNTP_INTERVAL_US, () => this.#sync());
    this.synced(this.serverAt(t));
  }
}

/** What a test or a scenario does to the board's network. */
export class BoardNetwork {
  /** The server's epoch µs at virtual time 0. */
  #baseUs = DEFAULT_EPOCH_US;

  constructor(
    readonly clock: VirtualClock,
    readonly radio: Radio,
    readonly sntp: SntpClient,
  ) {}

  /** The access point goes away (default reason BEACON_TIMEOUT, as when it loses power). */
  dropAp(reason: number = WIFI_REASON.BEACON_TIMEOUT): void {
    this.radio.dropAp(reason);
  }

  /** The access point is back; the board reconnects after its profile's connect time. */
  restoreAp(): void {
    this.radio.restoreAp();
  }

  /** The signal strength the board sees, dBm (-100..0). */
  setRssi(dbm: number): void {
    if (!Number.isFinite(dbm) || dbm < -100 || dbm > 0)
      throw new SailError(`setRssi(${dbm}): give the signal in dBm, from -100 (none) to 0`);
    this.radio.setRssi(Math.round(dbm));
  }

  get apUp(): boolean {
    return this.radio.apUp;
  }

  get rssi(): number {
    return this.radio.rssi;
  }

  /** Sets the time server's date (a Date or an ISO 8601 text); the board hears it at its next sync. */
  setDate(date: Date | string): void {
    const ms = typeof date === "string" ? Date.parse(date) : date.getTime();
    if (!Number.isFinite(ms))
      throw new SailError(`setDate(${String(date)}): give a Date or an ISO 8601 date and time, e.g. 2026-03-01T07:30Z`);
    this.#baseUs = ms * 1000 - this.clock.now;
    this.sntp.serverChanged();
  }

  /** The time server's date now. */
  get date(): Date {
    return new Date(Math.floor(this.serverAt(this.clock.now) / 1000));
  }

  /** The server's time at board time `clockUs`, µs since the epoch. */
  serverAt(clockUs: number): number {
    return this.#baseUs + clockUs;
  }
}
