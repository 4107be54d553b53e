// Indoor PM2.5 as a well-mixed single-zone mass balance (the indoor/outdoor
// model of Nazaroff 2004, with an air cleaner as in AHAM AC-1 CADR):
// dC/dt = S/V − (k_dep + k_inf + CADR/V)·C, S = P·k_inf·V·C_out + E,
// solved in closed form between changes of the fans, sources or outdoor air.

import { checkFraction, checkNonNegative, US_PER_S } from "./daily.js";

export interface AirOptions {
  /** Indoor PM2.5 at clock time 0, µg/m³. Default 10. */
  readonly initialPm25?: number;
  /** Outdoor PM2.5, µg/m³. Default 10 (the WHO 2005 annual guideline; 2021's is 5). */
  readonly outdoorPm25?: number;
  /** Penetration factor: the share of outdoor particles that survive the trip through the envelope. Default 0.8. */
  readonly penetration?: number;
  /** Deposition on surfaces, 1/h. Default 0.2 (PM2.5 measurements range 0.1–0.4 /h). */
  readonly depositionPerH?: number;
  /** Indoor emission, µg/h (frying ≈ 1–5 mg/min while it lasts). Default 0. */
  readonly sourceUgPerH?: number;
  /**
   * PM1 ÷ PM2.5 and PM10 ÷ PM2.5 of the aerosol, for sensors that report all three. Defaults 0.75 and 1.5 (urban
   * background).
   */
  readonly pm1Ratio?: number;
  readonly pm10Ratio?: number;
}

export const DEFAULT_INITIAL_PM25 = 10;
export const DEFAULT_OUTDOOR_PM25 = 10;
export const DEFAULT_PENETRATION = 0.8;
export const DEFAULT_DEPOSITION_PER_H = 0.2;
export const DEFAULT_PM1_RATIO = 0.75;
export const DEFAULT_PM10_RATIO = 1.5;
const S_PER_H = 3600;

export class RoomAir {
  #outdoorPm25: number;
  readonly penetration: number;
  readonly depositionPerH: number;
  #sourceUgPerH: number;
  readonly pm1Ratio: number;
  readonly pm10Ratio: number;
  #cadrM3PerH = 0;
  #s0 = 0;
  #c0: number;

  constructor(
    readonly volumeM3: number,
    readonly airChangesPerH: number,
    options: AirOptions = {},
  ) {
    this.#c0 = checkNonNegative("air.initialPm25", options.initialPm25 ?? DEFAULT_INITIAL_PM25);
    this.#outdoorPm25 = checkNonNegative("air.outdoorPm25", options.outdoorPm25 ?? DEFAULT_OUTDOOR_PM25);
    this.penetration = checkFraction("air.penetration", options.penetration ?? DEFAULT_PENETRATION);
    this.depositionPerH = checkNonNegative("air.depositionPerH", options.depositionPerH ?? DEFAULT_DEPOSITION_PER_H);
    this.#sourceUgPerH = checkNonNegative("air.sourceUgPerH", options.sourceUgPerH ?? 0);
    this.pm1Ratio = checkNonNegative("air.pm1Ratio", options.pm1Ratio ?? DEFAULT_PM1_RATIO);
    this.pm10Ratio = checkNonNegative("air.pm10Ratio", options.pm10Ratio ?? DEFAULT_PM10_RATIO);
  }

  get outdoorPm25(): number {
    return this.#outdoorPm25;
  }

  get sourceUgPerH(): number {
    return this.#sourceUgPerH;
  }

  /** Clean air delivered by the air cleaners now, m³/h. */
  get cadrM3PerH(): number {
    return this.#cadrM3PerH;
  }

  /** k = k_dep + k_inf + CADR/V, 1/h: the rate C decays at towards its steady state. */
  lossRatePerH(cadrM3PerH = this.#cadrM3PerH): number {
    return this.depositionPerH + this.airChangesPerH + cadrM3PerH / this.volumeM3;
  }

  /** S/V, µg/(m³·h): infiltrated outdoor particles plus indoor emission. */
  get gainUgPerM3H(): number {
    return this.penetration * this.airChangesPerH * this.#outdoorPm25 + this.#sourceUgPerH / this.volumeM3;
  }

  /** The concentration C settles at, µg/m³, with `cadrM3PerH` of air cleaning (default: now). */
  steadyState(cadrM3PerH = this.#cadrM3PerH): number {
    const k = this.lossRatePerH(cadrM3PerH);
    return k === 0 ? Infinity : this.gainUgPerM3H / k;
  }

  /** PM2.5 at clock time `tUs`, µg/m³. */
  pm25At(tUs: number): number {
    const dtH = Math.max(0, tUs / US_PER_S - this.#s0) / S_PER_H;
    const k = this.lossRatePerH();
    if (k === 0) return this.#c0 + this.gainUgPerM3H * dtH;
    const css = this.gainUgPerM3H / k;
    return css + (this.#c0 - css) * Math.exp(-k * dtH);
  }

  /**
   * Seconds the model needs to take C from `from` to `to` µg/m³ with
   * `cadrM3PerH` of air cleaning and today's sources: t = ln((a − C_ss)/(b − C_ss)) / k.
   * Infinity if `to` is not between `from` and the steady state (never reached).
   */
  secondsToReach(from: number, to: number, cadrM3PerH = this.#cadrM3PerH): number {
    checkNonNegative("PM2.5 from (µg/m³)", from);
    checkNonNegative("PM2.5 to (µg/m³)", to);
    checkNonNegative("CADR (m³/h)", cadrM3PerH);
    if (from === to) return 0;
    const k = this.lossRatePerH(cadrM3PerH);
    if (k === 0) {
      const gain = this.gainUgPerM3H;
      return to > from && gain > 0 ? ((to - from) / gain) * S_PER_H : Infinity;
    }
    const css = this.gainUgPerM3H / k;
    const ratio = (from - css) / (to - css);
    // `to` must lie strictly between `from` and C_ss, on C_ss's side of `from`.
    if (!(ratio > 1)) return Infinity;
    return (Math.log(ratio) / k) * S_PER_H;
  }

  setPm25(ugPerM3: number, tUs: number): void {
    this.#c0 = checkNonNegative("PM2.5 (µg/m³)", ugPerM3);
    this.#s0 = Math.max(tUs / US_PER_S, this.#s0);
  }

  setOutdoorPm25(ugPerM3: number, tUs: number): void {
    this.#reanchor(tUs);
    this.#outdoorPm25 = checkNonNegative("outdoor PM2.5 (µg/m³)", ugPerM3);
  }

  setSource(ugPerH: number, tUs: number): void {
    this.#reanchor(tUs);
    this.#sourceUgPerH = checkNonNegative("PM2.5 source (µg/h)", ugPerH);
  }

  setCadr(m3PerH: number, tUs: number): void {
    this.#reanchor(tUs);
    this.#cadrM3PerH = checkNonNegative("CADR (m³/h)", m3PerH);
  }

  #reanchor(tUs: number): void {
    const s = Math.max(tUs / US_PER_S, this.#s0);
    this.#c0 = this.pm25At(s * US_PER_S);
    this.#s0 = s;
  }
}
