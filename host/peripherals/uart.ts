// UARTs (ESP32 TRM ch. 13 "UART Controllers"; ESP-IDF driver/uart.h, whose
// defaults give the RX event rule: UART_FULL_THRESH_DEFAULT 120 bytes,
// UART_TOUT_THRESH_DEFAULT 10 symbols). 8N1 only. Firmware face: set up,
// queue bytes that leave at the baud rate, read what arrived, watch for
// UART_RX. Test face: attach one part per port.

import { STATUS } from "../abi/table.js";
import { FirmwareFault } from "../firmware/faults.js";
import { SeededRandom } from "../random.js";
import { SailError } from "../errors.js";
import type { PartHost, UartLine, UartPart } from "../parts/part.js";
import type { VirtualClock } from "../time/clock.js";
import type { BusPads } from "./i2c.js";

export interface UartConfig {
  readonly ports: number;
  /** The console's port (refused to the app), or -1. */
  readonly console: number;
}

export interface UartHost {
  readonly pads: BusPads;
  readonly clock: VirtualClock;
  readonly now: () => number;
  readonly warn: (message: string) => void;
  /** Delivers UART_RX to the firmware. */
  readonly deliver: (port: number, id: number, waiting: number, dropped: number) => void;
  readonly partHost: (where: string) => PartHost;
  readonly board: string;
}

/** The contract's baud range (ABI uart_setup). */
const MIN_BAUD = 300;
const MAX_BAUD = 5_000_000;
/** 8N1: start bit, 8 data bits, stop bit. */
const BITS_PER_SYMBOL = 10;
/** RX and TX ring buffers (ABI uart_write, uart_read). */
export const RX_BUFFER_BYTES = 1024;
export const TX_BUFFER_BYTES = 1024;
/** UART_RX when this many bytes arrived since the last event (ESP-IDF UART_FULL_THRESH_DEFAULT). */
export const RX_FULL_THRESHOLD = 120;
/** UART_RX when the line has been idle this many symbols (ESP-IDF UART_TOUT_THRESH_DEFAULT). */
export const RX_IDLE_SYMBOLS = 10;
/**
 * Beyond this relative baud mismatch between board and part the receiver
 * sees framing errors (about half a bit over a 10-bit frame).
 */
const BAUD_TOLERANCE = 0.03;

interface Arriving {
  readonly byte: number;
  readonly atUs: number;
}

interface PortState {
  readonly index: number;
  config: { readonly tx: number; readonly rx: number; readonly baud: number } | null;
  part: UartPart | null;
  /** Bumped at every setup and reset: bytes in flight from before are lost. */
  generation: number;
  readonly rx: number[];
  /** Bytes the part sent, not yet arrived: arrival times ascending. */
  readonly arriving: Arriving[];
  /** When the part's transmitter is free again, µs. */
  partTxFreeUs: number;
  /** When the board's transmitter has sent everything queued, µs. */
  txFreeUs: number;
  watchId: number;
  arrivedSinceEvent: number;
  droppedSinceEvent: number;
  lastArrivalUs: number;
  /** Received bytes dropped because the RX buffer was full, since power-on. */
  dropped: number;
  /** Bytes a part sent while the port was not set up. */
  lost: number;
  warnedBaud: boolean;
  readonly garble: SeededRandom;
}

export class Uart {
  readonly #ports: PortState[];

  constructor(
    readonly config: UartConfig,
    readonly host: UartHost,
  ) {
    this.#ports = Array.from({ length: config.ports }, (_, i) => ({
      index: i,
      config: null,
      part: null,
      generation: 0,
      rx: [],
      arriving: [],
      partTxFreeUs: 0,
      txFreeUs: 0,
      watchId: -1,
      arrivedSinceEvent: 0,
      droppedSinceEvent: 0,
      lastArrivalUs: 0,
      dropped: 0,
      lost: 0,
      warnedBaud: false,
      garble: new SeededRandom(0x0a47 + i),
    }));
  }

  // --- firmware face ---------------------------------------------------------

  setup(port: number, tx: number, rx: number, baud: number): number {
    const p = this.#ports[port];
    if (p === undefined || !Number.isInteger(port) || port === this.config.console) return STATUS.ERR_INVALID_ARG;
    if (baud < MIN_BAUD || baud > MAX_BAUD) return STATUS.ERR_INVALID_ARG;
    if (tx === rx && tx >= 0)
      throw new FirmwareFault(
        "uart_setup",
        `UART ${port}: TX and RX are both GPIO ${tx}; give two different pins (or -1 for a direction not wired)`,
      );
    this.host.pads.release(`UART ${port} `);
    this.#clear(p);
    if (tx >= 0) this.host.pads.claim(tx, `UART ${port} TX`, "output", "uart_setup");
    if (rx >= 0) this.host.pads.claim(rx, `UART ${port} RX`, "input", "uart_setup");
    p.config = { tx, rx, baud };
    p.warnedBaud = false;
    return STATUS.OK;
  }

  /** Queues bytes for sending; returns how many fit in the TX buffer, or ERR_INVALID_STATE. */
  write(port: number, bytes: Uint8Array): number {
    const p = this.#ports[port];
    if (p === undefined || p.config === null) return STATUS.ERR_INVALID_STATE;
    const { baud, tx } = p.config;
    const symbolUs = symbolUsAt(baud);
    const now = this.host.now();
    const pending = Math.max(0, Math.ceil((p.txFreeUs - now) / symbolUs - 1e-9));
    const n = Math.min(bytes.length, TX_BUFFER_BYTES - pending);
    const start = Math.max(now, p.txFreeUs);
    const generation = p.generation;
    for (let i = 0; i < n; i++) {
      const byte = bytes[i] ?? 0;
      const at = start + (i + 1) * symbolUs;
      // The part hears the byte at its time even while the handler waits (an input alarm): its reply can arrive
      // within the same handler, as on the wire.
      if (tx >= 0) this.host.clock.input(Math.ceil(at), () => this.#toPart(port, generation, byte, at));
    }
    p.txFreeUs = start + n * symbolUs;
    return n;
  }

  /** Moves up to `cap` received bytes out of the RX buffer. */
  read(port: number, cap: number): Uint8Array | number {
    const p = this.#ports[port];
    if (p === undefined || p.config === null) return STATUS.ERR_INVALID_STATE;
    this.#settle(p, this.host.now());
    const n = Math.max(0, Math.min(cap, p.rx.length));
    return Uint8Array.from(p.rx.splice(0, n));
  }

  /** UART_RX with `id` from now on; -1 stops. */
  watch(port: number, id: number): number {
    const p = this.#ports[port];
    if (p === undefined || p.config === null) return STATUS.ERR_INVALID_STATE;
    if (id < -1) return STATUS.ERR_INVALID_ARG;
    p.watchId = id;
    return STATUS.OK;
  }

  // --- test face -------------------------------------------------------------

  /** Attaches a part to `port` (its TX to the board's RX and back). */
  attach<P extends UartPart>(port: number, part: P): P {
    const p = this.#ports[port];
    if (p === undefined || !Number.isInteger(port)) {
      throw new SailError(
        `UART port ${port} does not exist on ${this.host.board}: it has ports 0..${this.config.ports - 1}`,
      );
    }
    if (port === this.config.console) {
      throw new SailError(
        `UART ${port} is the console of ${this.host.board} (logs and flashing); attach ${part.name} to another port`,
      );
    }
    if (p.part !== null)
      throw new SailError(
        `UART ${port} already has ${p.part.name} attached; ` +
          `a UART connects two devices, so attach ${part.name} to another port`,
      );
    p.part = part;
    const where = `UART ${port}`;
    const line: UartLine = { send: (bytes, startUs) => this.#fromPart(port, part, bytes, startUs) };
    part.connect(this.host.partHost(where), line);
    return part;
  }

  /** What the RX side of a port holds and has lost. */
  stats(port: number): { readonly waiting: number; readonly dropped: number; readonly lost: number } {
    const p = this.#ports[port];
    if (p === undefined) throw new SailError(`UART port ${port} does not exist on ${this.host.board}`);
    this.#settle(p, this.host.now());
    return { waiting: p.rx.length, dropped: p.dropped, lost: p.lost };
  }

  /** The pins and baud rate of a port the firmware set up, or null. */
  portConfig(port: number): { readonly tx: number; readonly rx: number; readonly baud: number } | null {
    return this.#ports[port]?.config ?? null;
  }

  /** Chip reset: ports unconfigured, buffers and bytes in flight lost. Parts stay attached. */
  reset(): void {
    this.#ports.forEach((p, port) => {
      if (p.config !== null) this.host.pads.release(`UART ${port} `);
      this.#clear(p);
    });
  }

  // -------------------------------------------------------------------------

  #clear(p: PortState): void {
    p.config = null;
    p.generation++;
    p.rx.length = 0;
    p.txFreeUs = 0;
    p.watchId = -1;
    p.arrivedSinceEvent = 0;
    p.droppedSinceEvent = 0;
  }

  /** A byte the board sent reaches the part, unless the rates disagree (the part sees framing errors). */
  #toPart(port: number, generation: number, byte: number, atUs: number): void {
    const p = this.#ports[port] as PortState;
    if (p.generation !== generation || p.part === null || p.config === null) return;
    if (!this.#baudMatches(port, p, p.part)) return;
    p.part.receive(byte, atUs);
  }

  /** The part's bytes leave one per symbol at its own rate, after whatever it is still sending. */
  #fromPart(port: number, part: UartPart, bytes: Uint8Array, startUs: number): void {
    const p = this.#ports[port] as PortState;
    const symbolUs = symbolUsAt(part.baud);
    const start = Math.max(startUs, p.partTxFreeUs, this.host.now());
    for (let i = 0; i < bytes.length; i++) {
      const at = start + (i + 1) * symbolUs;
      p.arriving.push({ byte: bytes[i] ?? 0, atUs: at });
      this.host.clock.at(Math.ceil(at), () => this.#arrived(port));
    }
    p.partTxFreeUs = start + bytes.length * symbolUs;
  }

  /** Moves bytes that have arrived by `t` into the RX buffer, dropping (and counting) what does not fit. */
  #settle(p: PortState, t: number): void {
    while (p.arriving.length > 0 && (p.arriving[0] as Arriving).atUs <= t) {
      const { byte, atUs } = p.arriving.shift() as Arriving;
      if (p.config === null || p.config.rx < 0 || p.part === null) {
        p.lost++;
        continue;
      }
      p.lastArrivalUs = atUs;
      p.arrivedSinceEvent++;
      if (p.rx.length >= RX_BUFFER_BYTES) {
        p.dropped++;
        p.droppedSinceEvent++;
        continue;
      }
      p.rx.push(this.#baudMatches(p.index, p, p.part) ? byte : p.garble.nextU32() & 0xff);
    }
  }

  #arrived(port: number): void {
    const p = this.#ports[port] as PortState;
    const generation = p.generation;
    this.#settle(p, this.host.clock.now);
    if (p.config === null || p.arrivedSinceEvent === 0) return;
    if (p.arrivedSinceEvent >= RX_FULL_THRESHOLD) {
      this.#event(port, p);
      return;
    }
    const idleAt = Math.ceil(p.lastArrivalUs + RX_IDLE_SYMBOLS * symbolUsAt(p.config.baud));
    const next = p.arriving[0];
    if (next !== undefined && next.atUs < idleAt) return; // the line is not idle: that byte checks again
    const last = p.lastArrivalUs;
    this.host.clock.at(idleAt, () => {
      if (p.generation !== generation || p.lastArrivalUs !== last || p.arrivedSinceEvent === 0) return;
      this.#settle(p, this.host.clock.now);
      if (p.lastArrivalUs === last) this.#event(port, p);
    });
  }

  #event(port: number, p: PortState): void {
    const dropped = p.droppedSinceEvent;
    p.arrivedSinceEvent = 0;
    p.droppedSinceEvent = 0;
    if (p.watchId >= 0 && p.rx.length > 0) this.host.deliver(port, p.watchId, p.rx.length, dropped);
  }

  #baudMatches(port: number, p: PortState, part: UartPart): boolean {
    const baud = p.config?.baud ?? part.baud;
    if (Math.abs(baud - part.baud) / part.baud <= BAUD_TOLERANCE) return true;
    if (!p.warnedBaud) {
      p.warnedBaud = true;
      this.host.warn(
        `UART ${port}: the board runs at ${baud} baud but ${part.name} at ${part.baud}; ` +
          `bytes are garbled both ways. Set ${part.baud} in uart_setup`,
      );
    }
    return false;
  }
}

function symbolUsAt(baud: number): number {
  return (BITS_PER_SYMBOL * 1e6) / baud;
}
