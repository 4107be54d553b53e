// A room's humidity: the absolute humidity (water vapour density, g/m³) is
// the state, held unless moisture sources add to it and air exchange pulls it
// towards the outside's, dρ/dt = G/V + n·(ρ_out − ρ); relative humidity follows
// from the temperature by the Magnus formula (WMO-No. 8, 2018, Annex 4.B:
// e_s = 6.112 hPa · exp(17.62·t / (243.12 + t)), over water).

import { SailError } from "../errors.js";
import { US_PER_S, checkFinite, checkNonNegative, checkPositive } from "./daily.js";

export interface HumidityOptions {
  /** Relative humidity at clock time 0, % (at the room's initial temperature). Default 45. */
  readonly initialPct?: number;
  /**
   * Outside absolute humidity, g/m³, that air exchange pulls towards. Default: the initial indoor value (humidity
   * held).
   */
  readonly outsideGPerM3?: number;
}

export const DEFAULT_INITIAL_RH_PCT = 45;
export const MAGNUS_E0_PA = 611.2; // WMO-No. 8 Annex 4.B: 6.112 hPa
export const MAGNUS_B = 17.62; // over water, −45…60 °C
export const MAGNUS_C_C = 243.12; // °C
/** Specific gas constant of water vapour, J/(kg·K). */
export const R_VAPOUR_J_PER_KG_K = 461.5;
export const KELVIN_AT_0C = 273.15;
const G_PER_KG = 1000;
const S_PER_H = 3600;

/** Saturation vapour pressure over water at `c` °C, Pa (Magnus). */
export function saturationPressurePa(c: number): number {
  return MAGNUS_E0_PA * Math.exp((MAGNUS_B * c) / (MAGNUS_C_C + c));
}

/** Water vapour density (g/m³) of air at `c` °C and `rhPct` % relative humidity. */
export function absoluteHumidity(c: number, rhPct: number): number {
  return (G_PER_KG * (rhPct / 100) * saturationPressurePa(c)) / (R_VAPOUR_J_PER_KG_K * (c + KELVIN_AT_0C));
}

/** Relative humidity (%) of air at `c` °C holding `gPerM3` of water vapour; above 100 means condensing. */
export function relativeHumidity(c: number, gPerM3: number): number {
  const pressurePa = (gPerM3 / G_PER_KG) * R_VAPOUR_J_PER_KG_K * (c + KELVIN_AT_0C);
  return (100 * pressurePa) / saturationPressurePa(c);
}

export class RoomHumidity {
  #outsideGPerM3: number;
  #sourceGPerH = 0;
  #s0 = 0;
  #rho0: number;

  /**
   * `volumeM3` and `airChangesPerH` are the room's; `initialC` is the
   * temperature the initial relative humidity is given at.
   */
  constructor(
    readonly volumeM3: number,
    readonly airChangesPerH: number,
    initialC: number,
    options: HumidityOptions = {},
  ) {
    const rh = options.initialPct ?? DEFAULT_INITIAL_RH_PCT;
    if (!Number.isFinite(rh) || rh < 0 || rh > 100)
      throw new SailError(`world: humidity.initialPct ${rh} must be a relative humidity from 0 to 100 %`);
    checkPositive("room volume (m³)", volumeM3);
    checkNonNegative("airChangesPerH", airChangesPerH);
    this.#rho0 = absoluteHumidity(initialC, rh);
    this.#outsideGPerM3 = checkNonNegative("humidity.outsideGPerM3", options.outsideGPerM3 ?? this.#rho0);
  }

  /** Moisture released into the room now, g/h (a person ≈ 50, cooking ≈ 500, a humidifier 200–400). */
  get sourceGPerH(): number {
    return this.#sourceGPerH;
  }

  /** Absolute humidity at clock time `tUs`, g/m³. */
  absoluteAt(tUs: number): number {
    const dtH = Math.max(0, tUs / US_PER_S - this.#s0) / S_PER_H;
    const n = this.airChangesPerH;
    const gain = this.#sourceGPerH / this.volumeM3; // g/(m³·h)
    if (n === 0) return this.#rho0 + gain * dtH;
    const eq = this.#outsideGPerM3 + gain / n;
    return eq + (this.#rho0 - eq) * Math.exp(-n * dtH);
  }

  /** Relative humidity at clock time `tUs` for air at `c` °C, %, capped at 100 (condensation). */
  relativeAt(tUs: number, c: number): number {
    return Math.min(100, relativeHumidity(c, this.absoluteAt(tUs)));
  }

  setSource(gPerH: number, tUs: number): void {
    this.#reanchor(tUs);
    this.#sourceGPerH = checkNonNegative("moisture source (g/h)", gPerH);
  }

  setOutside(gPerM3: number, tUs: number): void {
    this.#reanchor(tUs);
    this.#outsideGPerM3 = checkNonNegative("outside absolute humidity (g/m³)", gPerM3);
  }

  /** Sets the relative humidity now, for air at `c` °C. */
  setRelative(rhPct: number, c: number, tUs: number): void {
    checkFinite("relative humidity", rhPct);
    if (rhPct < 0 || rhPct > 100) throw new SailError(`world: relative humidity ${rhPct} must be from 0 to 100 %`);
    this.#reanchor(tUs);
    this.#rho0 = absoluteHumidity(c, rhPct);
  }

  #reanchor(tUs: number): void {
    const s = Math.max(tUs / US_PER_S, this.#s0);
    this.#rho0 = this.absoluteAt(s * US_PER_S);
    this.#s0 = s;
  }
}
