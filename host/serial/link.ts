// A serial line as Sail's flasher and monitor use it: bytes both ways, the
// DTR and RTS control lines (which a dev board's auto-reset circuit wires to
// the chip's EN and IO0), and the baud rate. Two kinds exist: a real port
// (`serialport`, node-link.ts) and an emulated board's UART0 in the same
// process (host/flasher/emulated-link.ts). `WebSerialPort` puts either behind
// the Web Serial API's SerialPort, which is what esptool-js's Transport
// drives.

export interface SerialSignals {
  readonly dataTerminalReady?: boolean | undefined;
  readonly requestToSend?: boolean | undefined;
  readonly break?: boolean | undefined;
}

export interface SerialLink {
  /** What the link is, for messages: the device path, or the emulated board. */
  readonly name: string;
  open(baudRate: number): Promise<void>;
  close(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  /** Bytes from the other end, as they arrive (one listener). */
  onData(listener: (bytes: Uint8Array) => void): void;
  /** Sets the lines given; a line left undefined keeps its level. */
  setSignals(signals: SerialSignals): Promise<void>;
  setBaudRate(baudRate: number): Promise<void>;
}

/**
 * The part of the Web Serial API's SerialPort that esptool-js uses (open,
 * close, readable, writable, setSignals, getInfo), plus the in-place baud rate
 * change its Transport prefers when a port offers one.
 */
export class WebSerialPort {
  readable: ReadableStream<Uint8Array> | null = null;
  writable: WritableStream<Uint8Array> | null = null;
  #controller: ReadableStreamDefaultController<Uint8Array> | null = null;

  constructor(readonly link: SerialLink) {
    link.onData((bytes) => {
      try {
        this.#controller?.enqueue(bytes.slice());
      } catch {
        // the stream was cancelled: the bytes have no reader
      }
    });
  }

  async open(options: { readonly baudRate?: number | undefined }): Promise<void> {
    await this.link.open(options.baudRate ?? 115200);
    this.readable = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
      cancel: () => {
        this.#controller = null;
      },
    });
    this.writable = new WritableStream<Uint8Array>({ write: (chunk) => this.link.write(chunk) });
  }

  async close(): Promise<void> {
    try {
      this.#controller?.close();
    } catch {
      // already closed or cancelled
    }
    this.#controller = null;
    this.readable = null;
    this.writable = null;
    await this.link.close();
  }

  setSignals(signals: SerialSignals): Promise<void> {
    return this.link.setSignals(signals);
  }

  setBaudRate(baudRate: number): Promise<void> {
    return this.link.setBaudRate(baudRate);
  }

  /** No USB ids: esptool-js then takes the classic DTR/RTS reset, as for a USB-UART bridge. */
  getInfo(): { usbVendorId?: number; usbProductId?: number } {
    return {};
  }
}
