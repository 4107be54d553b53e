// Illuminance on a room's work surface: daylight through the windows — a
// half-sine of the outdoor clear-sky illuminance between sunrise and sunset
// times the daylight factor (CIBSE LG10 / BS 8206-2: indoor ÷ outdoor
// illuminance) — plus lamps by the lumen method, E = Φ·UF·MF / A.

import { SailError } from "../errors.js";
import { checkFraction, checkNonNegative, checkPositive, type DayClock } from "./daily.js";

export interface DaylightOptions {
  /** Hour of sunrise, 0–24. Default 6. */
  readonly sunriseH?: number;
  /** Hour of sunset, after sunrise. Default 20. */
  readonly sunsetH?: number;
  /** Outdoor horizontal illuminance at solar noon under a clear sky, lx (mid-latitude summer ≈ 100 000). */
  readonly clearSkyPeakLux?: number;
  /** Indoor ÷ outdoor illuminance at the work surface (2 % is a well daylit room). Default 0.02. */
  readonly daylightFactor?: number;
  /** The sky: 1 clear; overcast ≈ 0.2. Default 1. */
  readonly sky?: number;
}

export interface LampSpaceOptions {
  /**
   * Utilisation factor: the share of lamp lumens reaching the work surface. Default 0.5 (a mid-size room, light walls).
   */
  readonly utilisationFactor?: number;
  /** Maintenance factor: dirt and lumen depreciation. Default 0.8. */
  readonly maintenanceFactor?: number;
}

export const DEFAULT_SUNRISE_H = 6;
export const DEFAULT_SUNSET_H = 20;
export const DEFAULT_CLEAR_SKY_PEAK_LUX = 100_000;
export const DEFAULT_DAYLIGHT_FACTOR = 0.02;
export const DEFAULT_UTILISATION_FACTOR = 0.5;
export const DEFAULT_MAINTENANCE_FACTOR = 0.8;

/** Something that emits light: its full output and how much of it is on now (0..1). */
export interface LightSource {
  readonly lumens: number;
  readonly level: number;
}

export class RoomLight {
  readonly sunriseH: number;
  readonly sunsetH: number;
  #clearSkyPeakLux: number;
  readonly daylightFactor: number;
  #sky: number;
  /** Lux on the work surface per lumen of lamp output. */
  readonly luxPerLumen: number;
  readonly #sources: LightSource[] = [];

  constructor(
    readonly day: DayClock,
    readonly floorAreaM2: number,
    daylight: DaylightOptions = {},
    lamps: LampSpaceOptions = {},
  ) {
    this.sunriseH = daylight.sunriseH ?? DEFAULT_SUNRISE_H;
    this.sunsetH = daylight.sunsetH ?? DEFAULT_SUNSET_H;
    if (!(this.sunriseH >= 0 && this.sunriseH < this.sunsetH && this.sunsetH <= 24)) {
      throw new SailError(
        `world: daylight sunriseH ${this.sunriseH} and sunsetH ` +
          `${this.sunsetH} must satisfy 0 <= sunrise < sunset <= 24`,
      );
    }
    this.#clearSkyPeakLux = checkNonNegative(
      "daylight.clearSkyPeakLux",
      daylight.clearSkyPeakLux ?? DEFAULT_CLEAR_SKY_PEAK_LUX,
    );
    this.daylightFactor = checkFraction("daylight.daylightFactor", daylight.daylightFactor ?? DEFAULT_DAYLIGHT_FACTOR);
    this.#sky = checkFraction("daylight.sky", daylight.sky ?? 1);
    const uf = checkFraction("lamps.utilisationFactor", lamps.utilisationFactor ?? DEFAULT_UTILISATION_FACTOR);
    const mf = checkFraction("lamps.maintenanceFactor", lamps.maintenanceFactor ?? DEFAULT_MAINTENANCE_FACTOR);
    this.luxPerLumen = (uf * mf) / checkPositive("floor area (m²)", floorAreaM2);
  }

  get clearSkyPeakLux(): number {
    return this.#clearSkyPeakLux;
  }

  set clearSkyPeakLux(lux: number) {
    this.#clearSkyPeakLux = checkNonNegative("clear-sky peak (lx)", lux);
  }

  /** 1 for a clear sky, less under cloud. */
  get sky(): number {
    return this.#sky;
  }

  set sky(fraction: number) {
    this.#sky = checkFraction("sky", fraction);
  }

  /** Adds a lamp; its level is read whenever the light level is. */
  add(source: LightSource): void {
    this.#sources.push(source);
  }

  /** Outdoor illuminance at clock time `tUs`, lx: a half-sine from sunrise to sunset, 0 at night. */
  outdoorAt(tUs: number): number {
    const h = this.day.hourOfDay(tUs);
    if (h <= this.sunriseH || h >= this.sunsetH) return 0;
    return (
      this.#clearSkyPeakLux * this.#sky * Math.sin((Math.PI * (h - this.sunriseH)) / (this.sunsetH - this.sunriseH))
    );
  }

  /** Daylight on the work surface at `tUs`, lx. */
  daylightAt(tUs: number): number {
    return this.outdoorAt(tUs) * this.daylightFactor;
  }

  /** Lamp light on the work surface now, lx. */
  get lampLux(): number {
    let lumens = 0;
    for (const s of this.#sources) lumens += s.lumens * s.level;
    return lumens * this.luxPerLumen;
  }

  /** Total illuminance on the work surface at `tUs`, lx. */
  luxAt(tUs: number): number {
    return this.daylightAt(tUs) + this.lampLux;
  }
}
