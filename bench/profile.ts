// Profiling overhead: the same firmware and virtual time, profiled against the
// plain (watchdog-metered) run.

import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Board } from "../host/board/board.js";
import { buildProject } from "../host/build/build.js";
import type { Figure } from "./foundation.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

async function wallMs(image: Uint8Array, profiler: boolean, virtual: string): Promise<number> {
  const board = Board.load("esp32-devkitc", { profiler });
  board.pin(34).setVoltage(1200);
  await board.flash(image);
  await board.advance("10s"); // warm up
  const t0 = performance.now();
  await board.advance(virtual);
  return performance.now() - t0;
}

export async function profileFigures(report: (f: Figure) => void): Promise<void> {
  for (const [project, what] of [
    ["bench/firmware/loop100hz", "100 Hz loop"],
    ["examples/fade", "fade (50 Hz PWM ramp)"],
  ] as const) {
    const image = new Uint8Array(await readFile((await buildProject(join(ROOT, project))).file));
    const plain: number[] = [];
    const profiled: number[] = [];
    for (let i = 0; i < 5; i++) {
      plain.push(await wallMs(image, false, "10 min"));
      profiled.push(await wallMs(image, true, "10 min"));
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const ratio = median(profiled) / median(plain);
    report({
      name: `profiling overhead over the plain metered run: ${what}, 10 min of virtual time`,
      value: `${ratio.toFixed(2)}× (${median(plain).toFixed(0)} → ${median(profiled).toFixed(0)} ms)`,
      goal: "≤ 1.5×",
      met: ratio <= 1.5,
    });
  }
}
