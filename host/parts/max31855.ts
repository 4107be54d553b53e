// Maxim MAX31855 cold-junction-compensated thermocouple-to-digital converter
// on SPI (MAX31855 datasheet 19-5793 Rev 5, "DS": Table 2 memory map, Figure
// 3 timing; docs/reference/hal-parts.md §1). Bus face:
// a read-only 32-bit frame shifted out MSB first while CS is low, mode 0, at
// most 5 MHz. Test face: the hot-junction and the chip's own temperature in
// °C, and the three faults (open circuit, short to GND, short to VCC).

import { PartFaults, type PartHost, type Provider, type SpiPart, valueOf } from "./part.js";

/** Fault bits D2..D0 (DS Table 2). */
export const MAX31855_FAULT = { OPEN_CIRCUIT: 1 << 0, SHORT_GND: 1 << 1, SHORT_VCC: 1 << 2 } as const;
export type Max31855Fault = "open" | "shortGnd" | "shortVcc";
const FAULT_BIT: Readonly<Record<Max31855Fault, number>> = {
  open: MAX31855_FAULT.OPEN_CIRCUIT,
  shortGnd: MAX31855_FAULT.SHORT_GND,
  shortVcc: MAX31855_FAULT.SHORT_VCC,
};
/** D16: set when any of D2..D0 is (DS Table 2). */
const FAULT_ANY = 1 << 16;
/** Conversion time, max (DS Electrical Characteristics, tCONV: 70 ms typical, 100 ms max). */
export const MAX31855_CONVERSION_US = 100_000;
/** SCK frequency, max (DS Serial-Interface Timing, fSCL). */
const MAX_HZ = 5_000_000;
/** What the 14-bit and 12-bit fields can hold (DS Table 2): readings beyond saturate. */
const HOT_RANGE = [-2048, 2047.75] as const;
const COLD_RANGE = [-128, 127.9375] as const;

export interface Max31855Environment {
  /** The thermocouple's hot junction, °C. */
  readonly hotC: number;
  /** The chip itself (the cold junction), °C. */
  readonly coldC: number;
}

export interface Max31855Options {
  /** What the thermocouple and the chip feel: fixed or a world model (default 25 °C both). */
  readonly environment?: Provider<Max31855Environment>;
}

/** The 32-bit frame for a hot and cold junction and fault bits (DS Table 2: 14-bit 0.25 °C, 12-bit 0.0625 °C). */
export function max31855Frame(hotC: number, coldC: number, faults: number): number {
  const clamp = (v: number, [lo, hi]: readonly [number, number]): number => Math.min(hi, Math.max(lo, v));
  const cold = Math.round(clamp(coldC, COLD_RANGE) / 0.0625) & 0xfff;
  // On a fault the model reports 0 °C for the thermocouple: drivers must read D16 first (the datasheet leaves it open).
  const hot = faults === 0 ? Math.round(clamp(hotC, HOT_RANGE) / 0.25) & 0x3fff : 0;
  return ((hot << 18) | (faults !== 0 ? FAULT_ANY : 0) | (cold << 4) | (faults & 7)) >>> 0;
}

/** The thermocouple temperature of a frame, °C (D31..D18, signed, 0.25 °C). */
export function max31855ThermocoupleC(frame: number): number {
  return ((frame | 0) >> 18) * 0.25;
}

/** The cold-junction temperature of a frame, °C (D15..D4, signed, 0.0625 °C). */
export function max31855InternalC(frame: number): number {
  return (((frame << 16) | 0) >> 20) * 0.0625;
}

export class Max31855 implements SpiPart {
  readonly name = "MAX31855";
  readonly maxHz = MAX_HZ;
  /** SO changes on SCK's falling edge and D31 is out when CS falls (DS Figure 3): mode 0 only. */
  readonly modes = [0] as const;
  /** `stuck` freezes the reading; `silent` leaves MISO floating (unpowered part). */
  readonly faults = new PartFaults();
  /** Faults on the thermocouple side, as the chip detects them (DS Table 3: D0..D2). */
  readonly thermocouple = new Set<Max31855Fault>();
  environment: Provider<Max31855Environment>;
  #host: PartHost | null = null;
  /** The result register and when the conversion under way (CS high) completes. */
  #register = 0;
  #convertingSince: number | null = 0;
  #shift = 0;
  #bytes = 0;

  constructor(options: Max31855Options = {}) {
    this.environment = options.environment ?? { hotC: 25, coldC: 25 };
  }

  /** Sets the thermocouple's temperature (and optionally the chip's), °C. */
  set(hotC: number, coldC?: number): void {
    const prev = valueOf(this.environment);
    this.environment = { hotC, coldC: coldC ?? prev.coldC };
  }

  /** Injects a thermocouple fault (or clears it with `on` false). */
  fault(kind: Max31855Fault, on = true): void {
    if (on) this.thermocouple.add(kind);
    else this.thermocouple.delete(kind);
  }

  connect(host: PartHost): void {
    this.#host = host;
    this.#register = 0;
    this.#convertingSince = host.now();
  }

  select(atUs: number): void {
    // CS low stops a conversion in progress; a finished one was latched (DS "Serial Interface").
    this.#latch(atUs);
    this.#convertingSince = null;
    this.#shift = this.#register;
    this.#bytes = 0;
  }

  exchange(): number {
    if (this.faults.silent) return 0xff;
    // After 32 bits SO reads 0 (the frame has been shifted out).
    const byte = this.#bytes < 4 ? (this.#shift >>> (24 - 8 * this.#bytes)) & 0xff : 0;
    this.#bytes++;
    return byte;
  }

  deselect(atUs: number): void {
    this.#convertingSince = atUs;
  }

  #latch(atUs: number): void {
    if (this.#convertingSince === null || atUs - this.#convertingSince < MAX31855_CONVERSION_US) return;
    if (this.faults.stuck && this.#host !== null && this.#register !== 0) return;
    const env = valueOf(this.environment);
    let faults = 0;
    for (const f of this.thermocouple) faults |= FAULT_BIT[f];
    this.#register = max31855Frame(env.hotC, env.coldC, faults);
  }
}
