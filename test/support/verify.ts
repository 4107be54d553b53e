// `sail verify`'s two runs for the tests: an example or fixture built once,
// run in V8 and in the C runtime (wasm2c, built with the system compiler and
// Debian's wabt; skipped naming the packages when they are missing, failed
// under CI=true, docs/decisions.md D97).

import type { Board } from "../../host/board/board.js";
import { loadBoardProfile } from "../../host/boards/profile.js";
import { C_PACKAGES } from "../../host/runtime/cc.js";
import { firstDivergence, runStream, type Divergence, type Stream } from "../../host/runtime/verify.js";
import { buildRv32Runtime } from "../../host/runtime/rv32-runtime.js";
import { buildWasm2cRuntime, type HostRuntime, type HostRuntimeOptions } from "../../host/runtime/wasm2c.js";
import type { Step } from "../../host/scenario/scenario.js";
import { firmware } from "./firmware.js";
import { requireTool } from "./tools.js";

export interface Compared {
  readonly emulator: Stream;
  readonly runtime: Stream;
  readonly divergence: Divergence | null;
}

/** Skips (or fails under CI) unless a C compiler and wasm2c are there. */
export function requireCRuntimeTools(context: Mocha.Context): void {
  requireTool(context, ["cc", "gcc", "clang"], C_PACKAGES);
  requireTool(context, ["wasm2c"], "wabt");
}

export async function compare(
  project: string,
  board: string,
  steps: readonly Step[],
  forUs: number,
  options: HostRuntimeOptions = {},
  before?: (board: Board) => void,
): Promise<Compared> {
  return compareWith((code) => buildWasm2cRuntime(code, options), project, board, steps, forUs, before);
}

/** As compare, with the C runtime built for rv32imc and run under qemu-system-riscv32 (sail verify --target rv32). */
export async function compareRv32(
  project: string,
  board: string,
  steps: readonly Step[],
  forUs: number,
  before?: (board: Board) => void,
): Promise<Compared> {
  return compareWith((code) => buildRv32Runtime(code), project, board, steps, forUs, before);
}

async function compareWith(
  build: (code: Uint8Array) => HostRuntime,
  project: string,
  board: string,
  steps: readonly Step[],
  forUs: number,
  before?: (board: Board) => void,
): Promise<Compared> {
  const image = await firmware(project);
  const profile = loadBoardProfile(board);
  const run = { image, file: `${project}.wasm`, profile, steps, forUs, seed: 7, ...(before ? { before } : {}) };
  const emulator = await runStream(run, null);
  const runtime = await runStream(run, build);
  return { emulator, runtime, divergence: firstDivergence(emulator.records, runtime.records) };
}

/** Wiring that selects the faults fixture's mode before it boots (its GPIO 25, 26, 27, 32 are bits 0..3). */
export function faultMode(mode: number): (board: Board) => void {
  return (board) => {
    [25, 26, 27, 32].forEach((gpio, bit) => {
      if ((mode >> bit) & 1) board.pin(gpio).drive(1);
    });
  };
}
