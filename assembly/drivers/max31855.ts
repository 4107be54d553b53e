// Maxim MAX31855 thermocouple-to-digital converter on SPI (datasheet 19-5793:
// Table 2 memory map; docs/reference/hal-parts.md §1). Read-only: one 32-bit frame
// per read, SPI mode 0, at most 5 MHz; a new conversion takes up to 100 ms
// after CS rises, so reading faster returns the same value again.

import { Spi, SpiDevice, Status } from "../sail";

/** Fault bits D2..D0 of a frame. */
export namespace Max31855Fault {
  export const OPEN_CIRCUIT: i32 = 1;
  export const SHORT_GND: i32 = 2;
  export const SHORT_VCC: i32 = 4;
}

/** Highest SCK the part takes (datasheet fSCL). */
export const MAX31855_MAX_HZ: i32 = 5_000_000;

export class Max31855Sample {
  /** Hot junction, °C (0.25 °C steps); NaN on a fault. */
  thermocoupleC: f64 = NaN;
  /** The chip's own (cold-junction) temperature, °C (0.0625 °C steps). */
  internalC: f64 = NaN;
  /** Max31855Fault bits, 0 when the thermocouple is fine. */
  faults: i32 = 0;
  /** The raw frame. */
  frame: u32 = 0;
}

export class Max31855 {
  readonly device: SpiDevice;
  readonly sample: Max31855Sample = new Max31855Sample();

  /** The part on chip-select `cs` of `spi` at `hz` (default 4 MHz). */
  constructor(spi: Spi, cs: i32, hz: i32 = 4_000_000) {
    this.device = spi.device(cs, 0, hz);
  }

  /**
   * Reads one frame into `sample`: Status.OK, ERR_INVALID_RESPONSE when the
   * frame's reserved bits are set (no part, or a floating MISO reading 0xFF),
   * or the bus status. A thermocouple fault is OK with `faults` set.
   */
  read(): i32 {
    const status = this.device.read(4);
    if (status != Status.OK) return status;
    const f = this.device.u32be(0);
    const s = this.sample;
    s.frame = f;
    // D17 and D3 always read 0 (datasheet Table 2): all ones is a floating line.
    if ((f & 0x20008) != 0) return Status.ERR_INVALID_RESPONSE;
    s.faults = <i32>(f & 7);
    s.internalC = <f64>((<i32>(f << 16)) >> 20) * 0.0625;
    s.thermocoupleC = (f & 0x10000) != 0 ? NaN : <f64>((<i32>f) >> 18) * 0.25;
    return Status.OK;
  }
}
