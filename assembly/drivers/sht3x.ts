// Driver for the Sensirion SHT3x-DIS humidity and temperature sensor
// (SHT3x-DIS datasheet §4; waits as Sensirion's embedded-i2c-sht3x driver),
// in the ECMA-419 sensor shape: handed its bus, configure(), sample()
// refilling one record, close(). Every word read is CRC-checked.

import { I2c } from "../sail/i2c";
import { Status } from "../sail/abi";
import { delayUs, time } from "../sail/time";
import { crc8Word, ERR_INVALID_CRC } from "./crc8";

export enum Sht3xRepeatability { HIGH = 0, MEDIUM = 1, LOW = 2 }

/** Periodic rates in measurements per second; ART runs at 4 Hz (SDS Tables 10, 12). */
export enum Sht3xRate { HALF = 0, ONE = 1, TWO = 2, FOUR = 3, TEN = 4, ART = 5 }

export const SHT3X_ADDRESS: i32 = 0x44; // ADDR low; 0x45 with ADDR high

// SDS Table 9: single shot, stretch on / off, by repeatability
const SINGLE_STRETCH: StaticArray<u16> = [0x2c06, 0x2c0d, 0x2c10];
const SINGLE_POLL: StaticArray<u16> = [0x2400, 0x240b, 0x2416];
// SDS Table 10: periodic, rows 0.5, 1, 2, 4, 10 mps, columns high / medium / low
const PERIODIC: StaticArray<u16> = [
  0x2032, 0x2024, 0x202f, 0x2130, 0x2126, 0x212d, 0x2236, 0x2220, 0x222b,
  0x2334, 0x2322, 0x2329, 0x2737, 0x2721, 0x272a,
];
const ART: i32 = 0x2b32; // SDS Table 12
const FETCH: i32 = 0xe000; // SDS Table 11
const BREAK: i32 = 0x3093; // SDS Table 13
const SOFT_RESET: i32 = 0x30a2; // SDS Table 14
const HEATER_ON: i32 = 0x306d; // SDS Table 16
const HEATER_OFF: i32 = 0x3066;
const READ_STATUS: i32 = 0xf32d; // SDS Table 17
const CLEAR_STATUS: i32 = 0x3041; // SDS Table 19
/** Waits after a stretch-off single shot, µs, above the SDS Table 4 maxima (15 / 6 / 4 ms) as SDRV waits. */
const MEASUREMENT_WAIT_US: StaticArray<i32> = [16_000, 7_000, 5_000];
const AFTER_BREAK_US: i64 = 1_000; // SDS §4.8
const AFTER_RESET_US: i64 = 2_000; // SDS Table 5: 1.5 ms max; SDRV waits 2 ms

/** One reading, refilled by every successful sample() or fetch(). */
export class Sht3xSample {
  temperatureC: f64 = 0;
  humidityPct: f64 = 0;
  rawTemperature: i32 = 0;
  rawHumidity: i32 = 0;
  /** Board time of the readout, µs. */
  timeUs: i64 = 0;
}

export class Sht3x {
  /** Status of the last operation that failed: Status.ERR_NOT_FOUND (no ACK: absent, or no data yet), ERR_INVALID_RESPONSE (NACK), ERR_TIMEOUT, ERR_INVALID_CRC. 0 after a success. */
  status: i32 = 0;
  repeatability: i32 = Sht3xRepeatability.HIGH;
  /** Let the part hold SCL during the measurement instead of waiting and reading. */
  clockStretching: bool = false;
  private readonly record: Sht3xSample = new Sht3xSample();
  private periodic: bool = false;

  constructor(readonly bus: I2c, readonly address: i32 = SHT3X_ADDRESS) {}

  /** Repeatability and clock stretching of single shots. */
  configure(repeatability: i32 = Sht3xRepeatability.HIGH, clockStretching: bool = false): void {
    this.repeatability = <u32>repeatability <= 2 ? repeatability : Sht3xRepeatability.HIGH;
    this.clockStretching = clockStretching;
  }

  /** One single-shot measurement (blocks for its measurement time); null on failure, with `status` saying why. */
  sample(): Sht3xSample | null {
    const rep = this.repeatability;
    if (this.clockStretching) {
      if (!this.succeeded(this.bus.writeWord(this.address, <i32>SINGLE_STRETCH[rep]))) return null;
      return this.readMeasurement();
    }
    if (!this.succeeded(this.bus.writeWord(this.address, <i32>SINGLE_POLL[rep]))) return null;
    delayUs(MEASUREMENT_WAIT_US[rep]);
    return this.readMeasurement();
  }

  /** Starts a single shot without waiting (stretch off); read it with `result()` after the measurement time. */
  trigger(): i32 {
    return this.setStatus(this.bus.writeWord(this.address, <i32>SINGLE_POLL[this.repeatability]));
  }

  /** The result of `trigger()`; null with status ERR_NOT_FOUND while the part is still measuring. */
  result(): Sht3xSample | null {
    return this.readMeasurement();
  }

  /** Periodic measurements at `rate` (Sht3xRate) with the configured repeatability. */
  startPeriodic(rate: i32): i32 {
    const code = rate == Sht3xRate.ART ? ART : <i32>PERIODIC[min(max(rate, 0), 4) * 3 + this.repeatability];
    const s = this.setStatus(this.bus.writeWord(this.address, code));
    if (s == Status.OK) this.periodic = true;
    return s;
  }

  /** The newest periodic measurement; null with status ERR_NOT_FOUND when none came since the last fetch. */
  fetch(): Sht3xSample | null {
    if (!this.succeeded(this.bus.writeWord(this.address, FETCH))) return null;
    return this.readMeasurement();
  }

  /** Stops periodic measurements (break). */
  stop(): i32 {
    const s = this.setStatus(this.bus.writeWord(this.address, BREAK));
    this.periodic = false;
    delayUs(AFTER_BREAK_US);
    return s;
  }

  heater(on: bool): i32 {
    return this.setStatus(this.bus.writeWord(this.address, on ? HEATER_ON : HEATER_OFF));
  }

  /** The status register (SDS Table 18) as 0..0xFFFF, or a negative status. */
  readStatus(): i32 {
    if (!this.succeeded(this.bus.writeWordRead(this.address, READ_STATUS, 3))) return this.status;
    const word = this.bus.word(0);
    if (crc8Word(word) != this.bus.byte(2)) return this.setStatus(ERR_INVALID_CRC);
    return word;
  }

  clearStatus(): i32 {
    return this.setStatus(this.bus.writeWord(this.address, CLEAR_STATUS));
  }

  /** Soft reset: heater off, periodic mode stopped, status 0x8010. */
  reset(): i32 {
    const s = this.setStatus(this.bus.writeWord(this.address, SOFT_RESET));
    this.periodic = false;
    delayUs(AFTER_RESET_US);
    return s;
  }

  /** Leaves the part idle: stops periodic measurements if running. */
  close(): void {
    if (this.periodic) this.stop();
  }

  // -----------------------------------------------------------------------------

  private readMeasurement(): Sht3xSample | null {
    if (!this.succeeded(this.bus.read(this.address, 6))) return null;
    const t = this.bus.word(0);
    const rh = this.bus.word(3);
    if (crc8Word(t) != this.bus.byte(2) || crc8Word(rh) != this.bus.byte(5)) {
      this.status = ERR_INVALID_CRC;
      return null;
    }
    const s = this.record;
    s.rawTemperature = t;
    s.rawHumidity = rh;
    s.temperatureC = -45.0 + (175.0 * <f64>t) / 65535.0; // SDS §4.13
    s.humidityPct = (100.0 * <f64>rh) / 65535.0;
    s.timeUs = time.us();
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
