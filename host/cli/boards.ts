// `sail boards`: the board profiles Sail ships.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { espIdfFiles } from "../boards/esp-idf-files.js";
import { partitionCsv } from "../boards/partition-csv.js";
import { listBoardIds, loadBoardProfile } from "../boards/profile.js";
import type { Command } from "./main.js";

export const boardsCommand: Command = {
  summary: "list the board profiles (boards/*.json)",
  usage: "sail boards [--json] [--partitions <id>] [--esp-idf <dir>]",
  options: {
    json: { type: "boolean", description: "print the profiles' main facts as JSON" },
    partitions: {
      type: "string",
      value: "id",
      description: "print the board's ESP-IDF partition table CSV (for the runtime's ESP-IDF project)",
    },
    "esp-idf": {
      type: "string",
      value: "dir",
      description: "write the ESP-IDF project's generated files (partition tables, sdkconfig defaults) into dir",
    },
  },
  run(values) {
    const espIdf = values["esp-idf"];
    if (typeof espIdf === "string") {
      mkdirSync(espIdf, { recursive: true });
      for (const [file, text] of espIdfFiles(listBoardIds().map((id) => loadBoardProfile(id)))) {
        writeFileSync(join(espIdf, file), text);
        console.log(`wrote ${join(espIdf, file)}`);
      }
      return 0;
    }
    const csvFor = values["partitions"];
    if (typeof csvFor === "string") {
      process.stdout.write(partitionCsv(loadBoardProfile(csvFor), `sail boards --partitions ${csvFor}`));
      return 0;
    }
    const boards = listBoardIds().map((id) => loadBoardProfile(id));
    if (values["json"]) {
      console.log(
        JSON.stringify(
          boards.map((b) => ({
            id: b.id,
            name: b.name,
            chip: b.chip,
            appRamBytes: b.app.ramBytes,
            appPartitionBytes: b.app.partition.size,
            interpreter: `${b.interpreter.engine} ${b.interpreter.version}`,
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    for (const b of boards) {
      const usable = [...b.pins.values()].filter((p) => p.reserved === null).length;
      console.log(`${b.id.padEnd(20)} ${b.name}`);
      console.log(
        `${"".padEnd(20)} ${b.chip.model}, ${b.chip.arch} @ ${b.chip.cpuMhz} MHz, ${usable} usable ` +
          `GPIOs, ${b.ledc.channels} PWM channels; app: ${b.app.ramBytes / 1024} KiB ` +
          `RAM, ${b.app.partition.size / 1024} KiB flash; ${b.interpreter.engine} ${b.interpreter.version}`,
      );
    }
    return 0;
  },
};
