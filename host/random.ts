// The board's seeded random generator (sfc32): same seed, same sequence, on
// any machine. Used for the firmware's random_u32 / Math.random seed and for
// physical noise such as contact bounce and sensor readings (the one Gaussian).

export class SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  /** The second normal of the last "pairs" transform, not yet returned. */
  #spare: number | null = null;

  constructor(seed: number) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** 32 random bits as an unsigned integer. */
  nextU32(): number {
    const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) >>> 0;
    this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
    this.#c = (this.#c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /**
   * A draw from N(0, sigma²) by the Box–Muller transform; sigma ≤ 0 draws
   * nothing and returns 0. One transform takes two uniform draws and gives two
   * independent standard normals, r·cos θ and r·sin θ. "single" (the default,
   * the sensor parts' noise) returns the first and drops the second; "pairs"
   * (the world's noise) keeps the second for the next "pairs" call, so two
   * calls take two uniform draws. Either way a seed gives the same sequence
   * every run, on any machine.
   */
  gaussian(sigma: number, draws: "single" | "pairs" = "single"): number {
    if (sigma <= 0) return 0;
    if (draws === "pairs" && this.#spare !== null) {
      const z = this.#spare;
      this.#spare = null;
      return z * sigma;
    }
    // 1 − u keeps the logarithm's argument in (0, 1].
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    // Floating-point products do not associate: each way keeps the order of
    // its products, (σ·r)·cos θ and (r·cos θ)·σ, so its numbers stay as they were.
    if (draws === "single") return sigma * r * Math.cos(angle);
    this.#spare = r * Math.sin(angle);
    return r * Math.cos(angle) * sigma;
  }
}
