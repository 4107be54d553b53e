// `sail flash`: writes an image into a board's active Sail slot over its
// serial port with esptool-js, and optionally the runtime and a factory
// identity (docs/runtime-chip.md "Building and flashing a board").

import { readFile } from "node:fs/promises";
import { loadBoardProfile } from "../boards/profile.js";
import { readManifest } from "../flash/manifest.js";
import { writeOverSerial } from "../flasher/esptool.js";
import { parseIdentity } from "../flasher/identity-image.js";
import { planFlash } from "../flasher/plan.js";
import { resolvePort, romChipOf } from "../flasher/port.js";
import { readWasm } from "../wasm/binary.js";
import { note } from "./format.js";
import type { Command } from "./main.js";

const USAGE = 2;

async function readInput(file: string, what: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch {
    note(`sail flash: ${file}: cannot read the ${what}; check the path`);
    return null;
  }
}

/** The board: --board, else the first the image's manifest lists, else esp32-devkitc. */
function boardFor(given: string | undefined, image: Uint8Array, emulatedBoard: string | null): string {
  if (given !== undefined) return given;
  if (emulatedBoard !== null) return emulatedBoard;
  try {
    return readManifest(readWasm(image), "image")?.boards[0] ?? "esp32-devkitc";
  } catch {
    return "esp32-devkitc";
  }
}

export const flashCommand: Command = {
  summary: "write an image into a board's Sail slot over its serial port (esptool-js)",
  usage:
    "sail flash <image.wasm> --port <serial> [--board id] [--runtime app.bin] " +
    "[--identity did=<n>,token=<32 hex>,mac=<aa:bb:..>] [--baud n]",
  options: {
    port: {
      type: "string",
      value: "serial",
      description: "the board's serial port (/dev/ttyUSB0), or emulated:<board>:<flash file>",
    },
    board: {
      type: "string",
      value: "id",
      description: "board profile (default: the image's first board); its chip must be the one on the port",
    },
    runtime: { type: "string", value: "app.bin", description: "also write the runtime (idf.py build's app) to ota_0" },
    identity: {
      type: "string",
      value: "did=..,token=..,mac=..",
      description: "also write a factory identity into nvs (its other keys are erased)",
    },
    baud: { type: "string", value: "n", description: "baud rate for the writes (default 115200; e.g. 460800)" },
    trace: { type: "boolean", description: "print esptool-js's packet trace" },
  },
  async run(values, positionals) {
    const file = positionals[0];
    const port = values["port"];
    if (file === undefined || typeof port !== "string") {
      note("sail flash: give the image and the port, e.g. sail flash build/app.signed.wasm --port /dev/ttyUSB0");
      return USAGE;
    }
    const baudText = typeof values["baud"] === "string" ? values["baud"] : "115200";
    const baud = Number(baudText);
    if (!/^\d+$/.test(baudText) || baud < 9600 || baud > 5_000_000) {
      note(`sail flash: --baud ${baudText}: give a whole number of bits per second, 9600 to 5000000`);
      return USAGE;
    }
    const image = await readInput(file, "image");
    if (image === null) return 1;
    const runtimeFile = typeof values["runtime"] === "string" ? values["runtime"] : undefined;
    const runtime = runtimeFile === undefined ? undefined : await readInput(runtimeFile, "runtime app image");
    if (runtime === null) return 1;
    const identity = typeof values["identity"] === "string" ? parseIdentity(values["identity"]) : undefined;

    const opened = resolvePort(port);
    try {
      const given = typeof values["board"] === "string" ? values["board"] : undefined;
      const profile = loadBoardProfile(boardFor(given, image, opened.board?.id ?? null));
      const writes = await planFlash(profile, image, file, {
        ...(runtime === undefined || runtimeFile === undefined
          ? {}
          : { runtime: { bytes: runtime, file: runtimeFile } }),
        ...(identity === undefined ? {} : { identity }),
      });
      note(`flashing ${file} onto ${profile.id} (${profile.chip.model}) on ${opened.link.name}`);
      const result = await writeOverSerial(opened.link, writes, {
        baud,
        expectChip: romChipOf(profile).name,
        trace: values["trace"] === true,
        log: (line) => note(`  ${line}`),
      });
      note(`flashed ${file} into sail_0 of the ${result.chip}; it boots on the next reset (done)`);
      return 0;
    } finally {
      await opened.finish();
    }
  },
};
