// Seeded measurement noise: how much each sensor reading adds to the true
// value. The draws are SeededRandom.gaussian's (host/random.ts) in "pairs", so a
// seed gives the same readings every run.

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
