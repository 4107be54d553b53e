// One room's physical world on a virtual clock: air temperature, humidity,
// light and PM2.5, each evolved in closed form between input changes (no
// ticking), coupled to boards' outputs (heater relay, lamp PWM, purifier fan)
// and read by sensors through seeded-noise provider functions.

import { SailError } from "../errors.js";
import { SeededRandom } from "../random.js";
import type { VirtualClock } from "../time/clock.js";
import { Actuator, type OutputRef } from "./actuator.js";
import { RoomAir, type AirOptions } from "./air.js";
import { DayClock, checkNonNegative, checkPositive, type OutsideTemperature } from "./daily.js";
import { RoomHumidity, type HumidityOptions } from "./humidity.js";
import { RoomLight, type DaylightOptions, type LampSpaceOptions } from "./light.js";
import { noiseSigmas, type NoiseOptions, type NoiseSigmas } from "./noise.js";
import { RoomThermal, type ThermalOptions } from "./thermal.js";

export interface WorldOptions {
  /** Seed of the sensor noise (default 1): same seed, same readings. */
  readonly seed?: number;
  /** Time of day at clock time 0, hours (default 0: the clock starts at midnight). */
  readonly startHour?: number;
  /** Floor area, m² (default 20). */
  readonly floorAreaM2?: number;
  /** Ceiling height, m (default 2.5, so 50 m³). */
  readonly ceilingHeightM?: number;
  /** Outdoor air exchanged per hour, in room volumes (default 0.5, a typical dwelling). */
  readonly airChangesPerH?: number;
  /** Outside temperature: °C, or a daily curve (default 10 °C). */
  readonly outside?: OutsideTemperature;
  readonly thermal?: ThermalOptions;
  readonly humidity?: HumidityOptions;
  readonly daylight?: DaylightOptions;
  readonly lamps?: LampSpaceOptions;
  readonly air?: AirOptions;
  /** Standard deviations of sensor readings, or false for exact readings. */
  readonly noise?: NoiseOptions | false;
}

/** What the room is like at one instant: exact values, no noise. */
export interface WorldState {
  readonly timeUs: number;
  readonly hourOfDay: number;
  readonly temperatureC: number;
  readonly outsideC: number;
  readonly humidityPct: number;
  readonly absoluteHumidityGPerM3: number;
  readonly lux: number;
  readonly daylightLux: number;
  readonly lampLux: number;
  readonly pm25: number;
  readonly outdoorPm25: number;
  readonly heaterW: number;
  readonly cadrM3PerH: number;
}

export interface HeaterOptions {
  /** Electrical power at full on, W, all of it heat in the room (default 1500). */
  readonly powerW?: number;
  readonly drivenBy?: OutputRef;
  readonly name?: string;
}

export interface LampOptions {
  /** Luminous flux at full on, lm (default 806: a "60 W" LED bulb); a PWM duty scales it linearly. */
  readonly lumens?: number;
  readonly drivenBy?: OutputRef;
  readonly name?: string;
}

export interface PurifierOptions {
  /** Clean air delivery rate at full speed, m³/h (default 300); scaled linearly by the fan's duty. */
  readonly cadrM3PerH?: number;
  readonly drivenBy?: OutputRef;
  readonly name?: string;
}

export const DEFAULT_FLOOR_AREA_M2 = 20;
export const DEFAULT_CEILING_HEIGHT_M = 2.5;
export const DEFAULT_AIR_CHANGES_PER_H = 0.5;
export const DEFAULT_OUTSIDE_C = 10;
export const DEFAULT_HEATER_W = 1500;
export const DEFAULT_LAMP_LUMENS = 806;
export const DEFAULT_PURIFIER_CADR_M3_PER_H = 300;

export class World {
  readonly day: DayClock;
  readonly volumeM3: number;
  readonly thermal: RoomThermal;
  readonly humidity: RoomHumidity;
  readonly light: RoomLight;
  readonly air: RoomAir;
  readonly noise: NoiseSigmas;
  readonly #seed: number;
  #streams = 0;
  readonly #heaters: { readonly powerW: number; readonly actuator: Actuator }[] = [];
  readonly #purifiers: { readonly cadrM3PerH: number; readonly actuator: Actuator }[] = [];

  constructor(
    readonly clock: VirtualClock,
    options: WorldOptions = {},
  ) {
    this.#seed = options.seed ?? 1;
    this.day = new DayClock(options.startHour ?? 0);
    const area = checkPositive("floorAreaM2", options.floorAreaM2 ?? DEFAULT_FLOOR_AREA_M2);
    this.volumeM3 = area * checkPositive("ceilingHeightM", options.ceilingHeightM ?? DEFAULT_CEILING_HEIGHT_M);
    const ach = checkNonNegative("airChangesPerH", options.airChangesPerH ?? DEFAULT_AIR_CHANGES_PER_H);
    this.thermal = new RoomThermal(this.day.sinusoid(options.outside ?? DEFAULT_OUTSIDE_C), options.thermal);
    this.humidity = new RoomHumidity(this.volumeM3, ach, this.thermal.temperatureAt(0), options.humidity);
    this.light = new RoomLight(this.day, area, options.daylight, options.lamps);
    this.air = new RoomAir(this.volumeM3, ach, options.air);
    this.noise = noiseSigmas(options.noise);
  }

  /** Virtual time now, µs: inside a firmware handler its device time, so a sensor read mid-handler sees now. */
  get now(): number {
    return this.clock.current;
  }

  /** Hour of the day now, [0, 24). */
  get hourOfDay(): number {
    return this.day.hourOfDay(this.now);
  }

  // --- the test face: set the world -------------------------------------------

  setOutsideTemperature(outside: OutsideTemperature): void {
    this.thermal.setOutside(this.day.sinusoid(outside), this.now);
  }

  setTemperature(c: number): void {
    this.thermal.setTemperature(c, this.now);
  }

  /** Sets the relative humidity now (the absolute humidity follows from the temperature). */
  setHumidity(rhPct: number): void {
    this.humidity.setRelative(rhPct, this.temperatureC, this.now);
  }

  /** Moisture released in the room from now on, g/h (people, cooking, a humidifier). */
  setMoistureSource(gPerH: number): void {
    this.humidity.setSource(gPerH, this.now);
  }

  /** Indoor PM2.5 now, µg/m³ (e.g. 150 after burnt toast). */
  setPm25(ugPerM3: number): void {
    this.air.setPm25(ugPerM3, this.now);
  }

  setOutdoorPm25(ugPerM3: number): void {
    this.air.setOutdoorPm25(ugPerM3, this.now);
  }

  /** Indoor PM2.5 emission from now on, µg/h. */
  setPm25Source(ugPerH: number): void {
    this.air.setSource(ugPerH, this.now);
  }

  /** The sky from now on: 1 clear, about 0.2 overcast. */
  setSky(fraction: number): void {
    this.light.sky = fraction;
  }

  // --- things in the room -------------------------------------------------------

  /** A heater (relay on = full power); returns its actuator, following `drivenBy` if given. */
  addHeater(options: HeaterOptions = {}): Actuator {
    const powerW = checkNonNegative("heater powerW", options.powerW ?? DEFAULT_HEATER_W);
    const actuator = new Actuator(options.name ?? `heater ${this.#heaters.length + 1}`, () => this.now);
    this.#heaters.push({ powerW, actuator });
    actuator.onChange((_, tUs) =>
      this.thermal.setHeaterW(
        this.#sum(this.#heaters, (h) => h.powerW),
        tUs,
      ),
    );
    if (options.drivenBy !== undefined) actuator.follow(options.drivenBy);
    return actuator;
  }

  /** A lamp on the room's work surface; returns its actuator, following `drivenBy` if given. */
  addLamp(options: LampOptions = {}): Actuator {
    const lumens = checkNonNegative("lamp lumens", options.lumens ?? DEFAULT_LAMP_LUMENS);
    const actuator = new Actuator(options.name ?? "lamp", () => this.now);
    this.light.add({
      lumens,
      get level() {
        return actuator.level;
      },
    });
    if (options.drivenBy !== undefined) actuator.follow(options.drivenBy);
    return actuator;
  }

  /** An air purifier whose CADR scales with its fan's duty; returns its actuator. */
  addPurifier(options: PurifierOptions = {}): Actuator {
    const cadrM3PerH = checkNonNegative("purifier cadrM3PerH", options.cadrM3PerH ?? DEFAULT_PURIFIER_CADR_M3_PER_H);
    const actuator = new Actuator(options.name ?? `purifier ${this.#purifiers.length + 1}`, () => this.now);
    this.#purifiers.push({ cadrM3PerH, actuator });
    actuator.onChange((_, tUs) =>
      this.air.setCadr(
        this.#sum(this.#purifiers, (p) => p.cadrM3PerH),
        tUs,
      ),
    );
    if (options.drivenBy !== undefined) actuator.follow(options.drivenBy);
    return actuator;
  }

  // --- the test face: read the world --------------------------------------------

  get temperatureC(): number {
    return this.thermal.temperatureAt(this.now);
  }

  get humidityPct(): number {
    return this.humidity.relativeAt(this.now, this.temperatureC);
  }

  get lux(): number {
    return this.light.luxAt(this.now);
  }

  get pm25(): number {
    return this.air.pm25At(this.now);
  }

  state(): WorldState {
    const t = this.now;
    const temperatureC = this.thermal.temperatureAt(t);
    const daylightLux = this.light.daylightAt(t);
    const lampLux = this.light.lampLux;
    return {
      timeUs: t,
      hourOfDay: this.day.hourOfDay(t),
      temperatureC,
      outsideC: this.thermal.outsideAt(t),
      humidityPct: this.humidity.relativeAt(t, temperatureC),
      absoluteHumidityGPerM3: this.humidity.absoluteAt(t),
      lux: daylightLux + lampLux,
      daylightLux,
      lampLux,
      pm25: this.air.pm25At(t),
      outdoorPm25: this.air.outdoorPm25,
      heaterW: this.thermal.heaterW,
      cadrM3PerH: this.air.cadrM3PerH,
    };
  }

  /**
   * Virtual time (µs, rounded up) the model needs to take PM2.5 from `from`
   * to `to` µg/m³ with every purifier at `duty` (default: as they run now),
   * or with a given total CADR. Infinity if `to` is never reached.
   */
  pm25TimeToReach(from: number, to: number, at: { readonly duty?: number; readonly cadrM3PerH?: number } = {}): number {
    if (at.duty !== undefined && at.cadrM3PerH !== undefined) {
      throw new SailError("world.pm25TimeToReach: give duty or cadrM3PerH, not both");
    }
    let cadr = this.air.cadrM3PerH;
    if (at.cadrM3PerH !== undefined) cadr = at.cadrM3PerH;
    if (at.duty !== undefined) {
      if (!(at.duty >= 0 && at.duty <= 1))
        throw new SailError(`world.pm25TimeToReach: duty ${at.duty} must be a fraction from 0 to 1`);
      const duty = at.duty;
      cadr = this.#purifiers.reduce((sum, p) => sum + p.cadrM3PerH * duty, 0);
    }
    const s = this.air.secondsToReach(from, to, cadr);
    return Number.isFinite(s) ? Math.ceil(s * 1_000_000) : Infinity;
  }

  // --- the sensor face: providers for part models -------------------------------

  /** For an SHT3x-style part: temperature and relative humidity now, with its own noise stream. */
  environmentProvider(): () => { temperatureC: number; humidityPct: number } {
    const noise = this.#stream();
    return () => {
      const t = this.now;
      const c = this.thermal.temperatureAt(t);
      const rh = this.humidity.relativeAt(t, c);
      return {
        temperatureC: c + noise(this.noise.temperatureC),
        humidityPct: clamp(rh + noise(this.noise.humidityPct), 0, 100),
      };
    };
  }

  /** For a BH1750-style part: illuminance on the work surface now, lx. */
  luxProvider(): () => number {
    const noise = this.#stream();
    return () => {
      const lux = this.lux;
      return Math.max(0, lux * (1 + noise(this.noise.luxRelative)));
    };
  }

  /** For a PMS5003-style part: PM1, PM2.5 and PM10 now, µg/m³. */
  pmProvider(): () => { pm1: number; pm25: number; pm10: number } {
    const noise = this.#stream();
    return () => {
      const pm25 = this.pm25;
      const sigma = Math.hypot(pm25 * this.noise.pmRelative, this.noise.pmUgPerM3);
      const measured = Math.max(0, pm25 + noise(sigma));
      return { pm1: measured * this.air.pm1Ratio, pm25: measured, pm10: measured * this.air.pm10Ratio };
    };
  }

  /** A fresh stream of N(0, sigma²) draws: each sensor gets its own, seeded from the world's seed and its order. */
  #stream(): (sigma: number) => number {
    this.#streams++;
    const random = new SeededRandom((Math.imul(this.#seed >>> 0, 0x9e3779b1) + this.#streams * 0x85ebca6b) >>> 0);
    return (sigma) => random.gaussian(sigma, "pairs");
  }

  #sum<T extends { readonly actuator: Actuator }>(items: readonly T[], full: (item: T) => number): number {
    let total = 0;
    for (const item of items) total += full(item) * item.actuator.level;
    return total;
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
