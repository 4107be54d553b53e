// A room's air temperature as a first-order (single-node RC) thermal model,
// dT/dt = (T_out − T)/τ + P·k with τ = C/UA and k = 1/C (lumped capacitance,
// ISO 13790 §C simple hourly method reduced to one node), evolved in closed
// form between input changes: exact for a constant or daily-cosine outside.

import {
  DAY_OMEGA_PER_S,
  US_PER_S,
  checkFinite,
  checkNonNegative,
  checkPositive,
  sinusoidAt,
  type Sinusoid,
} from "./daily.js";

export interface ThermalOptions {
  /**
   * Effective heat capacity of the room, J/K: the air (50 m³ × 1.2 kg/m³ ×
   * 1005 J/(kg·K) ≈ 60 kJ/K) plus the furniture and the surface layers of
   * walls and floor that follow the air within hours. Default 1 MJ/K.
   */
  readonly heatCapacityJPerK?: number;
  /**
   * Heat loss to the outside, W/K: fabric (U·A of walls, window, roof) plus
   * ventilation (0.34 W·h/(m³·K) × air changes × volume). Default 50 W/K, an
   * older 20 m² room with one outside wall and a window.
   */
  readonly lossWPerK?: number;
  /** Air temperature at clock time 0, °C. Default 20. */
  readonly initialC?: number;
}

export const DEFAULT_HEAT_CAPACITY_J_PER_K = 1_000_000;
export const DEFAULT_LOSS_W_PER_K = 50;
export const DEFAULT_INITIAL_C = 20;

/** One segment of the exact solution: the temperature at `s0` (seconds) with inputs constant since. */
interface Anchor {
  readonly s0: number;
  readonly t0C: number;
}

export class RoomThermal {
  readonly heatCapacityJPerK: number;
  readonly lossWPerK: number;
  #outside: Sinusoid;
  #heaterW = 0;
  #anchor: Anchor;

  constructor(outside: Sinusoid, options: ThermalOptions = {}) {
    this.heatCapacityJPerK = checkPositive(
      "thermal.heatCapacityJPerK",
      options.heatCapacityJPerK ?? DEFAULT_HEAT_CAPACITY_J_PER_K,
    );
    this.lossWPerK = checkPositive("thermal.lossWPerK", options.lossWPerK ?? DEFAULT_LOSS_W_PER_K);
    this.#outside = outside;
    this.#anchor = { s0: 0, t0C: checkFinite("thermal.initialC", options.initialC ?? DEFAULT_INITIAL_C) };
  }

  /** τ = C/UA, seconds: the room covers 63 % of a step towards equilibrium in this time. */
  get timeConstantS(): number {
    return this.heatCapacityJPerK / this.lossWPerK;
  }

  /** Heating power now going into the room, W. */
  get heaterW(): number {
    return this.#heaterW;
  }

  /** The outside temperature at clock time `tUs`, °C. */
  outsideAt(tUs: number): number {
    return sinusoidAt(this.#outside, tUs / US_PER_S);
  }

  /**
   * Where the room settles with the present heating: T_out + P/UA for a
   * constant outside; for a daily curve, the mean of the daily swing it settles into.
   */
  get equilibriumC(): number {
    return this.#outside.meanC + this.#heaterW / this.lossWPerK;
  }

  /** The air temperature at clock time `tUs`, °C (exact for inputs constant since the last change). */
  temperatureAt(tUs: number): number {
    const s = Math.max(tUs / US_PER_S, this.#anchor.s0);
    const tau = this.timeConstantS;
    return (
      this.#particular(s) +
      (this.#anchor.t0C - this.#particular(this.#anchor.s0)) * Math.exp(-(s - this.#anchor.s0) / tau)
    );
  }

  /** Changes the heating power from `tUs` on. */
  setHeaterW(watts: number, tUs: number): void {
    this.#reanchor(tUs);
    this.#heaterW = checkNonNegative("heater power (W)", watts);
  }

  /** Changes the outside temperature from `tUs` on. */
  setOutside(outside: Sinusoid, tUs: number): void {
    this.#reanchor(tUs);
    this.#outside = outside;
  }

  /** Sets the air temperature now (a test's starting point). */
  setTemperature(c: number, tUs: number): void {
    this.#anchor = { s0: Math.max(tUs / US_PER_S, this.#anchor.s0), t0C: checkFinite("room temperature", c) };
  }

  #reanchor(tUs: number): void {
    const s = Math.max(tUs / US_PER_S, this.#anchor.s0);
    this.#anchor = { s0: s, t0C: this.temperatureAt(s * US_PER_S) };
  }

  /**
   * The particular solution for the present inputs: with T_out = M + A·cos θ,
   * θ = ω·s + φ, it is T_p = M + P/UA + A/(1 + ω²τ²)·(cos θ + ωτ·sin θ).
   */
  #particular(s: number): number {
    const o = this.#outside;
    const base = o.meanC + this.#heaterW / this.lossWPerK;
    if (o.amplitudeC === 0) return base;
    const wt = DAY_OMEGA_PER_S * this.timeConstantS;
    const theta = DAY_OMEGA_PER_S * s + o.phase0;
    return base + (o.amplitudeC / (1 + wt * wt)) * (Math.cos(theta) + wt * Math.sin(theta));
  }
}
