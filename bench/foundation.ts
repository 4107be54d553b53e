// Foundation figures: virtual-time speed of a 100 Hz loop, cost of one ABI
// call, watchdog metering overhead, time to flash blink, blink size.
// Prints figures; never fails on a goal (goals belong here, not in tests).

import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ABI_IMPORTS } from "../host/abi/table.js";
import { Board } from "../host/board/board.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { buildProject, compileAssemblyScript } from "../host/build/build.js";
import { flashImage } from "../host/flash/flash.js";
import { MANIFEST_SECTION } from "../host/flash/manifest.js";
import { meterImage } from "../host/flash/meter.js";
import { readWasm } from "../host/wasm/binary.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface Figure {
  readonly name: string;
  readonly value: string;
  readonly goal: string;
  readonly met: boolean | null;
}

async function image(project: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile((await buildProject(join(ROOT, project))).file));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Virtual seconds per wall second for the 100 Hz loop, over one virtual hour. */
async function virtualSpeed(): Promise<Figure> {
  const bytes = await image("bench/firmware/loop100hz");
  const board = Board.load("esp32-devkitc");
  board.pin(34).setVoltage(1200);
  await board.flash(bytes);
  await board.advance("10s"); // warm up
  const t0 = performance.now();
  await board.advance("1h");
  const wallMs = performance.now() - t0;
  const ratio = 3_600_000 / wallMs;
  return {
    name: "100 Hz loop (GPIO write + ADC read per tick), virtual time vs real time",
    value:
      `${Math.round(ratio).toLocaleString("en")}× (1 h virtual = 360,000 ticks in ` +
      `${wallMs.toFixed(0)} ms; ${((wallMs * 1e6) / 360_000).toFixed(0)} ns per tick)`,
    goal: "≥ 100,000×",
    met: ratio >= 100_000,
  };
}

/** Wall time of one gpio_write from firmware through the board. */
async function abiCallCost(): Promise<Figure> {
  const bytes = await image("bench/firmware/abi-calls");
  const board = Board.load("esp32-devkitc");
  await board.flash(bytes);
  await board.advance("100ms"); // warm up: 100,000 calls
  const ticks = 200;
  const t0 = performance.now();
  await board.advance(`${ticks * 10}ms`);
  const ns = ((performance.now() - t0) * 1e6) / (ticks * 10_000);
  return {
    name: "one ABI call (gpio_write, through the board's GPIO model)",
    value: `${ns.toFixed(1)} ns`,
    goal: "(report)",
    met: null,
  };
}

/** The same firmware with and without watchdog metering, with do-nothing imports. */
async function meterOverhead(project: string, what: string): Promise<Figure> {
  const config = join(ROOT, project, "asconfig.json");
  const raw = await compileAssemblyScript(
    ["--config", config, "--target", "release", "--exportStart", "_start", "--outFile", "x.wasm"],
    config,
  );
  const metered = await meterImage(raw, project);
  const run = (bytes: Uint8Array, ticks: number): number => {
    let fuel: WebAssembly.Global | null = null;
    const env: Record<string, Record<string, (...a: unknown[]) => unknown>> = {};
    for (const e of ABI_IMPORTS) {
      (env[e.module] ??= {})[e.name] = e.result === "i64" ? () => 0n : () => 0;
    }
    (env["sail"] as Record<string, () => void>)["meter_exhausted"] = () => {
      if (fuel) fuel.value = 1_000_000_000;
    };
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), env);
    const x = inst.exports;
    fuel = x["sail_fuel"] instanceof WebAssembly.Global ? x["sail_fuel"] : null;
    if (fuel) fuel.value = 1_000_000_000;
    (x["_start"] as () => void)();
    (x["sail_setup"] as () => void)();
    const event = x["sail_event"] as (k: number, id: number, a: bigint, b: bigint) => number;
    const t0 = performance.now();
    for (let i = 0; i < ticks; i++) event(1, 0, 0n, 0n);
    return performance.now() - t0;
  };
  const ticks = project.endsWith("crc") ? 2_000 : 2_000_000;
  run(raw, ticks / 10);
  run(metered, ticks / 10);
  const plain: number[] = [];
  const instrumented: number[] = [];
  for (let i = 0; i < 7; i++) {
    plain.push(run(raw, ticks));
    instrumented.push(run(metered, ticks));
  }
  const ratio = median(instrumented) / median(plain);
  return {
    name: `watchdog-metered over plain run time: ${what}`,
    value:
      `${ratio.toFixed(2)}× (${median(plain).toFixed(1)} → ` +
      `${median(instrumented).toFixed(1)} ms for ${ticks.toLocaleString("en")} ticks)`,
    goal: "≤ 1.15×",
    met: ratio <= 1.15,
  };
}

/** Warm flash of blink onto esp32-devkitc: validate, feature check, compile. */
async function flashTime(blink: Uint8Array): Promise<Figure> {
  const profile = loadBoardProfile("esp32-devkitc");
  await flashImage(blink, profile);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await flashImage(blink, profile);
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  return {
    name: "time to flash blink (warm, median of 30)",
    value: `${ms.toFixed(2)} ms`,
    goal: "≤ 5 ms",
    met: ms <= 5,
  };
}

function blinkSize(blink: Uint8Array): Figure {
  const info = readWasm(blink);
  const manifest = info.customSections.find((s) => s.name === MANIFEST_SECTION)?.data.length ?? 0;
  const names = info.customSections.find((s) => s.name === "name")?.data.length ?? 0;
  const code = info.codeSizes.reduce((a, b) => a + b, 0);
  return {
    name: "blink .wasm image size",
    value: `${blink.length} B (code ${code} B, name section ${names} B, manifest ${manifest} B)`,
    goal: "≤ 640 B",
    met: blink.length <= 640,
  };
}

export async function foundationFigures(report: (f: Figure) => void): Promise<void> {
  const blink = await image("examples/blink");
  report(blinkSize(blink));
  report(await flashTime(blink));
  report(await abiCallCost());
  report(await virtualSpeed());
  report(await meterOverhead("bench/firmware/loop100hz", "100 Hz loop"));
  report(await meterOverhead("bench/firmware/crc", "CRC-32 of 4 KiB per tick (compute-bound worst case)"));
}
