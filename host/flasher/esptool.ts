// Writing a flash plan through esptool-js (Espressif's flasher) over a
// SerialLink: reset into the ROM bootloader with DTR/RTS, sync, detect the
// chip and refuse the wrong one, change the baud rate if asked, attach the SPI
// flash, write compressed blocks, check each write's MD5 on the chip, and
// reset into the firmware. It talks to the ROM bootloader itself (no flasher
// stub, as `esptool.py --no-stub`): the path the emulated board's model
// checks is the path a chip sees (docs/runtime.md).

import { createHash } from "node:crypto";
import { ESPLoader, Transport, type IEspLoaderTerminal } from "esptool-js";
import { SailError } from "../errors.js";
import { WebSerialPort, type SerialLink } from "../serial/link.js";
import type { FlashWrite } from "./plan.js";
import { ROM_BLOCK_MAX } from "./rom-loader.js";
import { ROM_BAUD } from "./emulated-link.js";

export interface EsptoolOptions {
  /** Baud rate for the writes; the ROM starts at 115200 and is asked to change if this differs. */
  readonly baud?: number;
  /** The chip the board profile is for, as esptool names it ("ESP32", "ESP32-C3"); null takes whichever answers. */
  readonly expectChip: string | null;
  /** Pass esptool-js's packet trace to `log`. */
  readonly trace?: boolean;
  /** Progress and esptool-js's own lines. */
  readonly log: (line: string) => void;
}

export interface EsptoolResult {
  readonly chip: string;
  readonly md5: readonly string[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** esptool-js prints `\n\r` between steps and partial lines; we keep whole, non-empty lines. */
function terminal(log: (line: string) => void): IEspLoaderTerminal {
  let partial = "";
  const flush = (text: string): void => {
    partial += text;
    const lines = partial.split(/\r?\n|\r/);
    partial = lines.pop() ?? "";
    for (const l of lines) if (l.trim() !== "") log(l.trim());
  };
  return { clean: () => undefined, write: flush, writeLine: (l) => flush(`${l}\n`) };
}

/** Pads to whole words, as esptool-js does before writing, so the MD5 covers what lands in flash. */
const padded = (data: Uint8Array): Uint8Array => {
  const out = new Uint8Array(Math.ceil(data.length / 4) * 4).fill(0xff);
  out.set(data);
  return out;
};

export async function writeOverSerial(
  link: SerialLink,
  writes: readonly FlashWrite[],
  o: EsptoolOptions,
): Promise<EsptoolResult> {
  // esptool-js's Transport takes a Web Serial SerialPort; WebSerialPort is the part of one it uses.
  const transport = new Transport(new WebSerialPort(link));
  // Its trace prints to the console even with tracing off ("readLoop exited"); keep it for --trace.
  transport.trace = (message) => {
    if (o.trace === true) o.log(`trace: ${message}`);
  };
  const baud = o.baud ?? ROM_BAUD;
  const loader = new ESPLoader({ transport, baudrate: baud, romBaudrate: ROM_BAUD, terminal: terminal(o.log) });
  let opened = false;
  try {
    try {
      await loader.detectChip("default_reset");
      opened = true;
    } catch (e) {
      if (e instanceof SailError) throw e;
      throw new SailError(
        `no ESP chip answered on ${link.name} (${(e as Error).message}): check it is the board's port, ` +
          "hold BOOT while pressing EN (RST) if its auto-reset circuit does not put it in download mode, " +
          "or try a lower --baud",
      );
    }
    const chip = loader.chip.CHIP_NAME;
    if (o.expectChip !== null && chip !== o.expectChip)
      throw new SailError(
        `${link.name} has an ${chip}; the board profile is for an ${o.expectChip}: give the --board of this chip ` +
          "(sail boards lists them), or plug in the board you meant",
      );
    if (baud !== ROM_BAUD) await loader.changeBaud();
    // The ROM takes 1 KiB data blocks (esptool's ROM block size); esptool-js's default is the stub's 16 KiB.
    loader.FLASH_WRITE_SIZE = ROM_BLOCK_MAX;
    await loader.flashSpiAttach(0);
    for (const w of writes)
      o.log(`writing ${w.what}: ${w.data.length.toLocaleString("en")} bytes at 0x${w.address.toString(16)}`);
    const files = writes.map((w) => ({ address: w.address, data: padded(w.data) }));
    await loader.writeFlash({
      fileArray: files,
      flashMode: "keep",
      flashFreq: "keep",
      flashSize: "keep",
      eraseAll: false,
      compress: true,
    });
    const md5: string[] = [];
    for (const f of files) {
      const want = createHash("md5").update(f.data).digest("hex");
      const got = romMd5(await loader.flashMd5sum(f.address, f.data.length));
      if (got !== want)
        throw new SailError(
          `the flash at 0x${f.address.toString(16)} reads back with MD5 ${got}, not the written ${want}: ` +
            "the write failed; try again, at a lower --baud, with a shorter USB cable",
        );
      md5.push(got);
    }
    o.log(`verified ${files.length} writes by MD5 on the chip`);
    // Hard reset into the firmware: EN pulsed low by RTS while DTR (IO0) stays released.
    await transport.setDTR(false);
    await transport.setRTS(true);
    await sleep(100);
    await transport.setRTS(false);
    o.log("reset: the board boots what was flashed");
    return { chip, md5 };
  } finally {
    if (opened) await transport.disconnect().catch(() => undefined);
    else await link.close().catch(() => undefined);
  }
}

/**
 * The ROM gives the MD5 as 32 hex digits, which esptool-js hexifies once more
 * (a stub gives 16 raw bytes, which it hexifies once): undo the extra step.
 */
function romMd5(reported: string): string {
  return reported.length === 64 ? Buffer.from(reported, "hex").toString("latin1").toLowerCase() : reported;
}
