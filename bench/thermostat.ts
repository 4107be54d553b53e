// Thermostat figure: virtual time over wall time for the thermostat example
// holding 21 °C for 24 h in a World room (5 °C outside, 1500 W heater on its
// relay, an SHT3x model read every 5 s), median of five runs.
// Prints the figure; never fails on its goal.

import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Board } from "../host/board/board.js";
import { buildProject } from "../host/build/build.js";
import { Sht3x } from "../host/parts/sht3x.js";
import { World } from "../host/world/world.js";
import type { Figure } from "./foundation.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const RELAY_GPIO = 26;
const RUNS = 5;
const DAY_MS = 24 * 3_600_000;

interface Run {
  readonly wallMs: number;
  readonly switches: number;
  readonly events: number;
}

async function day(image: Uint8Array, seed: number): Promise<Run> {
  const board = Board.load("esp32-devkitc", { seed });
  const sht = board.attachI2c(0, new Sht3x({ noise: false }));
  const room = new World(board.clock, { outside: 5, thermal: { initialC: 18 }, seed });
  sht.environment = room.environmentProvider();
  room.addHeater({ powerW: 1500, drivenBy: { board, gpio: RELAY_GPIO } });
  await board.flash(image);
  const t0 = performance.now();
  await board.advance("24h");
  const wallMs = performance.now() - t0;
  return { wallMs, switches: board.pin(RELAY_GPIO).edges("any").length, events: board.eventsDelivered };
}

export async function thermostatFigures(report: (f: Figure) => void): Promise<void> {
  const image = new Uint8Array(await readFile((await buildProject(join(ROOT, "examples/thermostat"))).file));
  await day(image, 0); // warm up the compiler
  const runs: Run[] = [];
  for (let seed = 1; seed <= RUNS; seed++) runs.push(await day(image, seed));
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const median = sorted[Math.floor(sorted.length / 2)] as Run;
  const ratio = DAY_MS / median.wallMs;
  report({
    name: "thermostat in its room (SHT3x every 5 s, relay, World), 24 h of virtual time vs real time",
    value:
      `${Math.round(ratio).toLocaleString("en")}× (24 h in ${median.wallMs.toFixed(0)} ms, median ` +
      `of ${RUNS}; ${median.events.toLocaleString("en")} events, ${median.switches} relay switches)`,
    goal: "≥ 10,000×",
    met: ratio >= 10_000,
  });
}
