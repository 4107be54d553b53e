// The cost model against wasm3's published figures on an ESP32 at 240 MHz:
// fib(24) (297 ms, the calibration point) from Sail's kernels fixture on the
// board, and CoreMark (8.78 iterations/s, the held-out check) from a build the
// user passes with `--coremark <path>` (docs/decisions.md D115: no CoreMark ships here).
// CoreMark times itself: its clock import reads the model's device time, from
// the counting copy's exact counts. Also the executed count of fib(24) against
// what the watchdog metering charges for it.

import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ABI_IMPORTS } from "../host/abi/table.js";
import { Board } from "../host/board/board.js";
import { estimateCycles, loadBoardProfile, type BoardProfile } from "../host/boards/profile.js";
import { buildProject, compileAssemblyScript } from "../host/build/build.js";
import { countingCopy } from "../host/flash/counting.js";
import { meterImage } from "../host/flash/meter.js";
import { profilerReport } from "../host/profiler/report.js";
import type { Figure } from "./foundation.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const KERNELS = join(ROOT, "test/fixtures/kernels");
const PUBLISHED_FIB24_MS = 297;
const PUBLISHED_COREMARK = 8.78;

async function fib24(board: string): Promise<Figure> {
  const image = new Uint8Array(await readFile((await buildProject(KERNELS)).file));
  const b = Board.load(board, { profiler: true });
  await b.flash(image);
  await b.advance("2s");
  const r = profilerReport(b);
  const fib = r.functions.find((f) => f.name === "index/fib");
  const event = r.events.find((e) => e.handler === "index/runFib");
  const ms = (fib?.us ?? 0) / 1000;
  const gap = ms / PUBLISHED_FIB24_MS - 1;
  const calibrated = board === "esp32-devkitc";
  return {
    name: `fib(24) estimate on ${board} (Sail's kernel), profiler's table and board clock`,
    value:
      `${ms.toFixed(1)} ms in the table, ${((event?.us.max ?? 0) / 1000).toFixed(1)} ms on the clock ` +
      `(${(fib?.exclusive ?? 0).toLocaleString("en")} instructions, ${(fib?.calls ?? 0).toLocaleString("en")} calls)` +
      (calibrated ? `; ${(gap * 100).toFixed(1)} % from wasm3's 297 ms` : "; extrapolated model, no published figure"),
    goal: calibrated ? "within ±10 % of 297 ms" : "(report)",
    met: calibrated ? Math.abs(gap) <= 0.1 : null,
  };
}

/** Executed instructions of each kernel against what the watchdog metering charges for it. */
async function meteringCharges(): Promise<Figure> {
  const config = join(KERNELS, "asconfig.json");
  const raw = await compileAssemblyScript(
    ["--config", config, "--target", "release", "--exportStart", "_start", "--outFile", "x.wasm"],
    config,
  );
  const code = await countingCopy(await meterImage(raw, "kernels"), "kernels");
  const imports: Record<string, Record<string, () => unknown>> = {};
  for (const e of ABI_IMPORTS) (imports[e.module] ??= {})[e.name] = e.result === "i64" ? () => 0n : () => 0;
  (imports["sail"] as Record<string, () => unknown>)["meter_exhausted"] = () => undefined;
  const x = new WebAssembly.Instance(new WebAssembly.Module(code), imports).exports;
  const fuel = x["sail_fuel"] as WebAssembly.Global;
  const count = x["sail_count"] as WebAssembly.Global;
  const parts: string[] = [];
  for (const kernel of ["fib", "crc32", "sort", "fsm", "matrix"]) {
    const full = 2_000_000_000;
    fuel.value = full;
    count.value = 0;
    (x[`kernel_${kernel}`] as () => unknown)();
    const charged = full - fuel.value;
    const executed = count.value >>> 0;
    parts.push(`${kernel} ${executed.toLocaleString("en")} / ${charged.toLocaleString("en")}`);
  }
  return {
    name: "Sail's kernels: instructions executed (counting copy) / charged by the watchdog metering",
    value: parts.join(", "),
    goal: "(report)",
    met: null,
  };
}

/** CoreMark's own score with its clock on the model's device time. */
async function coremark(path: string, profile: BoardProfile): Promise<Figure> {
  const code = await countingCopy(new Uint8Array(await readFile(path)), path);
  let x: WebAssembly.Exports | null = null;
  let instructions = 0;
  let calls = 0;
  const fold = (): void => {
    const count = x?.["sail_count"] as WebAssembly.Global;
    const entries = x?.["sail_calls"] as WebAssembly.Global;
    instructions += (count.value as number) >>> 0;
    calls += (entries.value as number) >>> 0;
    count.value = 0;
    entries.value = 0;
  };
  const deviceUs = (): number => {
    fold();
    return estimateCycles(profile.interpreter.cost, instructions, calls, 0) / profile.chip.cpuMhz;
  };
  const module = new WebAssembly.Module(code);
  for (const imp of WebAssembly.Module.imports(module)) {
    const known =
      (imp.module === "env" && imp.name === "clock_ms") || (imp.module === "sail" && imp.name === "time_us");
    if (!known)
      throw new Error(
        `${path} imports ${imp.module}.${imp.name}; a CoreMark for this bench imports only env.clock_ms (i64 ms, ` +
          `as wasm3's wasm-coremark minimal port) or sail.time_us`,
      );
  }
  x = new WebAssembly.Instance(module, {
    env: { clock_ms: () => BigInt(Math.floor(deviceUs() / 1000)) },
    sail: { time_us: () => BigInt(Math.floor(deviceUs())) },
  }).exports;
  const run = x["run"];
  if (typeof run !== "function")
    throw new Error(`${path} exports no run function (wasm3's wasm-coremark minimal port)`);
  const score = (run as () => number)();
  fold();
  const gap = score / PUBLISHED_COREMARK - 1;
  const calibrated = profile.id === "esp32-devkitc";
  return {
    name: `CoreMark on ${profile.id} by the cost model (held-out check), ${path}`,
    value:
      `${score.toFixed(2)} iterations/s (${instructions.toLocaleString("en")} instructions, ` +
      `${calls.toLocaleString("en")} calls in the run)` +
      (calibrated ? `; ${(gap * 100).toFixed(1)} % from wasm3-arduino's 8.78` : "; extrapolated model"),
    goal: calibrated ? "within ±25 % of 8.78 iterations/s" : "(report)",
    met: calibrated ? Math.abs(gap) <= 0.25 : null,
  };
}

export async function costModelFigures(report: (f: Figure) => void, coremarkPath: string | null): Promise<void> {
  report(await meteringCharges());
  for (const board of ["esp32-devkitc", "esp32-c3-devkitm"]) report(await fib24(board));
  if (coremarkPath === null) {
    report({
      name: "CoreMark by the cost model",
      value: "not run: give --coremark <path> to a CoreMark .wasm you built (docs/decisions.md D115)",
      goal: "within ±25 % of 8.78 iterations/s",
      met: null,
    });
    return;
  }
  for (const board of ["esp32-devkitc", "esp32-c3-devkitm"])
    report(await coremark(coremarkPath, loadBoardProfile(board)));
}
