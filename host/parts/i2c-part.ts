// The shared half of every I2C part model: the fault injection of the test
// face (docs/decisions.md D83) wrapped around the part's own command set, so each part file
// holds only its datasheet.

import { hex, PartFaults, type I2cAck, type I2cByte, type I2cPart, type PartHost } from "./part.js";

const ACK: I2cAck = { ack: true };
const NACK: I2cAck = { ack: false };

export abstract class I2cPartBase implements I2cPart {
  abstract readonly name: string;
  /** The highest SCL frequency the part is rated for (the bus warns above it). */
  abstract readonly maxHz: number;
  /** Faults a test injects: NACK, bad CRC, stuck value, a hung clock. */
  readonly faults = new PartFaults();
  #host: PartHost | null = null;

  constructor(readonly address: number) {
    if (!Number.isInteger(address) || address < 0x08 || address > 0x77) {
      throw new RangeError(`I2C address ${address} is not a 7-bit device address (0x08..0x77)`);
    }
  }

  connect(host: PartHost): void {
    this.#host = host;
    this.onConnect(host);
  }

  /** The board this part is attached to; throws while it is not attached. */
  protected get host(): PartHost {
    if (this.#host === null)
      throw new Error(
        `${this.name} at ${hex(this.address)} is not attached to a board: call board.attachI2c(port, part) first`,
      );
    return this.#host;
  }

  protected get attached(): boolean {
    return this.#host !== null;
  }

  /** Logs "<part> at <where>: <what> not implemented" (docs/decisions.md D65). */
  protected notImplemented(what: string): void {
    this.host.warn(`${this.name} at ${this.host.where}: ${what} not implemented`);
  }

  start(read: boolean, atUs: number): I2cAck {
    if (this.faults.nackAddress) return NACK;
    return this.onStart(read, atUs) ? ACK : NACK;
  }

  write(byte: number, atUs: number): I2cAck {
    if (this.faults.nackData) return NACK;
    return this.onWrite(byte, atUs) ? ACK : NACK;
  }

  read(atUs: number, last: boolean): I2cByte {
    const r = this.onRead(atUs, last);
    const hung = this.faults.stretchUs;
    return hung > 0 ? { byte: r.byte, stretchUs: (r.stretchUs ?? 0) + hung } : r;
  }

  stop(atUs: number): void {
    this.onStop(atUs);
  }

  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the parameter is for overrides; the base ignores it
  protected onConnect(_host: PartHost): void {
    /* parts that act on their own schedule here */
  }
  /** The header for this address: true to ACK. */
  protected abstract onStart(read: boolean, atUs: number): boolean;
  /** A written byte: true to ACK. */
  protected abstract onWrite(byte: number, atUs: number): boolean;
  protected abstract onRead(atUs: number, last: boolean): I2cByte;
  protected abstract onStop(atUs: number): void;
}
