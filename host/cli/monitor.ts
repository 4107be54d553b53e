// `sail monitor`: shows a board's console (UART0) as the runtime prints it.
// Opening resets the board into its firmware, as `idf.py monitor` does, so the
// log starts at boot; --no-reset leaves it running. It ends on Ctrl-C, after
// --for, or, on an emulated port, when the emulated run ends.

import { SailError } from "../errors.js";
import { resolvePort } from "../flasher/port.js";
import { toMicros } from "../time/duration.js";
import { note } from "./format.js";
import type { Command } from "./main.js";

const USAGE = 2;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const monitorCommand: Command = {
  summary: "show a board's console log over its serial port",
  usage: "sail monitor --port <serial> [--baud 115200] [--for <duration>] [--no-reset]",
  options: {
    port: {
      type: "string",
      value: "serial",
      description: "the board's serial port (/dev/ttyUSB0), or emulated:<board>:<flash file>",
    },
    baud: { type: "string", value: "n", description: "the console's baud rate (default 115200, ESP-IDF's)" },
    for: {
      type: "string",
      value: "duration",
      description: "stop after this long (on an emulated port: of virtual time, default 5s)",
    },
    "no-reset": { type: "boolean", description: "do not reset the board when the port opens" },
  },
  async run(values) {
    const port = values["port"];
    if (typeof port !== "string") {
      note("sail monitor: which port? e.g. sail monitor --port /dev/ttyUSB0");
      return USAGE;
    }
    const baud = Number(typeof values["baud"] === "string" ? values["baud"] : "115200");
    if (!Number.isInteger(baud) || baud < 9600 || baud > 5_000_000) {
      note(`sail monitor: --baud ${String(values["baud"])}: give a whole number of bits per second`);
      return USAGE;
    }
    const forText = typeof values["for"] === "string" ? values["for"] : undefined;
    let forUs: number | null;
    try {
      forUs = forText === undefined ? null : toMicros(forText);
    } catch (e) {
      note(`sail monitor: --for ${String(forText)}: ${(e as Error).message}`);
      return USAGE;
    }
    const opened = resolvePort(port, forText ?? "5s");
    const { link } = opened;
    link.onData((bytes) => process.stdout.write(bytes));
    try {
      await link.open(baud);
      note(`sail monitor: ${link.name} at ${baud} baud (Ctrl-C to stop)`);
      if (values["no-reset"] !== true) {
        // EN pulsed low by RTS with DTR (IO0) released: the board boots its firmware.
        await link.setSignals({ dataTerminalReady: false, requestToSend: true });
        await sleep(100);
        await link.setSignals({ requestToSend: false });
      }
      let stop: () => void = () => undefined;
      const interrupted = new Promise<void>((resolve) => (stop = resolve));
      process.once("SIGINT", stop);
      const ends: Promise<unknown>[] = [interrupted];
      if (opened.board !== null) ends.push(opened.finish());
      else if (forUs !== null) ends.push(sleep(forUs / 1000));
      await Promise.race(ends);
      process.removeListener("SIGINT", stop);
      return 0;
    } catch (e) {
      if (e instanceof SailError) throw e;
      throw new SailError(`sail monitor: ${link.name}: ${(e as Error).message}`);
    } finally {
      await link.close();
      await opened.finish();
    }
  },
};
