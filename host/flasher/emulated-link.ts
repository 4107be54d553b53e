// An emulated dev board at the end of a serial line, in the same process: the
// USB-UART bridge's auto-reset circuit (esptool "Boot mode selection": RTS
// asserted alone holds EN low, DTR asserted alone pulls IO0 low), the strap
// sampled when EN rises (IO0 low: the ROM serial bootloader; high: boot from
// flash), the ROM bootloader model writing into the board's FlashChip, and
// the booted firmware's console on UART0. Both ends must use the same baud
// rate: bytes sent at another rate are lost, as framing errors lose them.

import type { FlashChip } from "../flash/chip.js";
import { SailError } from "../errors.js";
import type { SerialLink, SerialSignals } from "../serial/link.js";
import { SlipDecoder, slipEncode } from "../serial/slip.js";
import { RomLoader, type RomChip } from "./rom-loader.js";

export const ROM_BAUD = 115200;

/** Runs what the flash holds and writes its console output; resolves when the run ends. */
export type BootFromFlash = (flash: FlashChip, console: (text: string) => void) => Promise<void>;

export type ChipMode = "reset" | "download" | "app";

export class EmulatedLink implements SerialLink {
  readonly name: string;
  #open = false;
  #hostBaud = ROM_BAUD;
  #chipBaud = ROM_BAUD;
  #dtr = false;
  #rts = false;
  #mode: ChipMode = "app";
  #listener: (bytes: Uint8Array) => void = () => undefined;
  #decoder = new SlipDecoder();
  #rom: RomLoader;
  /** Bumped at every reset, so a run from an earlier boot stops writing to the console. */
  #boots = 0;
  #running: Promise<void> = Promise.resolve();
  /** What happened on the chip side, one line each (resets, boot modes, baud changes). */
  readonly events: string[] = [];

  constructor(
    readonly chip: RomChip,
    readonly flash: FlashChip,
    readonly boot: BootFromFlash,
    name?: string,
  ) {
    this.name = name ?? `an emulated ${chip.name} board`;
    this.#rom = this.#newRom();
  }

  get mode(): ChipMode {
    return this.#mode;
  }

  /** Commands the ROM bootloader received since the last reset into download mode. */
  get romCommands(): readonly string[] {
    return this.#rom.commands;
  }

  /** Resolves when the firmware booted last has finished its run. */
  settled(): Promise<void> {
    return this.#running;
  }

  open(baudRate: number): Promise<void> {
    if (this.#open) return Promise.reject(new SailError(`${this.name} is already open`));
    this.#open = true;
    this.#hostBaud = baudRate;
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#open = false;
    return Promise.resolve();
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.#open) return Promise.reject(new SailError(`${this.name} is not open`));
    const copy = bytes.slice();
    // The chip sees the bytes after the call returns, as a UART would.
    setImmediate(() => this.#receive(copy));
    return Promise.resolve();
  }

  onData(listener: (bytes: Uint8Array) => void): void {
    this.#listener = listener;
  }

  setSignals(signals: SerialSignals): Promise<void> {
    const wasInReset = this.#inReset();
    if (signals.dataTerminalReady !== undefined) this.#dtr = signals.dataTerminalReady;
    if (signals.requestToSend !== undefined) this.#rts = signals.requestToSend;
    const inReset = this.#inReset();
    if (inReset && !wasInReset) {
      this.#mode = "reset";
      this.#boots++;
    } else if (!inReset && wasInReset) {
      this.#release();
    }
    return Promise.resolve();
  }

  setBaudRate(baudRate: number): Promise<void> {
    this.#hostBaud = baudRate;
    return Promise.resolve();
  }

  /** EN is held low while RTS is asserted and DTR is not. */
  #inReset(): boolean {
    return this.#rts && !this.#dtr;
  }

  /** EN rises: the ROM samples IO0, which is low while DTR is asserted and RTS is not. */
  #release(): void {
    const download = this.#dtr && !this.#rts;
    this.#chipBaud = ROM_BAUD;
    this.#decoder = new SlipDecoder();
    if (download) {
      this.#mode = "download";
      this.#rom = this.#newRom();
      this.events.push("reset: IO0 low, ROM serial bootloader");
      this.#emit(
        "ets Jun  8 2016 00:22:57\r\n\r\n" +
          "rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n",
      );
      return;
    }
    this.events.push("reset: IO0 high, booting from flash");
    this.#startApp();
  }

  #startApp(): void {
    this.#mode = "app";
    const boot = ++this.#boots;
    this.#emit("ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n");
    const previous = this.#running;
    this.#running = previous.then(() =>
      this.boot(this.flash, (text) => {
        if (this.#boots === boot) this.#emit(text);
      }),
    );
  }

  #newRom(): RomLoader {
    return new RomLoader(this.chip, this.flash, {
      reply: (packet) => this.#emit(slipEncode(packet)),
      baud: (rate) => {
        this.#chipBaud = rate;
        this.events.push(`baud: ${rate}`);
      },
      runApp: () => {
        this.events.push("FLASH_END: running the app");
        this.#startApp();
      },
    });
  }

  #receive(bytes: Uint8Array): void {
    if (this.#mode !== "download" || this.#hostBaud !== this.#chipBaud) return; // in reset, the app's, or garbled
    for (const packet of this.#decoder.push(bytes)) this.#rom.handle(packet);
  }

  #emit(data: Uint8Array | string): void {
    if (!this.#open || this.#hostBaud !== this.#chipBaud) return;
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    setImmediate(() => {
      if (this.#open) this.#listener(bytes);
    });
  }
}
