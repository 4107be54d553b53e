// ROHM BH1750FVI ambient light sensor on I2C (BH1750FVI Technical Note 2009
// Rev.B, "BDS", pp. 2, 10, 11). Bus face: one opcode per write, 2-byte
// big-endian readout, continuous and one-time modes, MTreg.

import { I2cPartBase } from "./i2c-part.js";
import { hex, Noise, valueOf, type I2cByte, type PartHost, type Provider } from "./part.js";

export interface Bh1750Options {
  /** 0x23 (ADDR low, the default) or 0x5C (ADDR high) (BDS p.10). */
  readonly address?: 0x23 | 0x5c;
  /** Illuminance on the sensor, lx: fixed or a world model (default 100 lx). */
  readonly lux?: Provider<number>;
  /**
   * Relative noise of 0.5 % (a Sail choice; BDS gives no noise figure). Default true; world providers bring their own.
   */
  readonly noise?: boolean;
  readonly seed?: number;
}

export type Bh1750Resolution = "H" | "H2" | "L";

// --- opcodes (BDS p.10) ------------------------------------------------------------
const POWER_DOWN = 0x00;
const POWER_ON = 0x01;
const RESET = 0x07; // clears the data register; ignored in Power Down
const CONTINUOUS: ReadonlyMap<number, Bh1750Resolution> = new Map([
  [0x10, "H"],
  [0x11, "H2"],
  [0x13, "L"],
]);
const ONE_TIME: ReadonlyMap<number, Bh1750Resolution> = new Map([
  [0x20, "H"],
  [0x21, "H2"],
  [0x23, "L"],
]);
const MTREG_HIGH = 0x40; // 01000_MT[7:5]
const MTREG_LOW = 0x60; // 011_MT[4:0]

// --- measurement (BDS p.2, p.11) ----------------------------------------------------
export const MTREG_DEFAULT = 69;
export const MTREG_MIN = 31;
export const MTREG_MAX = 254;
/** Maximum measurement time at MTreg 69, µs (BDS p.2: H and H2 180 ms, L 24 ms); scaled by MTreg / 69. */
const MEASUREMENT_US: Readonly<Record<Bh1750Resolution, number>> = { H: 180_000, H2: 180_000, L: 24_000 };
/** Counts per lux at MTreg 69: 1.2 (BDS p.2 "measurement accuracy" typ 1.2). */
const COUNTS_PER_LUX = 1.2;
const NOISE_RELATIVE = 0.005;

/** Lux from a raw reading (BDS p.10–11; drivers CL, ZB): counts / 1.2 × 69 / MTreg, halved in H2. */
export function bh1750Lux(counts: number, mtreg = MTREG_DEFAULT, resolution: Bh1750Resolution = "H"): number {
  return ((counts / COUNTS_PER_LUX) * (MTREG_DEFAULT / mtreg)) / (resolution === "H2" ? 2 : 1);
}

/** Measurement time of one reading, µs (maximum, scaled by MTreg). */
export function bh1750MeasurementUs(resolution: Bh1750Resolution, mtreg = MTREG_DEFAULT): number {
  return (MEASUREMENT_US[resolution] * mtreg) / MTREG_DEFAULT;
}

interface Measuring {
  readonly resolution: Bh1750Resolution;
  readonly continuous: boolean;
  readonly mtreg: number;
  readonly startUs: number;
  /** Continuous: the last measurement copied to the data register (-1: none yet). */
  done: number;
}

/**
 * A BH1750. Test face: `lux` (a number or a provider); faults honoured:
 * nackAddress, nackData, stuck, stretchUs (the part has no CRC). Not
 * modelled: dark output, the coarser steps of L mode.
 */
export class Bh1750 extends I2cPartBase {
  readonly name = "BH1750";
  readonly maxHz = 400_000; // BDS p.2: I2C up to 400 kHz
  #lux: Provider<number>;
  readonly #noiseOn: boolean;
  readonly #seed: number | undefined;
  #noise: Noise | null = null;
  /** Power Down after VCC is applied (BDS p.10 state diagram). */
  #powered = false;
  #mtreg = MTREG_DEFAULT;
  #measuring: Measuring | null = null;
  #data = 0;
  #opcodes = 0;
  #readout: number[] = [];
  #readIndex = 0;

  constructor(options: Bh1750Options = {}) {
    super(options.address ?? 0x23);
    if (this.address !== 0x23 && this.address !== 0x5c)
      throw new RangeError(
        `BH1750 address ${hex(this.address)}: the part answers at 0x23 (ADDR low) or 0x5C (ADDR high)`,
      );
    this.#lux = options.lux ?? 100;
    this.#noiseOn = options.noise ?? true;
    this.#seed = options.seed;
  }

  // --- test face ---------------------------------------------------------------------

  /**
   * Illuminance on the sensor now, lx. Set a number, or a function a world model provides (called at each measurement).
   */
  get lux(): number {
    return valueOf(this.#lux);
  }

  set lux(p: Provider<number>) {
    if (typeof p === "number" && !(p >= 0)) throw new RangeError(`BH1750 illuminance ${p} lx must be 0 or more`);
    this.#lux = p;
  }

  get powered(): boolean {
    this.#update(this.attached ? this.host.now() : 0);
    return this.#powered;
  }

  get mtreg(): number {
    return this.#mtreg;
  }

  /** The measurement under way: "continuous H", "one-time L" ..., or null. */
  get measuring(): string | null {
    const m = this.#measuring;
    return m === null ? null : `${m.continuous ? "continuous" : "one-time"} ${m.resolution}`;
  }

  // --- bus face ------------------------------------------------------------------------

  protected override onConnect(host: PartHost): void {
    this.#noise = new Noise(this.#seed ?? host.seed);
  }

  protected onStart(read: boolean, atUs: number): boolean {
    this.#opcodes = 0;
    this.#readIndex = 0;
    if (read) {
      this.#update(atUs);
      this.#readout = [(this.#data >> 8) & 0xff, this.#data & 0xff];
    }
    return true;
  }

  protected onWrite(byte: number, atUs: number): boolean {
    // One opcode per write transaction (BDS p.10): a second byte is not taken.
    if (this.#opcodes++ > 0) return false;
    this.#update(atUs);
    return this.#execute(byte & 0xff, atUs);
  }

  protected onRead(): I2cByte {
    return { byte: this.#readout[this.#readIndex++] ?? 0xff };
  }

  protected onStop(): void {
    this.#opcodes = 0;
  }

  // -----------------------------------------------------------------------------------

  #execute(op: number, atUs: number): boolean {
    const continuous = CONTINUOUS.get(op);
    const oneTime = ONE_TIME.get(op);
    if (op === POWER_DOWN) {
      this.#powered = false;
      this.#measuring = null;
    } else if (op === POWER_ON) {
      this.#powered = true;
    } else if (op === RESET) {
      if (this.#powered) this.#data = 0; // ignored in Power Down (BDS p.10)
    } else if (continuous !== undefined || oneTime !== undefined) {
      // Taken in Power Down too, as common drivers rely on; MTreg applies from here.
      this.#powered = true;
      const resolution = (continuous ?? oneTime) as Bh1750Resolution;
      this.#measuring = {
        resolution,
        continuous: continuous !== undefined,
        mtreg: this.#mtreg,
        startUs: atUs,
        done: -1,
      };
    } else if ((op & 0xf8) === MTREG_HIGH) {
      this.#setMtreg(((op & 0x07) << 5) | (this.#mtreg & 0x1f));
    } else if ((op & 0xe0) === MTREG_LOW) {
      this.#setMtreg((this.#mtreg & 0xe0) | (op & 0x1f));
    } else {
      this.notImplemented(`opcode ${hex(op)}`);
      return false;
    }
    return true;
  }

  /**
   * Written in two halves, MTreg passes through odd values: only a measurement started out of range is warned about.
   */
  #setMtreg(mt: number): void {
    this.#mtreg = mt;
  }

  /** Copies finished measurements to the data register; a one-time measurement then powers down. */
  #update(atUs: number): void {
    const m = this.#measuring;
    if (m === null) return;
    const durationUs = bh1750MeasurementUs(m.resolution, m.mtreg);
    if (m.continuous) {
      const latest = Math.floor((atUs - m.startUs) / durationUs) - 1;
      if (latest > m.done) {
        m.done = latest;
        this.#data = this.#sample(m);
      }
    } else if (atUs >= m.startUs + durationUs) {
      this.#data = this.#sample(m);
      this.#measuring = null;
      this.#powered = false; // one-time modes power down by themselves (BDS p.10)
    }
  }

  #sample(m: Measuring): number {
    if (this.faults.stuck) return this.#data;
    if (m.mtreg < MTREG_MIN || m.mtreg > MTREG_MAX) {
      this.host.warn(
        `BH1750 at ${this.host.where}: measured with MTreg ${m.mtreg}, outside the ` +
          `datasheet's ${MTREG_MIN}–${MTREG_MAX}`,
      );
    }
    const ideal = this.lux * COUNTS_PER_LUX * (m.mtreg / MTREG_DEFAULT) * (m.resolution === "H2" ? 2 : 1);
    const noisy = ideal * (1 + (this.#noiseOn ? (this.#noise?.gaussian(NOISE_RELATIVE) ?? 0) : 0));
    return Math.min(0xffff, Math.max(0, Math.round(noisy))); // full scale: the register saturates
  }
}
