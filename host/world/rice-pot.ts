// A pot of rice on a heater, as a first-order thermal model like the room's
// (thermal.ts): dT/dt = (P − UA·(T − T_room))/C, solved exactly over steps of
// at most a second, with boiling: while water is left the pot cannot pass
// 100 °C and the surplus heat evaporates water (latent heat 2257 J/g). Once
// the water is gone the bottom climbs past 100 °C, which is what a rice
// cooker's thermostat senses. The heater follows a relay pin of a board.

import type { Board } from "../board/board.js";
import { SailError } from "../errors.js";

export interface RicePotOptions {
  /** Heater power, W (default 700, a 1-litre cooker). */
  readonly heaterW?: number;
  /** Heat capacity of pot, rice and water, J/K (default 5,500: 1.2 kg of water and the pot). */
  readonly heatCapacityJPerK?: number;
  /** Loss to the kitchen, W/K (default 2). */
  readonly lossWPerK?: number;
  /** Kitchen temperature, °C (default 22). */
  readonly kitchenC?: number;
  /** Water the rice does not absorb, to be boiled off, g (default 150). */
  readonly freeWaterG?: number;
}

/** The board's log line when its power is cut (host/board/lifecycle.ts). */
const POWER_CUT_LOG = "power cut";
const BOILING_C = 100;
const LATENT_J_PER_G = 2257;
const MAX_STEP_S = 1;

export class RicePot {
  readonly heaterW: number;
  readonly heatCapacityJPerK: number;
  readonly lossWPerK: number;
  readonly kitchenC: number;
  #temperatureC: number;
  #waterG: number;
  #heating = false;
  #atUs = 0;
  /** The hottest the pot has been, °C (a burnt pot shows here). */
  maxC: number;

  constructor(options: RicePotOptions = {}) {
    this.heaterW = options.heaterW ?? 700;
    this.heatCapacityJPerK = options.heatCapacityJPerK ?? 5500;
    this.lossWPerK = options.lossWPerK ?? 2;
    this.kitchenC = options.kitchenC ?? 22;
    this.#waterG = options.freeWaterG ?? 150;
    if (!(this.heaterW >= 0 && this.heatCapacityJPerK > 0 && this.lossWPerK > 0 && this.#waterG >= 0))
      throw new SailError("RicePot: heaterW and freeWaterG must be 0 or more, heatCapacityJPerK and lossWPerK above 0");
    this.#temperatureC = this.kitchenC;
    this.maxC = this.kitchenC;
  }

  /**
   * Couples the heater to `gpio` of `board` (on while the pin is high, or low
   * with `activeLow`); the relay drops out when the board's power is cut.
   */
  attach(board: Board, gpio: number, activeLow = false): this {
    this.#atUs = board.now;
    board.trace.onEntry((e) => {
      if (e.kind !== "level" || e.gpio !== gpio) return;
      this.at(e.timeUs);
      this.#heating = (e.level === 1) !== activeLow;
    });
    board.changes.onLog((line) => {
      if (line.source !== "board" || line.text !== POWER_CUT_LOG) return;
      this.at(line.timeUs);
      this.#heating = false;
    });
    return this;
  }

  /** The pot's temperature at board time `tUs`, °C (advances the model). */
  at(tUs: number): number {
    let left = (tUs - this.#atUs) / 1e6;
    if (left > 0) this.#atUs = tUs;
    while (left > 0) {
      const dt = Math.min(MAX_STEP_S, left);
      left -= dt;
      this.#step(dt);
    }
    return this.#temperatureC;
  }

  /** Water still to boil off, g. */
  get waterG(): number {
    return this.#waterG;
  }

  get heating(): boolean {
    return this.#heating;
  }

  #step(dt: number): void {
    const p = this.#heating ? this.heaterW : 0;
    const tau = this.heatCapacityJPerK / this.lossWPerK;
    const eq = this.kitchenC + p / this.lossWPerK;
    let t = eq + (this.#temperatureC - eq) * Math.exp(-dt / tau);
    if (t > BOILING_C && this.#waterG > 0) {
      // The surplus over what holds the pot at 100 °C goes into steam.
      const surplusJ = (p - this.lossWPerK * (BOILING_C - this.kitchenC)) * dt;
      this.#waterG = Math.max(0, this.#waterG - Math.max(0, surplusJ) / LATENT_J_PER_G);
      t = BOILING_C;
    }
    this.#temperatureC = t;
    this.maxC = Math.max(this.maxC, t);
  }
}
