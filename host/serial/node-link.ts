// A real serial port (a USB-UART bridge such as the DevKitC's CP2102, or a
// chip's USB-Serial/JTAG) through the `serialport` package, as a SerialLink.
// Opening a port that is missing or busy is refused naming the port and what
// to try.

import { SerialPort } from "serialport";
import { SailError } from "../errors.js";
import type { SerialLink, SerialSignals } from "./link.js";

const promised = (run: (done: (e: Error | null | undefined) => void) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    run((e) => {
      if (e) reject(e);
      else resolve();
    });
  });

export class NodeSerialLink implements SerialLink {
  #port: SerialPort | null = null;
  #listener: (bytes: Uint8Array) => void = () => undefined;
  readonly #lines = { dtr: false, rts: false, brk: false };

  constructor(readonly name: string) {}

  async open(baudRate: number): Promise<void> {
    const port = new SerialPort({ path: this.name, baudRate, autoOpen: false });
    try {
      await promised((done) => {
        port.open(done);
      });
    } catch (e) {
      throw new SailError(
        `cannot open serial port ${this.name}: ${(e as Error).message}; ` +
          "check the path (ls /dev/ttyUSB* /dev/ttyACM*), that the board is plugged in, " +
          "that no other program (a monitor) holds the port, and that you may use it (group dialout)",
      );
    }
    port.on("data", (chunk: Buffer) => {
      this.#listener(new Uint8Array(chunk));
    });
    this.#port = port;
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    if (port?.isOpen === true) await promised((done) => port.close(done));
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.#open();
    port.write(Buffer.from(bytes));
    await promised((done) => port.drain(done));
  }

  onData(listener: (bytes: Uint8Array) => void): void {
    this.#listener = listener;
  }

  async setSignals(signals: SerialSignals): Promise<void> {
    if (signals.dataTerminalReady !== undefined) this.#lines.dtr = signals.dataTerminalReady;
    if (signals.requestToSend !== undefined) this.#lines.rts = signals.requestToSend;
    if (signals.break !== undefined) this.#lines.brk = signals.break;
    const port = this.#open();
    await promised((done) => port.set({ ...this.#lines }, done));
  }

  async setBaudRate(baudRate: number): Promise<void> {
    const port = this.#open();
    await promised((done) => port.update({ baudRate }, done));
  }

  #open(): SerialPort {
    if (this.#port === null) throw new SailError(`serial port ${this.name} is not open`);
    return this.#port;
  }
}
