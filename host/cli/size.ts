// `sail size`: what a firmware image spends its flash on, against the board's
// app partition and RAM budget.

import { readFile, stat } from "node:fs/promises";
import { loadBoardProfile } from "../boards/profile.js";
import { formatSizeReport, sizeReport } from "../profiler/size.js";
import { note } from "./format.js";
import type { Command } from "./main.js";
import { resolveFirmware } from "./run.js";

export const sizeCommand: Command = {
  summary: "the size report of a firmware image: functions, data, custom sections, imports, exports, memory",
  usage: "sail size <image.wasm | project-dir> [--board esp32-devkitc] [--json]",
  options: {
    board: {
      type: "string",
      value: "id",
      description: "board profile whose app partition and RAM budget to compare with (default esp32-devkitc)",
    },
    json: { type: "boolean", description: "print the whole report as JSON (every function)" },
  },
  async run(values, positionals) {
    const firmware = positionals[0];
    if (firmware === undefined) {
      note(
        "sail size: which firmware? give a .wasm file or a project " +
          "folder, e.g. sail size examples/blink --board esp32-devkitc",
      );
      return 2;
    }
    if (
      !(await stat(firmware).then(
        () => true,
        () => false,
      ))
    ) {
      note(`sail size: ${firmware}: no such file or folder; give a .wasm image or a project folder (with sail.json)`);
      return 1;
    }
    const profile = loadBoardProfile(typeof values["board"] === "string" ? values["board"] : "esp32-devkitc");
    const file = await resolveFirmware(firmware);
    const report = sizeReport(new Uint8Array(await readFile(file)), file, profile);
    console.log(values["json"] ? JSON.stringify(report, null, 2) : formatSizeReport(report));
    return 0;
  },
};
