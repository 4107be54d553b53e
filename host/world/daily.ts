// Time of day on the virtual clock and the daily outside-temperature curve: a
// cosine over 24 h peaking mid-afternoon, the usual first approximation of the
// diurnal cycle (ASHRAE Handbook — Fundamentals, ch. 14, daily range).

import { SailError } from "../errors.js";

export const US_PER_S = 1_000_000;
export const S_PER_H = 3_600;
export const H_PER_DAY = 24;
export const S_PER_DAY = S_PER_H * H_PER_DAY;
/** Angular frequency of the daily cycle, rad/s. */
export const DAY_OMEGA_PER_S = (2 * Math.PI) / S_PER_DAY;

/** Hour of the day at which the daily outside temperature peaks, by default (mid-afternoon). */
export const DEFAULT_WARMEST_AT_H = 15;

/** An outside temperature that follows the day: meanC ± amplitudeC, warmest at warmestAtH. */
export interface DailyCurve {
  readonly meanC: number;
  /** Half the daily range, °C (a clear spring day: 4–6 °C). */
  readonly amplitudeC: number;
  /** Hour of the warmest moment, 0–24 (default 15). */
  readonly warmestAtH?: number;
}

/** A constant outside temperature in °C, or a daily curve. */
export type OutsideTemperature = number | DailyCurve;

/** The outside temperature as mean + amplitude·cos(phase(t)); a constant has amplitude 0. */
export interface Sinusoid {
  readonly meanC: number;
  readonly amplitudeC: number;
  /** Phase at clock time 0, rad: the curve is mean + amplitude·cos(ω·s + phase0) with s in seconds. */
  readonly phase0: number;
}

/** Maps virtual clock time (µs since clock 0) to the time of day. */
export class DayClock {
  /** `startHour`: the time of day at clock 0, in hours (e.g. 6.5 = 06:30). */
  constructor(readonly startHour: number) {
    if (!Number.isFinite(startHour) || startHour < 0 || startHour >= H_PER_DAY) {
      throw new SailError(
        `world: startHour ${startHour} must be an hour of the day from 0 (midnight) up to but not including 24`,
      );
    }
  }

  /** Hour of the day at clock time `tUs`, in [0, 24). */
  hourOfDay(tUs: number): number {
    const h = (this.startHour + tUs / US_PER_S / S_PER_H) % H_PER_DAY;
    return h < 0 ? h + H_PER_DAY : h;
  }

  /** The outside temperature as a sinusoid in clock seconds. */
  sinusoid(outside: OutsideTemperature): Sinusoid {
    if (typeof outside === "number") {
      checkFinite("outside temperature", outside);
      return { meanC: outside, amplitudeC: 0, phase0: 0 };
    }
    checkFinite("outside meanC", outside.meanC);
    checkFinite("outside amplitudeC", outside.amplitudeC);
    const warmest = outside.warmestAtH ?? DEFAULT_WARMEST_AT_H;
    if (!Number.isFinite(warmest) || warmest < 0 || warmest > H_PER_DAY) {
      throw new SailError(`world: outside warmestAtH ${warmest} must be an hour from 0 to 24`);
    }
    // cos(ω·(s + startHour·3600 − warmest·3600)): 1 when the hour of day is `warmest`.
    return {
      meanC: outside.meanC,
      amplitudeC: Math.abs(outside.amplitudeC),
      phase0: DAY_OMEGA_PER_S * (this.startHour - warmest) * S_PER_H,
    };
  }
}

/** The sinusoid's value at clock second `s`. */
export function sinusoidAt(c: Sinusoid, s: number): number {
  return c.amplitudeC === 0 ? c.meanC : c.meanC + c.amplitudeC * Math.cos(DAY_OMEGA_PER_S * s + c.phase0);
}

export function checkFinite(what: string, value: number): number {
  if (!Number.isFinite(value)) throw new SailError(`world: ${what} must be a finite number; got ${value}`);
  return value;
}

export function checkPositive(what: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new SailError(`world: ${what} must be a number above 0; got ${value}`);
  return value;
}

export function checkNonNegative(what: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new SailError(`world: ${what} must be a number of 0 or more; got ${value}`);
  return value;
}

export function checkFraction(what: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new SailError(`world: ${what} must be a fraction from 0 to 1; got ${value}`);
  return value;
}
