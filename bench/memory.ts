// Memory figures: what a board keeps as it runs. A 1 kHz log flood's heap
// growth per virtual hour, and the host memory per board (measured as the
// fleet bench does, through the fleet runner) once everything it keeps is full.
// Prints figures; never fails on a goal.

import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Board } from "../host/board/board.js";
import { buildProject } from "../host/build/build.js";
import { memoryPerBoard, runFleet } from "../host/fleet/fleet.js";
import { measureMemory } from "../host/fleet/shard.js";
import type { Figure } from "./foundation.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const FULL_BOARDS = 20;

async function image(project: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile((await buildProject(join(ROOT, project))).file));
}

const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`;
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

/** Heap + external growth (after a full GC) over one virtual hour of one log line a millisecond. */
async function logFlood(): Promise<Figure> {
  const board = Board.load("esp32-devkitc");
  await board.flash(await image("bench/firmware/log-flood"));
  await board.advance("10s"); // past the first full log ring
  const before = measureMemory();
  const t0 = performance.now();
  for (let m = 0; m < 60; m++) await board.advance("1min");
  const wallS = (performance.now() - t0) / 1000;
  const after = measureMemory();
  const grown = after.heapUsed + after.external - before.heapUsed - before.external;
  return {
    name: "log flood: one line a millisecond for 1 h virtual (3.6 million lines), memory growth",
    value:
      `${mib(grown)} per virtual hour (heap + external after a full GC; ` +
      `${board.kept.logLines.total.toLocaleString("en")} lines, ${board.logs.length.toLocaleString("en")} kept) ` +
      `in ${wallS.toFixed(0)} s wall`,
    goal: "flat (331 MiB per virtual hour when every line was kept)",
    met: grown < 4 * 1048576,
  };
}

/** Memory per board once its pin trace and logs hold all they keep (bench/firmware/flood for 15 s). */
async function fullBoard(): Promise<Figure> {
  const r = await runFleet({
    profile: "esp32-devkitc",
    image: await image("bench/firmware/flood"),
    file: "flood.wasm",
    boards: FULL_BOARDS,
    duration: "15s",
    workers: 0,
  });
  const m = memoryPerBoard(r);
  const b = r.boards[0];
  return {
    name:
      `memory per board with everything it keeps full (${FULL_BOARDS} boards, 15 s virtual of 20 level ` +
      `changes and a log line a millisecond; heap + external after a full GC, as the fleet bench measures)`,
    value:
      `${kib(m.total + m.grown)} per board: ${kib(m.total)} after flashing, ${kib(m.grown)} more once the pin ` +
      `trace and logs were full (${(b?.traceEntries ?? 0).toLocaleString("en")} pin changes and ` +
      `${(b?.logLines ?? 0).toLocaleString("en")} log lines a board, the newest 100,000 and 10,000 kept); ` +
      `process RSS +${kib(m.rss)} per board after flashing, ` +
      `+${kib((r.rss.ran - r.rss.before) / r.boards.length)} at the end (after a full GC)`,
    goal: "(report)",
    met: null,
  };
}

export async function memoryFigures(report: (f: Figure) => void): Promise<void> {
  report(await logFlood());
  report(await fullBoard());
}
