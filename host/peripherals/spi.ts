// SPI masters (ESP32 TRM ch. 7 "SPI Controller"; ESP-IDF driver/spi_master.h).
// Firmware face: set a port up on its pins, add a device per chip select with
// its mode, clock and bit order, then full-duplex or write-then-read
// transfers, each blocking for its bus time (8 clock periods a byte). Test
// face: attach a part on a chip-select pin, record transfers.

import { SPI_FLAG, STATUS } from "../abi/table.js";
import { SailError } from "../errors.js";
import type { PartHost, SpiPart } from "../parts/part.js";
import type { BusPads } from "./i2c.js";

export interface SpiConfig {
  /** General-purpose SPI ports (SPI2, SPI3): 2 on ESP32, 1 on ESP32-C3. */
  readonly ports: number;
  /** Chip selects per port (SOC_SPI_PERIPH_CS_NUM): 3 on ESP32, 6 on ESP32-C3. */
  readonly csPerPort: number;
  readonly maxHz: number;
}

export interface SpiDevice {
  readonly port: number;
  readonly cs: number;
  /** CPOL << 1 | CPHA. */
  readonly mode: number;
  readonly hz: number;
  readonly lsbFirst: boolean;
}

/** One transfer as the bus saw it (recorded when `record` is on); bytes in the firmware's order. */
export interface SpiTransfer {
  readonly timeUs: number;
  readonly port: number;
  readonly cs: number;
  readonly mosi: readonly number[];
  readonly miso: readonly number[];
  readonly durationUs: number;
}

export interface SpiResult {
  readonly status: number;
  /** The bytes read, as many as were sent (0xFF where no part drives MISO). */
  readonly miso: Uint8Array;
  /** Bus time, µs (fractional). */
  readonly durationUs: number;
  /** The chip-select pin, for the board to show CS low during the transfer (-1 on a refusal). */
  readonly cs: number;
}

export interface SpiHost {
  readonly pads: BusPads;
  readonly now: () => number;
  readonly warn: (message: string) => void;
  readonly partHost: (where: string) => PartHost;
  readonly board: string;
}

interface PortState {
  configured: boolean;
  /** A port set up without MISO reads 0xFF: nothing drives the line. */
  miso: boolean;
  readonly parts: Map<number, SpiPart>;
  readonly warned: Set<string>;
}

const BITS_PER_BYTE = 8;
const MAX_MODE = 3;

/** Reverses the bits of a byte (LSB-first devices). */
function reverseBits(b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) r |= ((b >> i) & 1) << (7 - i);
  return r;
}

export class SpiBus {
  /** Record every transfer in `transfers` (off by default). */
  record = false;
  readonly transfers: SpiTransfer[] = [];
  readonly #ports: PortState[];
  /** Devices by handle; a handle is never reused until the port is set up again or the chip resets. */
  #devices: (SpiDevice | null)[] = [];

  constructor(
    readonly config: SpiConfig,
    readonly host: SpiHost,
  ) {
    this.#ports = Array.from({ length: config.ports }, () => ({
      configured: false,
      miso: false,
      parts: new Map(),
      warned: new Set(),
    }));
  }

  // --- firmware face ---------------------------------------------------------

  setup(port: number, sclk: number, mosi: number, miso: number): number {
    const p = this.#ports[port];
    if (p === undefined || !Number.isInteger(port) || sclk < 0) return STATUS.ERR_INVALID_ARG;
    this.#unconfigure(port);
    const call = "spi_bus_setup";
    this.host.pads.claim(sclk, `SPI ${port} SCLK`, "output", call);
    if (mosi >= 0) this.host.pads.claim(mosi, `SPI ${port} MOSI`, "output", call);
    if (miso >= 0) this.host.pads.claim(miso, `SPI ${port} MISO`, "input", call);
    p.configured = true;
    p.miso = miso >= 0;
    return STATUS.OK;
  }

  addDevice(port: number, cs: number, mode: number, hz: number, flags: number): number {
    const p = this.#ports[port];
    if (p === undefined || !Number.isInteger(port)) return STATUS.ERR_INVALID_ARG;
    if (!p.configured) return STATUS.ERR_INVALID_STATE;
    if (mode < 0 || mode > MAX_MODE || hz < 1 || hz > this.config.maxHz) return STATUS.ERR_INVALID_ARG;
    if ((flags & ~SPI_FLAG.LSB_FIRST) !== 0) return STATUS.ERR_INVALID_ARG;
    const mine = this.#devices.filter((d) => d !== null && d.port === port);
    if (mine.length >= this.config.csPerPort) return STATUS.ERR_NOT_FOUND;
    this.host.pads.claim(cs, `SPI ${port} CS GPIO ${cs}`, "output", "spi_device_add");
    this.#devices.push({ port, cs, mode, hz, lsbFirst: (flags & SPI_FLAG.LSB_FIRST) !== 0 });
    return this.#devices.length - 1;
  }

  /**
   * One transaction with CS low: every byte of `mosi` goes out while one comes
   * in. A part whose modes do not include the device's reads and answers one
   * clock edge off, so what comes back is shifted by a bit (and warned once).
   */
  exchange(handle: number, mosi: Uint8Array, startUs = this.host.now()): SpiResult {
    const d = this.#devices[handle];
    const none = { miso: new Uint8Array(mosi.length).fill(0xff), durationUs: 0, cs: -1 };
    if (d === undefined || d === null) return { status: STATUS.ERR_INVALID_STATE, ...none };
    if (mosi.length === 0) return { status: STATUS.ERR_INVALID_ARG, ...none };
    const p = this.#ports[d.port] as PortState;
    const bitUs = 1e6 / d.hz;
    const durationUs = mosi.length * BITS_PER_BYTE * bitUs;
    const part = p.parts.get(d.cs);
    const miso = new Uint8Array(mosi.length).fill(0xff);
    if (part !== undefined) {
      this.#check(p, d, part);
      const skewed = part.modes !== undefined && !part.modes.includes(d.mode);
      part.select(startUs);
      const wire = mosi.map((b, i) => part.exchange(d.lsbFirst ? reverseBits(b) : b, startUs + (i + 1) * 8 * bitUs));
      part.deselect(startUs + durationUs);
      if (p.miso) {
        for (let i = 0; i < wire.length; i++) {
          const b = (wire[i] as number) & 0xff;
          // One edge off: the master samples each bit after the part moved to the next; the last bit floats high.
          const byte = skewed ? ((b << 1) | ((wire[i + 1] ?? 0xff) >> 7)) & 0xff : b;
          miso[i] = d.lsbFirst ? reverseBits(byte) : byte;
        }
      }
    }
    if (this.record) {
      this.transfers.push({ timeUs: startUs, port: d.port, cs: d.cs, mosi: [...mosi], miso: [...miso], durationUs });
    }
    return { status: STATUS.OK, miso, durationUs, cs: d.cs };
  }

  // --- test face -------------------------------------------------------------

  /** Wires a part to chip-select pin `cs` of `port`; a second part on a taken CS is refused. */
  attach<P extends SpiPart>(port: number, cs: number, part: P): P {
    const p = this.#ports[port];
    if (p === undefined || !Number.isInteger(port)) {
      throw new SailError(
        `SPI port ${port} does not exist on ${this.host.board}: ` +
          `it has ${this.config.ports === 0 ? "no SPI ports" : `ports 0..${this.config.ports - 1}`}`,
      );
    }
    const taken = p.parts.get(cs);
    if (taken !== undefined)
      throw new SailError(
        `SPI ${port}: chip select GPIO ${cs} already selects ${taken.name}; give ${part.name} its own`,
      );
    p.parts.set(cs, part);
    part.connect(this.host.partHost(`SPI ${port} CS GPIO ${cs}`));
    return part;
  }

  /** Removes the part on `cs` (unplugged): MISO floats high from now on. */
  detach(port: number, cs: number): void {
    this.#ports[port]?.parts.delete(cs);
  }

  /** The devices the firmware added, by handle. */
  get devices(): readonly (SpiDevice | null)[] {
    return this.#devices;
  }

  /** Chip reset: every port unconfigured, every device gone; parts stay attached. */
  reset(): void {
    this.#ports.forEach((_, port) => this.#unconfigure(port));
    this.#devices = [];
  }

  // -------------------------------------------------------------------------

  #unconfigure(port: number): void {
    const p = this.#ports[port] as PortState;
    if (p.configured) this.host.pads.release(`SPI ${port} `);
    p.configured = false;
    this.#devices = this.#devices.map((d) => (d !== null && d.port === port ? null : d));
  }

  #check(p: PortState, d: SpiDevice, part: SpiPart): void {
    const warnOnce = (key: string, text: string): void => {
      if (p.warned.has(key)) return;
      p.warned.add(key);
      this.host.warn(text);
    };
    const where = `SPI ${d.port} CS GPIO ${d.cs}`;
    if (part.maxHz !== undefined && d.hz > part.maxHz)
      warnOnce(
        `${d.cs} hz`,
        `${where}: the device runs at ${d.hz} Hz but ${part.name} is rated for ${part.maxHz} Hz; ` +
          "lower clock_hz in spi_device_add",
      );
    if (part.modes !== undefined && !part.modes.includes(d.mode))
      warnOnce(
        `${d.cs} mode`,
        `${where}: the device was added in SPI mode ${d.mode} but ${part.name} speaks mode ` +
          `${part.modes.join(" or ")}; its bits are read one clock edge off. Give that mode to spi_device_add`,
      );
  }
}
