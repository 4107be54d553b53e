// Seeded measurement noise: Gaussian draws by the Box–Muller transform from
// the board's sfc32 generator, so a seed gives the same readings every run.

import { SeededRandom } from "../random.js";
import { checkNonNegative } from "./daily.js";

/** Standard deviations of what a sensor reading adds to the true value. */
export interface NoiseOptions {
  /** °C. Default 0.03 (SHT3x high repeatability is 0.04 °C, 3σ ≈ 0.1). */
  readonly temperatureC?: number;
  /** %RH. Default 0.1 (SHT3x high repeatability 0.08 %RH). */
  readonly humidityPct?: number;
  /** Relative, of the lux value. Default 0.01. */
  readonly luxRelative?: number;
  /** Relative, of the PM value. Default 0.03. */
  readonly pmRelative?: number;
  /** Absolute floor, µg/m³. Default 0.5. */
  readonly pmUgPerM3?: number;
}

export type NoiseSigmas = Required<NoiseOptions>;

export const DEFAULT_NOISE: NoiseSigmas = {
  temperatureC: 0.03,
  humidityPct: 0.1,
  luxRelative: 0.01,
  pmRelative: 0.03,
  pmUgPerM3: 0.5,
};

export const NO_NOISE: NoiseSigmas = { temperatureC: 0, humidityPct: 0, luxRelative: 0, pmRelative: 0, pmUgPerM3: 0 };

/** Resolves the world's noise option: false or omitted fields fall back as documented. */
export function noiseSigmas(options: NoiseOptions | false | undefined): NoiseSigmas {
  if (options === false) return NO_NOISE;
  const s = { ...DEFAULT_NOISE, ...options };
  for (const [k, v] of Object.entries(s)) checkNonNegative(`noise.${k}`, v);
  return s;
}

/** One stream of standard normal draws. */
export class GaussianNoise {
  readonly #random: SeededRandom;
  #spare: number | null = null;

  constructor(seed: number) {
    this.#random = new SeededRandom(seed);
  }

  /** A draw from N(0, sigma²); sigma 0 draws nothing and returns 0. */
  next(sigma: number): number {
    if (sigma === 0) return 0;
    if (this.#spare !== null) {
      const z = this.#spare;
      this.#spare = null;
      return z * sigma;
    }
    // 1 − u keeps the logarithm's argument in (0, 1].
    const u1 = 1 - this.#random.next();
    const u2 = this.#random.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.#spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2) * sigma;
  }
}
