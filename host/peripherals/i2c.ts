// I2C masters (ESP32 TRM ch. 11 "I2C Controller"; ESP-IDF driver/i2c_master.h;
// NXP UM10204 I2C-bus specification §3.1). Firmware face: set up a port,
// write, read, write-then-read with a repeated START, each blocking for its
// bus time. Test face: attach parts by 7-bit address, record transfers.

import { STATUS } from "../abi/table.js";
import { FirmwareFault } from "../firmware/faults.js";
import { SailError } from "../errors.js";
import type { BusDrive } from "./pin-mux.js";
import { hex, type I2cAck, type I2cPart, type PartHost } from "../parts/part.js";

export interface I2cConfig {
  readonly ports: number;
  readonly maxHz: number;
}

/** How a bus peripheral gets its pads: checked by the pin mux, routed by the board (host/board/bus-imports.ts). */
export interface BusPads {
  /** Routes `gpio` to `role` ("I2C 0 SDA") as `kind`; a pin that cannot serve is a FirmwareFault naming `call`. */
  claim(gpio: number, role: string, kind: BusDrive, call: string): void;
  /** Frees every pad whose role starts with `owner` ("I2C 0 "). */
  release(owner: string): void;
}

/** One transfer as the bus saw it (recorded when `record` is on). */
export interface I2cTransfer {
  readonly timeUs: number;
  readonly port: number;
  readonly address: number;
  readonly written: readonly number[];
  readonly read: readonly number[];
  /** OK, ERR_NOT_FOUND (address NACK), ERR_INVALID_RESPONSE (data NACK), ERR_TIMEOUT (stretched too long). */
  readonly status: number;
  readonly durationUs: number;
}

export interface I2cResult {
  readonly status: number;
  /** The bytes read (0xFF past where the transfer stopped: SDA floats high). */
  readonly data: Uint8Array;
  /** Bus time the transfer took, µs (fractional). */
  readonly durationUs: number;
}

/** The contract's frequency range (ABI i2c_setup); the profile may lower the top. */
const MIN_HZ = 1;
const MAX_HZ = 1_000_000; // UM10204 Table 10: Fast-mode Plus
/** Bits on the wire per byte: 8 data + ACK (UM10204 §3.1.6). */
const BITS_PER_BYTE = 9;
/**
 * START, repeated START and STOP are each counted as one bit time
 * (UM10204 Table 10: tSU;STA, tHD;STA, tSU;STO are about a bit).
 */
const CONDITION_BITS = 1;
/** Valid 7-bit device addresses: 0x00–0x07 and 0x78–0x7F are reserved (UM10204 Table 4). */
const FIRST_ADDRESS = 0x08;
const LAST_ADDRESS = 0x77;
const GENERAL_CALL = 0x00; // UM10204 §3.1.13

interface PortState {
  config: { readonly sda: number; readonly scl: number; readonly hz: number } | null;
  readonly parts: Map<number, I2cPart>;
  readonly warnedSpeed: Set<I2cPart>;
}

export interface I2cHost {
  readonly pads: BusPads;
  readonly now: () => number;
  readonly warn: (message: string) => void;
  /** The PartHost a part attached at `where` gets. */
  readonly partHost: (where: string) => PartHost;
  /** The board's id, for messages. */
  readonly board: string;
}

export class I2cBus {
  /** Record every transfer in `transfers` (off by default: long runs would grow it). */
  record = false;
  readonly transfers: I2cTransfer[] = [];
  readonly #ports: PortState[];

  constructor(
    readonly config: I2cConfig,
    readonly host: I2cHost,
  ) {
    this.#ports = Array.from({ length: config.ports }, () => ({
      config: null,
      parts: new Map(),
      warnedSpeed: new Set(),
    }));
  }

  // --- firmware face ---------------------------------------------------------

  setup(port: number, sda: number, scl: number, hz: number): number {
    const p = this.#ports[port];
    if (p === undefined || !Number.isInteger(port)) return STATUS.ERR_INVALID_ARG;
    if (hz < MIN_HZ || hz > Math.min(MAX_HZ, this.config.maxHz)) return STATUS.ERR_INVALID_ARG;
    if (sda === scl)
      throw new FirmwareFault("i2c_setup", `I2C ${port}: SDA and SCL are both GPIO ${sda}; give two different pins`);
    this.host.pads.release(`I2C ${port} `);
    p.config = null;
    this.host.pads.claim(sda, `I2C ${port} SDA`, "open-drain", "i2c_setup");
    this.host.pads.claim(scl, `I2C ${port} SCL`, "open-drain", "i2c_setup");
    p.config = { sda, scl, hz };
    return STATUS.OK;
  }

  /**
   * One transfer: START, the write phase (when `write` is given), a repeated
   * START and the read phase (when `readLength` > 0), STOP. A NACKed address
   * is ERR_NOT_FOUND, a NACKed data byte ERR_INVALID_RESPONSE, clock
   * stretching beyond `timeoutUs` in total ERR_TIMEOUT.
   */
  transfer(
    port: number,
    address: number,
    write: Uint8Array | null,
    readLength: number,
    timeoutUs: number,
    startUs = this.host.now(),
  ): I2cResult {
    const p = this.#ports[port];
    const data = new Uint8Array(Math.max(0, readLength)).fill(0xff);
    if (p === undefined || p.config === null) return { status: STATUS.ERR_INVALID_STATE, data, durationUs: 0 };
    if (!Number.isInteger(address) || address < 0 || address > 0x7f || readLength < 0)
      return { status: STATUS.ERR_INVALID_ARG, data, durationUs: 0 };
    const run = new Wire(1e6 / p.config.hz, startUs, Math.max(0, timeoutUs));
    const status =
      address === GENERAL_CALL
        ? this.#generalCall(p, run, write ?? new Uint8Array(0), readLength)
        : this.#addressed(p, port, address, run, write, data, readLength);
    const result = { status, data, durationUs: run.t - startUs };
    if (this.record) {
      this.transfers.push({
        timeUs: startUs,
        port,
        address,
        written: [...(write ?? [])],
        read: [...data],
        status,
        durationUs: result.durationUs,
      });
    }
    return result;
  }

  // --- test face -------------------------------------------------------------

  /** Attaches a part at its address; a second part on a taken address is refused. */
  attach<P extends I2cPart>(port: number, part: P): P {
    const p = this.#ports[port];
    if (p === undefined || !Number.isInteger(port)) {
      throw new SailError(
        `I2C port ${port} does not exist on ${this.host.board}: ` +
          `it has ${this.config.ports === 0 ? "no I2C ports" : `ports 0..${this.config.ports - 1}`}`,
      );
    }
    const a = part.address;
    if (!Number.isInteger(a) || a < FIRST_ADDRESS || a > LAST_ADDRESS) {
      throw new SailError(
        `I2C ${port}: ${part.name} has address ${a}; ` +
          "7-bit device addresses run from 0x08 to 0x77 (the others are reserved)",
      );
    }
    const taken = p.parts.get(a);
    if (taken !== undefined) {
      throw new SailError(
        `I2C ${port}: address ${hex(a)} is taken by ${taken.name}; ${part.name} cannot share it. ` +
          "Give one of them its other address (ADDR pin) or attach it to another port",
      );
    }
    p.parts.set(a, part);
    const where = `I2C ${port} address ${hex(a)}`;
    part.connect(this.host.partHost(where));
    return part;
  }

  /** Removes the part at `address` (unplugged): the address NACKs from now on. */
  detach(port: number, address: number): void {
    this.#ports[port]?.parts.delete(address);
  }

  /** The part at `address` on `port`, if any. */
  part(port: number, address: number): I2cPart | undefined {
    return this.#ports[port]?.parts.get(address);
  }

  /** The pins and frequency of a port the firmware set up, or null. */
  portConfig(port: number): { readonly sda: number; readonly scl: number; readonly hz: number } | null {
    return this.#ports[port]?.config ?? null;
  }

  /**
   * Chip reset: every port unconfigured. Parts stay attached and keep their
   * state (they are powered by the board, not reset by the chip).
   */
  reset(): void {
    this.#ports.forEach((p, port) => {
      if (p.config !== null) this.host.pads.release(`I2C ${port} `);
      p.config = null;
    });
  }

  // -------------------------------------------------------------------------

  #addressed(
    p: PortState,
    port: number,
    address: number,
    run: Wire,
    write: Uint8Array | null,
    data: Uint8Array,
    readLength: number,
  ): number {
    const part = p.parts.get(address);
    if (part !== undefined) this.#checkSpeed(p, port, part);
    run.condition(); // START
    if (write !== null) {
      const header = run.header(part, false);
      if (header !== STATUS.OK) return header;
      for (const byte of write) {
        run.byte();
        const status = run.ack((part as I2cPart).write(byte, run.t), part as I2cPart);
        if (status !== STATUS.OK) return status;
      }
      if (readLength > 0) run.condition(); // repeated START
    }
    if (readLength > 0) {
      const header = run.header(part, true);
      if (header !== STATUS.OK) return header;
      for (let i = 0; i < readLength; i++) {
        const r = (part as I2cPart).read(run.t, i === readLength - 1);
        if (!run.stretch(r.stretchUs)) return run.abort(part as I2cPart);
        run.byte();
        data[i] = r.byte & 0xff;
      }
    }
    run.condition(); // STOP
    part?.stop(run.t);
    return STATUS.OK;
  }

  /** Address 0x00: every part that answers general calls hears the bytes (UM10204 §3.1.13). */
  #generalCall(p: PortState, run: Wire, write: Uint8Array, readLength: number): number {
    const listeners = [...p.parts.values()].filter((x) => x.generalCall !== undefined);
    run.condition();
    run.byte();
    if (listeners.length === 0 || readLength > 0) {
      run.condition();
      return STATUS.ERR_NOT_FOUND;
    }
    for (const byte of write) {
      run.byte();
      let acked = false;
      for (const part of listeners) acked = (part.generalCall?.(byte, run.t) ?? false) || acked;
      if (!acked) {
        run.condition();
        return STATUS.ERR_INVALID_RESPONSE;
      }
    }
    run.condition();
    return STATUS.OK;
  }

  #checkSpeed(p: PortState, port: number, part: I2cPart): void {
    const rated = part.maxHz;
    const hz = p.config?.hz ?? 0;
    if (rated !== undefined && hz > rated && !p.warnedSpeed.has(part)) {
      p.warnedSpeed.add(part);
      this.host.warn(
        `I2C ${port}: the bus runs at ${hz} Hz but ${part.name} at ${hex(part.address)} is rated for ${rated} Hz; ` +
          "lower the frequency in i2c_setup",
      );
    }
  }
}

/** Time on the wire for one transfer, with the clock stretching its parts ask for. */
class Wire {
  t: number;
  #stretched = 0;

  constructor(
    readonly bitUs: number,
    startUs: number,
    readonly timeoutUs: number,
  ) {
    this.t = startUs;
  }

  condition(): void {
    this.t += CONDITION_BITS * this.bitUs;
  }

  byte(): void {
    this.t += BITS_PER_BYTE * this.bitUs;
  }

  /** Holds SCL low for `us`; false when that passes the timeout (the master gives up then). */
  stretch(us: number | undefined): boolean {
    if (us === undefined || !(us > 0)) return true;
    if (this.#stretched + us > this.timeoutUs) {
      this.t += this.timeoutUs - this.#stretched;
      this.#stretched = this.timeoutUs;
      return false;
    }
    this.#stretched += us;
    this.t += us;
    return true;
  }

  /** Address byte with R/W: NACK (or no part) is ERR_NOT_FOUND. */
  header(part: I2cPart | undefined, read: boolean): number {
    this.byte();
    if (part === undefined) {
      this.condition();
      return STATUS.ERR_NOT_FOUND;
    }
    const r = part.start(read, this.t);
    if (!this.stretch(r.stretchUs)) return this.abort(part);
    if (!r.ack) {
      this.condition();
      part.stop(this.t);
      return STATUS.ERR_NOT_FOUND;
    }
    return STATUS.OK;
  }

  /** A data byte's ACK: NACK is ERR_INVALID_RESPONSE. */
  ack(r: I2cAck, part: I2cPart): number {
    if (!this.stretch(r.stretchUs)) return this.abort(part);
    if (r.ack) return STATUS.OK;
    this.condition();
    part.stop(this.t);
    return STATUS.ERR_INVALID_RESPONSE;
  }

  /** The master timed out: it resets the bus, which the part sees as a STOP. */
  abort(part: I2cPart): number {
    part.stop(this.t);
    return STATUS.ERR_TIMEOUT;
  }
}
