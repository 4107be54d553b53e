// Energy over a run from the board profile's current per power state: the
// board reports state changes, handler run time and radio air time; charge
// is integrated exactly (mA × µs) and turned into mAh and battery life.

import type { PowerProfile } from "../boards/profile-parts.js";
import { formatDuration } from "../time/duration.js";

/** What the board is doing between handlers. Handler run time is counted on top as "active". */
export type PowerState = "idle" | "connecting" | "lightSleep" | "deepSleep" | "off";

export const POWER_STATES: readonly PowerState[] = ["idle", "connecting", "lightSleep", "deepSleep", "off"];
type Bucket = PowerState | "active" | "radio";

/** 802.11b at 1 Mbit/s: a 192 µs long preamble, then 8 µs per byte (the profile's TX/RX currents are 11b's). */
const PREAMBLE_US = 192;
const US_PER_BYTE = 8;
const UAS_PER_MAH = 3.6e9;

export interface EnergyReport {
  readonly durationUs: number;
  /** Charge drawn, mAh. */
  readonly mAh: number;
  readonly averageMa: number;
  /** Time per state, µs ("active" is handler run time, "radio" air time). */
  readonly timeUs: Readonly<Record<Bucket, number>>;
  /** Charge per state, mAh. */
  readonly mAhBy: Readonly<Record<Bucket, number>>;
  readonly source: string;
}

export class EnergyMeter {
  #state: PowerState = "off";
  #since: number;
  readonly #startUs: number;
  readonly #uAs: Record<Bucket, number> = {
    idle: 0,
    connecting: 0,
    lightSleep: 0,
    deepSleep: 0,
    off: 0,
    active: 0,
    radio: 0,
  };
  readonly #time: Record<Bucket, number> = {
    idle: 0,
    connecting: 0,
    lightSleep: 0,
    deepSleep: 0,
    off: 0,
    active: 0,
    radio: 0,
  };

  constructor(
    readonly power: PowerProfile,
    readonly now: () => number,
  ) {
    this.#since = now();
    this.#startUs = this.#since;
  }

  get state(): PowerState {
    return this.#state;
  }

  /** The board enters `state` now. */
  enter(state: PowerState): void {
    this.#settle();
    this.#state = state;
  }

  /** A handler ran for `us` of device time: the CPU drew the active current instead of the state's. */
  active(us: number): void {
    if (us <= 0) return;
    this.#time.active += us;
    this.#uAs.active += us * Math.max(0, this.power.activeMa - this.#stateMa(this.#state));
  }

  /** Datagrams on the air: received and sent bytes, charged at the radio's RX/TX current over the baseline. */
  radio(rxBytes: number, txBytes: number): void {
    const base = this.#stateMa(this.#state);
    for (const [bytes, ma] of [
      [rxBytes, this.power.radioRxMa],
      [txBytes, this.power.radioTxMa],
    ] as const) {
      if (bytes <= 0) continue;
      const us = PREAMBLE_US + bytes * US_PER_BYTE;
      this.#time.radio += us;
      this.#uAs.radio += us * Math.max(0, ma - base);
    }
  }

  report(): EnergyReport {
    this.#settle();
    const durationUs = this.now() - this.#startUs;
    const mAhBy = Object.fromEntries(Object.entries(this.#uAs).map(([k, v]) => [k, v / UAS_PER_MAH])) as Record<
      Bucket,
      number
    >;
    const mAh = Object.values(mAhBy).reduce((a, b) => a + b, 0);
    return {
      durationUs,
      mAh,
      averageMa: durationUs > 0 ? (mAh * UAS_PER_MAH) / durationUs : 0,
      timeUs: { ...this.#time },
      mAhBy,
      source: this.power.source,
    };
  }

  #settle(): void {
    const t = this.now();
    const dt = t - this.#since;
    if (dt > 0) {
      this.#time[this.#state] += dt;
      this.#uAs[this.#state] += dt * this.#stateMa(this.#state);
    }
    this.#since = t;
  }

  #stateMa(s: PowerState): number {
    const p = this.power;
    switch (s) {
      case "idle":
        return p.idleMa;
      case "connecting":
        return p.wifiConnectMa;
      case "lightSleep":
        return p.lightSleepMa;
      case "deepSleep":
        return p.deepSleepMa;
      case "off":
        return 0;
    }
  }
}

/** Days a battery of `capacityMah` lasts at the average current of `report` (no self-discharge, no cut-off margin). */
export function batteryLifeDays(report: EnergyReport, capacityMah: number): number {
  return report.averageMa > 0 ? capacityMah / report.averageMa / 24 : Infinity;
}

export function formatEnergy(report: EnergyReport, capacityMah?: number): string {
  const lines = [
    `energy over ${formatDuration(report.durationUs)}: ${report.mAh.toFixed(4)} mAh, ` +
      `average ` +
      (report.averageMa >= 1 ? report.averageMa.toFixed(2) + " mA" : (report.averageMa * 1000).toFixed(1) + " µA"),
  ];
  for (const [k, us] of Object.entries(report.timeUs)) {
    if (us === 0) continue;
    const share = report.mAh > 0 ? (100 * report.mAhBy[k as Bucket]) / report.mAh : 0;
    lines.push(
      `  ${k.padEnd(11)} ${(us / 1e6).toFixed(3).padStart(12)} s  ` +
        `${report.mAhBy[k as Bucket].toFixed(4).padStart(10)} mAh  ${share.toFixed(1).padStart(5)} %`,
    );
  }
  if (capacityMah !== undefined) {
    const days = batteryLifeDays(report, capacityMah);
    lines.push(
      `battery: ${capacityMah} mAh lasts ` +
        `${Number.isFinite(days) ? `${days.toFixed(0)} days (${(days / 365).toFixed(1)} years)` : "forever"} ` +
        `at this average`,
    );
  }
  lines.push(`(currents: ${report.source})`);
  return lines.join("\n");
}
