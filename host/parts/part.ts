// What every emulated part shares (Zephyr emul_sensor.h / i2c_emul.h shape):
// a bus face the firmware reaches through I2C transfers or UART bytes, and a
// test face that sets physical values in SI units and injects faults.

import { SeededRandom } from "../random.js";
import type { VirtualClock } from "../time/clock.js";

/** What a board gives a part when it is attached. */
export interface PartHost {
  /** The board's clock, for parts that act on their own (a sensor that sends frames). */
  readonly clock: VirtualClock;
  /** Board time in µs (inside a handler: including the time it used so far). */
  readonly now: () => number;
  /** A board warning; "not implemented" ones name the command (docs/decisions.md D65). */
  readonly warn: (message: string) => void;
  /** Where the part sits, for messages: "I2C 0 address 0x44", "UART 2". */
  readonly where: string;
  /** Seed for the part's noise when its options give none: the board's, mixed with where it sits. */
  readonly seed: number;
}

/** An ACK or NACK, and how long the part held SCL low before it (clock stretching), in µs. */
export interface I2cAck {
  readonly ack: boolean;
  readonly stretchUs?: number;
}

/** A byte the part sends, after holding SCL low for `stretchUs`. */
export interface I2cByte {
  readonly byte: number;
  readonly stretchUs?: number;
}

/**
 * The bus face of an I2C part, byte by byte as the wires see it. Times are
 * board µs (fractions allowed) at the moment of each event.
 */
export interface I2cPart {
  /** The part's name in messages: "SHT3x". */
  readonly name: string;
  /** Its 7-bit address. */
  readonly address: number;
  /** The highest SCL frequency it is rated for, Hz (the bus warns above it). */
  readonly maxHz?: number;
  /** Called when the part is attached to a board. */
  connect(host: PartHost): void;
  /** START (or repeated START) with this part's address: ACK or NACK the header. */
  start(read: boolean, atUs: number): I2cAck;
  /** A byte the master writes: ACK or NACK it. */
  write(byte: number, atUs: number): I2cAck;
  /** A byte the master reads; `last` when the master will NACK it. */
  read(atUs: number, last: boolean): I2cByte;
  /** STOP, or the master gave up on the transfer. */
  stop(atUs: number): void;
  /** A byte written to the general-call address 0x00; true to ACK it. Parts that ignore general calls leave it out. */
  generalCall?(byte: number, atUs: number): boolean;
}

/**
 * The bus face of an SPI part, byte by byte as the wires see it (MSB first on
 * the wire; the bus reverses bytes for LSB-first devices).
 */
export interface SpiPart {
  readonly name: string;
  /** The highest SCLK frequency it is rated for, Hz (the bus warns above it). */
  readonly maxHz?: number;
  /** The SPI modes (CPOL << 1 | CPHA) it speaks; another mode reads its bits one edge off. */
  readonly modes?: readonly number[];
  connect(host: PartHost): void;
  /** CS falls. */
  select(atUs: number): void;
  /** One byte each way: `mosi` in, the byte it drives on MISO out (its last bit complete at `atUs`). */
  exchange(mosi: number, atUs: number): number;
  /** CS rises. */
  deselect(atUs: number): void;
}

/** How a UART part sends: bytes leave one after another at the part's baud rate, starting at `startUs`. */
export interface UartLine {
  send(bytes: Uint8Array, startUs: number): void;
}

/** The bus face of a UART part (8N1 at a fixed baud rate). */
export interface UartPart {
  readonly name: string;
  readonly baud: number;
  /** Called when attached: `line` is how the part sends to the board. */
  connect(host: PartHost, line: UartLine): void;
  /** A byte from the board, its stop bit complete at `atUs`. */
  receive(byte: number, atUs: number): void;
}

/**
 * Faults a test injects through the test face (docs/decisions.md D83). Every part has
 * them; each part documents which it honours.
 */
export class PartFaults {
  /** NACK the address: the part looks absent (unplugged, unpowered). */
  nackAddress = false;
  /** NACK every data byte the master writes. */
  nackData = false;
  /** Corrupt the CRC or checksum of the next n words or frames (Infinity: all). */
  badChecksums = 0;
  /** Freeze the reading at its last value, however the physical value changes. */
  stuck = false;
  /** Hold SCL low this long before every byte the master reads (a hung part), µs. */
  stretchUs = 0;
  /** UART parts: send nothing (a cut TX wire, an unpowered part). */
  silent = false;

  /** Takes one corruption from badChecksums: true if this word or frame must be corrupted. */
  takeBadChecksum(): boolean {
    if (this.badChecksums <= 0) return false;
    this.badChecksums--;
    return true;
  }
}

/** A physical value: fixed, or read from a world model each time the part samples. */
export type Provider<T> = T | (() => T);

export function valueOf<T>(p: Provider<T>): T {
  return typeof p === "function" ? (p as () => T)() : p;
}

/** Seeded measurement noise: normally distributed (SeededRandom.gaussian), zero when sigma is 0. */
export class Noise {
  readonly #random: SeededRandom;

  constructor(seed: number) {
    this.#random = new SeededRandom(seed);
  }

  gaussian(sigma: number): number {
    return this.#random.gaussian(sigma);
  }

  /** An integer in [lo, hi], uniformly. */
  int(lo: number, hi: number): number {
    return this.#random.int(lo, hi);
  }
}

/** A seed for a part from the board's seed and where the part sits (FNV-1a over the text). */
export function partSeed(boardSeed: number, where: string): number {
  let h = 0x811c9dc5 ^ boardSeed;
  for (let i = 0; i < where.length; i++) h = Math.imul(h ^ where.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function hex(n: number, digits = 2): string {
  return `0x${n.toString(16).toUpperCase().padStart(digits, "0")}`;
}
