// The C runtime's figures (npm run bench -- runtime): per example, `sail
// verify`'s result and what it compared; the wall time per event handled by
// the emulator (V8) and by the C runtime on the host (wasm2c, co-simulated
// over the pipe), same image, scenario and board; and the heap the wasm3
// engine needs for each example on each board against the board's budget,
// measured in the host runtime built with wasm3 (SAIL_WASM3_DIR, a wasm3
// v0.5.0 checkout) by counting its allocations (bench/heap-peak.c). Printed,
// never asserted; wall times depend on the machine and its load.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Board } from "../host/board/board.js";
import { buildProject } from "../host/build/build.js";
import { loadBoardProfile, type BoardProfile } from "../host/boards/profile.js";
import { buildProgram, findCompiler, RUNTIME_DIR } from "../host/runtime/cc.js";
import { firstDivergence, runStream, type Stream, type StreamRun } from "../host/runtime/verify.js";
import { buildWasm2cRuntime, type HostRuntime } from "../host/runtime/wasm2c.js";
import { buildWasm3Runtime } from "../host/runtime/wasm3.js";
import type { Step } from "../host/scenario/scenario.js";
import { fileURLToPath } from "node:url";
import type { Figure } from "./foundation.js";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");

const S = 1_000_000;
const KIB = 1024;

interface Example {
  readonly project: string;
  /** The board `sail verify` and the cost figure use. */
  readonly board: string;
  readonly steps: readonly Step[];
  /** Wiring before power-on (the door's reed closed). */
  readonly before?: (board: Board) => void;
}

const press = (atUs: number): Step[] => [
  { atUs, press: "boot" },
  { atUs: atUs + 200_000, release: "boot" },
];

/** The examples on the scenarios test/verify.test.ts runs: presses, a sensor change, deep sleep, MIoT. */
const EXAMPLES: readonly Example[] = [
  { project: "examples/blink", board: "esp32-c3-devkitm", steps: [] },
  { project: "examples/button-led", board: "esp32-devkitc", steps: [...press(1 * S), ...press(2 * S)] },
  { project: "examples/fade", board: "esp32-c3-devkitm", steps: [] },
  {
    project: "examples/motion-sensor",
    board: "esp32-devkitc",
    steps: [
      { atUs: 1 * S, drive: { gpio: 4, level: 1 } },
      { atUs: 3 * S, drive: { gpio: 4, level: 0 } },
    ],
  },
  {
    project: "examples/door-sensor",
    board: "esp32-devkitc",
    steps: [
      { atUs: 3 * S, drive: { gpio: 4, level: 1 } },
      { atUs: 6 * S, drive: { gpio: 4, level: 0 } },
    ],
    before: (b) => {
      b.pin(4).drive(0);
    },
  },
  {
    project: "examples/smart-lamp",
    board: "esp32-devkitc",
    steps: [
      { atUs: 1 * S, miot: { set: [2, 1, true] } },
      { atUs: 2 * S, miot: { set: [2, 2, 40] } },
      { atUs: 3 * S, miot: { get: [2, 2] } },
      { atUs: 4 * S, drive: { gpio: 4, level: 0 } },
      { atUs: 4_100_000, float: 4 },
    ],
  },
  { project: "examples/thermostat", board: "esp32-devkitc", steps: [] },
  { project: "examples/air-purifier", board: "esp32-devkitc", steps: [] },
];

const BOARDS = ["esp32-devkitc", "esp32-c3-devkitm"] as const;
/** Virtual time of each run; the per-event figure is taken between SHORT_US (past every scenario) and RUN_US. */
const RUN_US = 60 * S;
const SHORT_US = 10 * S;
const LONG_US = 300 * S;
const TIMED_RUNS = 5;
/** Fewer events than this between SHORT_US and LONG_US are lost in the noise of a boot. */
const MIN_TIMED_EVENTS = 500;

const name = (project: string): string => project.split("/").pop() ?? project;
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function image(project: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile((await buildProject(join(ROOT, project))).file));
}

function streamRun(example: Example, code: Uint8Array, profile: BoardProfile, before?: (b: Board) => void): StreamRun {
  const wire = (b: Board): void => {
    example.before?.(b);
    before?.(b);
  };
  return {
    image: code,
    file: `${example.project}.wasm`,
    profile,
    steps: example.steps,
    forUs: RUN_US,
    seed: 7,
    before: wire,
  };
}

/** The tools the C figures need, or what is missing. */
function missingTools(): string | null {
  if (findCompiler() === null) return "no C compiler (Debian gcc libc6-dev)";
  try {
    execFileSync("wasm2c", ["--version"], { stdio: "ignore" });
  } catch {
    return "no wasm2c (Debian wabt)";
  }
  return null;
}

export async function runtimeFigures(report: (f: Figure) => void): Promise<void> {
  const missing = missingTools();
  if (missing !== null) {
    report({ name: "C runtime figures", value: `not measured: ${missing}`, goal: "—", met: null });
    return;
  }
  for (const example of EXAMPLES) await verifyAndCost(example, report);
  const wasm3Dir = process.env["SAIL_WASM3_DIR"];
  for (const example of EXAMPLES) {
    for (const board of BOARDS) {
      const f =
        `wasm3 RAM, ${name(example.project)} on ${board}: ` +
        "peak heap of the runtime with wasm3 (linear memory, image, wasm stack, wasm3's own)";
      if (wasm3Dir === undefined || wasm3Dir === "") {
        report({ name: f, value: "needs SAIL_WASM3_DIR (a wasm3 v0.5.0 checkout)", goal: "—", met: null });
        continue;
      }
      report({ name: f, ...(await wasm3Ram(example, board, wasm3Dir)) });
    }
  }
}

/** `sail verify` on the example's scenario, then the wall time per event of each side. */
async function verifyAndCost(example: Example, report: (f: Figure) => void): Promise<void> {
  const code = await image(example.project);
  const profile = loadBoardProfile(example.board);
  const run = streamRun(example, code, profile);
  const build = (c: Uint8Array): HostRuntime => buildWasm2cRuntime(c);
  // The first pair builds the runtime (cached) and warms V8; the timed runs come after.
  const emulator = await runStream(run, null);
  const runtime = await runStream(run, build);
  const d = firstDivergence(emulator.records, runtime.records);
  report({
    name: `sail verify ${name(example.project)} on ${example.board} (wasm2c), ${RUN_US / S} s with its scenario`,
    value:
      d === null
        ? `agree: ${fmt(emulator.records.length)} records compared, ${fmt(emulator.events)} events handled on each side`
        : `diverge at record ${d.index + 1}: emulator ${d.emulator} / C runtime ${d.runtime}`,
    goal: "agree",
    met: d === null,
  });
  const short = { ...run, forUs: SHORT_US };
  const long = { ...run, forUs: LONG_US };
  const cost = async (b: ((c: Uint8Array) => HostRuntime) | null): Promise<Cost> => {
    const longs: Stream[] = [];
    const shorts: Stream[] = [];
    for (let i = 0; i < TIMED_RUNS; i++) {
      shorts.push(await runStream(short, b));
      longs.push(await runStream(long, b));
    }
    const last = fastest(longs);
    const first = fastest(shorts);
    return { events: last.events - first.events, wallMs: last.wallMs - first.wallMs, whole: last, frames: last.frames };
  };
  const v8 = await cost(null);
  const c = await cost(build);
  const whole = `whole ${LONG_US / S} s runs ${fmt(v8.whole.wallMs)} ms vs ${fmt(c.whole.wallMs)} ms`;
  const calls = `${fmt(c.frames / Math.max(1, c.whole.events), 1)} port calls per event`;
  report({
    name:
      `wall time per event, ${name(example.project)} on ${example.board}: ` +
      "the emulator (V8) vs the C runtime (wasm2c, over the pipe)",
    value:
      v8.events < MIN_TIMED_EVENTS
        ? `${fmt(v8.events)} events after the scenario, too few to time alone; ${whole}, boot included (${calls})`
        : `${fmt((v8.wallMs * 1000) / v8.events, 1)} µs vs ${fmt((c.wallMs * 1000) / c.events, 1)} µs ` +
          `(the ${fmt(v8.events)} events between ${SHORT_US / S} s and ${LONG_US / S} s, fastest of ${TIMED_RUNS}; ` +
          `${whole}; ${calls})`,
    goal: "a figure (no goal)",
    met: null,
  });
}

interface Cost {
  /** Events and wall time between the short run's end and the long run's. */
  readonly events: number;
  readonly wallMs: number;
  readonly whole: Stream;
  readonly frames: number;
}

/** The fastest run: the one least disturbed by the rest of the machine. */
function fastest(runs: readonly Stream[]): Stream {
  return [...runs].sort((a, b) => a.wallMs - b.wallMs)[0] as Stream;
}

/** The LD_PRELOAD library that counts the heap (bench/heap-peak.c), built once into the cache. */
function heapCounter(): string {
  return buildProgram({
    name: "heap-peak.so",
    sources: [resolve(ROOT, "bench/heap-peak.c")],
    includeDirs: [],
    flags: ["-D_GNU_SOURCE", "-O2", "-shared", "-fPIC"],
  });
}

/** The wasm stack the wasm3 engine is built with (SAIL_WASM3_STACK_BYTES's default). */
function wasm3StackBytes(): number {
  const source = readFileSync(join(RUNTIME_DIR, "engine/wasm3/sail_wasm3_engine.c"), "utf8");
  const m = /#define SAIL_WASM3_STACK_BYTES (\d+)/.exec(source);
  return m === null ? 0 : Number(m[1]);
}

async function wasm3Ram(example: Example, boardId: string, wasm3Dir: string): Promise<Omit<Figure, "name">> {
  const profile = loadBoardProfile(boardId);
  const budget = profile.app.ramBytes;
  const goal = `linear memory ≤ app.ramBytes (${fmt(budget / KIB)} KiB)`;
  const code = await image(example.project);
  if (!boardsOf(example.project).includes(boardId))
    return { value: "not built for this board (its sail.json)", goal, met: null };
  const counter = heapCounter();
  const file = join(mkdtempSync(join(tmpdir(), "sail-heap-")), "heap");
  let imageBytes = 0;
  // env starts the runtime with the counter preloaded, so only the runtime's process is counted.
  const build = (c: Uint8Array): HostRuntime => {
    const built = buildWasm3Runtime(c, { wasm3Dir });
    imageBytes = c.length;
    const env = [`LD_PRELOAD=${counter}`, `SAIL_HEAP_FILE=${file}`];
    return { program: "/usr/bin/env", args: [...env, built.program, ...built.args] };
  };
  const seen: { board?: Board } = {};
  const run = streamRun(example, code, profile, (b) => {
    seen.board = b;
  });
  await runStream(run, build);
  if (!existsSync(file)) return { value: "not measured: the counter wrote nothing", goal, met: null };
  const figures = new BigUint64Array(Uint8Array.from(readFileSync(file)).buffer, 0, 4);
  const peak = Number(figures[1]);
  const blocks = Number(figures[3]);
  const linear = seen.board?.memoryHighWater.linearBytes ?? 0;
  const stack = wasm3StackBytes();
  const own = peak - linear - imageBytes - stack;
  const kib = (n: number): string => `${fmt(n / KIB, 1)} KiB`;
  return {
    value:
      `${kib(peak)} in ${fmt(blocks)} blocks: linear memory ${kib(linear)}, the image ${kib(imageBytes)}, ` +
      `wasm stack ${kib(stack)} (the engine's default), wasm3's own ${kib(own)} ` +
      "(x86-64: 8-byte pointers, the chip's are 4); " +
      `${fmt((peak / profile.chip.sramBytes) * 100, 1)} % of the chip's ` +
      `${fmt(profile.chip.sramBytes / KIB)} KiB SRAM; ` +
      `${kib(peak - stack + profile.interpreter.wasmStackBytes)} with the profile's ` +
      `${kib(profile.interpreter.wasmStackBytes)} wasm stack (interpreter.wasmStackBytes)`,
    goal,
    met: linear <= budget,
  };
}

/** The boards a project's sail.json lists. */
function boardsOf(project: string): readonly string[] {
  const config = JSON.parse(readFileSync(join(ROOT, project, "sail.json"), "utf8")) as { boards?: unknown };
  return Array.isArray(config.boards) ? config.boards.filter((b): b is string => typeof b === "string") : [];
}
