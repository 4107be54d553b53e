// `sail start` (npm start): builds the smart lamp, flashes it onto an emulated
// ESP32, runs it in real time and serves miIO on 127.0.0.1:54321 (Ctrl-C stops).

import { join } from "node:path";
import { MIIO_PORT } from "../miot/codec.js";
import { PACKAGE_ROOT } from "../paths.js";
import { toMicros } from "../time/duration.js";
import { parseAddress, runFirmware } from "./run.js";
import type { Command } from "./main.js";

export const startCommand: Command = {
  summary:
    `build examples/smart-lamp, run it on an emulated esp32-devkitc in ` +
    `real time and serve miIO on 127.0.0.1:${MIIO_PORT} (Ctrl-C stops)`,
  usage: "sail start [--for 10s] [--miot host:port]",
  options: {
    for: { type: "string", value: "duration", description: "stop after this much time instead of at Ctrl-C" },
    miot: { type: "string", value: "host:port", description: `where to serve miIO (default 127.0.0.1:${MIIO_PORT})` },
  },
  async run(values) {
    const forValue = values["for"];
    return runFirmware({
      firmware: join(PACKAGE_ROOT, "examples/smart-lamp"),
      board: "esp32-devkitc",
      forUs: typeof forValue === "string" ? toMicros(forValue) : null,
      realtime: true,
      trace: true,
      seed: 1,
      miot: parseAddress(typeof values["miot"] === "string" ? values["miot"] : `127.0.0.1:${MIIO_PORT}`),
      identity: {},
    });
  },
};
