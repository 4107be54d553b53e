// The pin storm: ten virtual minutes of a firmware changing GPIO 4's level as
// fast as its device time allows (bench/firmware/pin-storm), in a process of
// its own so its peak RSS is the storm's alone. Hundreds of millions of
// imports: minutes of wall time, so a group of its own (npm run bench -- pin-storm).
// Prints figures; never fails on a goal.

import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Board } from "../host/board/board.js";
import { buildProject } from "../host/build/build.js";
import type { Figure } from "./foundation.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const VIRTUAL_S = 600;
const GOAL_MIB = 200;

interface StormResult {
  readonly changes: number;
  readonly kept: number;
  readonly virtualS: number;
  readonly wallS: number;
  readonly peakRssMiB: number;
  readonly flashedRssMiB: number;
  readonly tenSecondsRssMiB: number;
  readonly endRssMiB: number;
}

const rssMiB = (): number => process.memoryUsage().rss / 1048576;

/** Runs the storm in this process (the child side) and returns what it measured. */
async function storm(file: string): Promise<StormResult> {
  const board = Board.load("esp32-devkitc");
  await board.flash(new Uint8Array(await readFile(file)));
  const flashedRssMiB = rssMiB();
  let tenSecondsRssMiB = 0;
  const t0 = performance.now();
  for (let s = 0; s < VIRTUAL_S; s++) {
    await board.advance("1s");
    if (s === 9) tenSecondsRssMiB = rssMiB();
  }
  const wallS = (performance.now() - t0) / 1000;
  const { total, kept } = board.kept.pinChanges;
  return {
    changes: total,
    kept,
    virtualS: board.clock.now / 1e6,
    wallS,
    peakRssMiB: process.resourceUsage().maxRSS / 1024, // maxRSS is in KiB
    flashedRssMiB,
    tenSecondsRssMiB,
    endRssMiB: rssMiB(),
  };
}

export async function pinStormFigures(report: (f: Figure) => void): Promise<void> {
  const built = await buildProject(join(ROOT, "bench/firmware/pin-storm"));
  const self = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, [self, built.file], { maxBuffer: 1 << 20 });
  const r = JSON.parse(stdout) as StormResult;
  const perMs = r.changes / (r.virtualS * 1000);
  report({
    name: `pin storm: ${r.virtualS.toFixed(0)} s virtual of GPIO 4 changing level as fast as device time allows`,
    value:
      `peak RSS ${r.peakRssMiB.toFixed(0)} MiB (after flashing ${r.flashedRssMiB.toFixed(0)} MiB, ` +
      `after 10 s ${r.tenSecondsRssMiB.toFixed(0)} MiB, at the end ${r.endRssMiB.toFixed(0)} MiB) for ` +
      `${r.changes.toLocaleString("en")} level changes (${perMs.toFixed(0)} per virtual ms; the trace kept ` +
      `the newest ${r.kept.toLocaleString("en")}) in ${r.wallS.toFixed(0)} s wall`,
    goal: `≤ ${GOAL_MIB} MiB RSS`,
    met: r.peakRssMiB <= GOAL_MIB,
  });
}

// Run as a script with an image path: the child side.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] !== undefined) {
  process.stdout.write(JSON.stringify(await storm(process.argv[2])));
}
