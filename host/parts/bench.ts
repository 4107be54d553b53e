// A bench for part models without a board or firmware (the Zephyr emulator
// test setup): I2C port 0 and UART port 0 as a host-side master on their own
// virtual clock, with the part's warnings collected instead of logged.

import { I2cBus, type BusPads, type I2cResult } from "../peripherals/i2c.js";
import { Uart } from "../peripherals/uart.js";
import { toMicros, type Duration } from "../time/duration.js";
import { VirtualClock } from "../time/clock.js";
import { partSeed, type I2cPart, type PartHost, type UartPart } from "./part.js";

export interface BenchOptions {
  /** SCL frequency of I2C port 0 (default 100 kHz). */
  readonly i2cHz?: number;
  /** Baud rate of UART port 0 (default 9600). */
  readonly baud?: number;
  /** Seed the parts' noise derives from (default 1). */
  readonly seed?: number;
  /** Stretch timeout of every I2C transfer, µs (default 1 s). */
  readonly timeoutUs?: number;
}

/** A UART_RX the bench's UART raised. */
export interface BenchRx {
  readonly timeUs: number;
  readonly waiting: number;
  readonly dropped: number;
}

const NO_PADS: BusPads = { claim: () => undefined, release: () => undefined };

export class PartBench {
  readonly clock = new VirtualClock();
  /** Warnings the parts and buses gave ("... not implemented" among them). */
  readonly warnings: string[] = [];
  /** UART_RX events, in order. */
  readonly rx: BenchRx[] = [];
  readonly i2c: I2cBus;
  readonly uart: Uart;
  readonly #timeoutUs: number;

  constructor(options: BenchOptions = {}) {
    const seed = options.seed ?? 1;
    const now = (): number => this.clock.now;
    const warn = (m: string): void => {
      this.warnings.push(m);
    };
    const partHost = (where: string): PartHost => ({
      clock: this.clock,
      now,
      warn,
      where,
      seed: partSeed(seed, where),
    });
    this.#timeoutUs = options.timeoutUs ?? 1_000_000;
    this.i2c = new I2cBus({ ports: 1, maxHz: 1_000_000 }, { pads: NO_PADS, now, warn, partHost, board: "the bench" });
    this.i2c.setup(0, 0, 1, options.i2cHz ?? 100_000);
    this.uart = new Uart(
      { ports: 1, console: -1 },
      {
        pads: NO_PADS,
        clock: this.clock,
        now,
        warn,
        partHost,
        board: "the bench",
        deliver: (_port, _id, waiting, dropped) => {
          this.rx.push({ timeUs: this.clock.now, waiting, dropped });
        },
      },
    );
    this.uart.setup(0, 2, 3, options.baud ?? 9600);
    this.uart.watch(0, 0);
  }

  get now(): number {
    return this.clock.now;
  }

  attachI2c<P extends I2cPart>(part: P): P {
    return this.i2c.attach(0, part);
  }

  attachUart<P extends UartPart>(part: P): P {
    return this.uart.attach(0, part);
  }

  /** An I2C write; the clock then moves on by the bus time (running anything due meanwhile). */
  write(address: number, bytes: ArrayLike<number>): I2cResult {
    return this.#timed(this.i2c.transfer(0, address, Uint8Array.from(bytes), 0, this.#timeoutUs));
  }

  read(address: number, length: number): I2cResult {
    return this.#timed(this.i2c.transfer(0, address, null, length, this.#timeoutUs));
  }

  /** Write, repeated START, read. */
  writeRead(address: number, bytes: ArrayLike<number>, length: number): I2cResult {
    return this.#timed(this.i2c.transfer(0, address, Uint8Array.from(bytes), length, this.#timeoutUs));
  }

  /** Queues bytes on UART 0's TX; returns how many fit. */
  send(bytes: ArrayLike<number>): number {
    return this.uart.write(0, Uint8Array.from(bytes));
  }

  /** Takes everything UART 0 has received. */
  receive(): Uint8Array {
    const r = this.uart.read(0, 1 << 20);
    return typeof r === "number" ? new Uint8Array(0) : r;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- async like Board.advance: a throw is a rejection
  async advance(d: Duration): Promise<void> {
    this.clock.advance(toMicros(d));
  }

  #timed(r: I2cResult): I2cResult {
    this.clock.advance(Math.ceil(r.durationUs));
    return r;
  }
}
