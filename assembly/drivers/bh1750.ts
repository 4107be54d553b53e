// Driver for the ROHM BH1750FVI ambient light sensor (BH1750FVI Technical
// Note 2009 Rev.B pp. 2, 10, 11; MTreg handling as claws/BH1750), in the
// ECMA-419 sensor shape: handed its bus, configure(), sample() refilling one
// record, close().

import { I2c } from "../sail/i2c";
import { Status } from "../sail/abi";
import { delayUs, time } from "../sail/time";

/** Measurement modes: the opcode of each (BDS p.10). */
export enum Bh1750Mode {
  CONTINUOUS_HIGH = 0x10, CONTINUOUS_HIGH2 = 0x11, CONTINUOUS_LOW = 0x13,
  ONE_TIME_HIGH = 0x20, ONE_TIME_HIGH2 = 0x21, ONE_TIME_LOW = 0x23,
}

export const BH1750_ADDRESS: i32 = 0x23; // ADDR low; 0x5C with ADDR high
const POWER_DOWN: i32 = 0x00;
const POWER_ON: i32 = 0x01;
const MTREG_HIGH: i32 = 0x40; // 01000_MT[7:5]
const MTREG_LOW: i32 = 0x60; // 011_MT[4:0]
export const BH1750_MTREG_DEFAULT: i32 = 69;
const MTREG_MIN: i32 = 31;
const MTREG_MAX: i32 = 254;
/** Maximum measurement times at MTreg 69 (BDS p.2): H and H2 180 ms, L 24 ms. */
const HIGH_MAX_US: i64 = 180_000;
const LOW_MAX_US: i64 = 24_000;

/** One reading, refilled by every successful sample(). */
export class Bh1750Sample {
  lux: f64 = 0;
  /** The 16-bit count the part reported. */
  raw: i32 = 0;
  timeUs: i64 = 0;
}

export class Bh1750 {
  /** Status of the last operation that failed (Status.ERR_NOT_FOUND when the part does not ACK), 0 after a success. */
  status: i32 = 0;
  mode: i32 = Bh1750Mode.CONTINUOUS_HIGH;
  mtreg: i32 = BH1750_MTREG_DEFAULT;
  private readonly record: Bh1750Sample = new Bh1750Sample();
  /** When the running continuous mode has its first result, µs. */
  private readyUs: i64 = 0;

  constructor(readonly bus: I2c, readonly address: i32 = BH1750_ADDRESS) {}

  /** Powers on, sets MTreg (31–254) and starts `mode`; one-time modes start at each sample(). */
  configure(mode: i32 = Bh1750Mode.CONTINUOUS_HIGH, mtreg: i32 = BH1750_MTREG_DEFAULT): i32 {
    if (mtreg < MTREG_MIN || mtreg > MTREG_MAX) return this.setStatus(Status.ERR_INVALID_ARG);
    this.mode = mode;
    this.mtreg = mtreg;
    if (!this.succeeded(this.bus.writeByte(this.address, POWER_ON))) return this.status;
    if (!this.succeeded(this.bus.writeByte(this.address, MTREG_HIGH | (mtreg >> 5)))) return this.status;
    if (!this.succeeded(this.bus.writeByte(this.address, MTREG_LOW | (mtreg & 0x1f)))) return this.status;
    if (this.continuous()) return this.start();
    return Status.OK;
  }

  /** The longest a measurement takes with the current mode and MTreg, µs. */
  measurementUs(): i64 {
    const base = (this.mode & 0x03) == 0x03 ? LOW_MAX_US : HIGH_MAX_US;
    return (base * <i64>this.mtreg) / <i64>BH1750_MTREG_DEFAULT;
  }

  /** One reading (one-time modes: start and wait; continuous: waits only for the first result); null on failure. */
  sample(): Bh1750Sample | null {
    if (!this.continuous() && this.start() != Status.OK) return null;
    const wait = this.readyUs - time.us();
    if (wait > 0) delayUs(wait);
    if (!this.succeeded(this.bus.read(this.address, 2))) return null;
    const raw = this.bus.word(0);
    const r = this.record;
    r.raw = raw;
    // BDS p.11: lux = counts / 1.2 × 69 / MTreg, halved in the H2 modes
    r.lux = (<f64>raw / 1.2) * (<f64>BH1750_MTREG_DEFAULT / <f64>this.mtreg) / ((this.mode & 0x03) == 0x01 ? 2.0 : 1.0);
    r.timeUs = time.us();
    return r;
  }

  powerDown(): i32 {
    return this.setStatus(this.bus.writeByte(this.address, POWER_DOWN));
  }

  close(): void {
    this.powerDown();
  }

  // -----------------------------------------------------------------------------

  private continuous(): bool {
    return (this.mode & 0xf0) == 0x10;
  }

  private start(): i32 {
    const s = this.setStatus(this.bus.writeByte(this.address, this.mode));
    this.readyUs = time.us() + this.measurementUs();
    return s;
  }

  private succeeded(status: i32): bool {
    this.status = status;
    return status == Status.OK;
  }

  private setStatus(status: i32): i32 {
    this.status = status;
    return status;
  }
}
