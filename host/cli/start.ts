// `sail start` (npm start): builds the blink example, flashes it onto an
// emulated ESP32 and runs it in real time with logs and the pin trace.

import { join } from "node:path";
import { PACKAGE_ROOT } from "../paths.js";
import { runFirmware } from "./run.js";
import type { Command } from "./main.js";

export const startCommand: Command = {
  summary: "build examples/blink and run it on an emulated esp32-devkitc in real time (Ctrl-C stops)",
  usage: "sail start [--for 10s]",
  options: {
    for: { type: "string", value: "duration", description: "stop after this much time instead of at Ctrl-C" },
  },
  async run(values) {
    const forValue = values["for"];
    const { toMicros } = await import("../time/duration.js");
    return runFirmware({
      firmware: join(PACKAGE_ROOT, "examples/blink"),
      board: "esp32-devkitc",
      forUs: typeof forValue === "string" ? toMicros(forValue) : null,
      realtime: true,
      trace: true,
      seed: 1,
    });
  },
};
