// Exact instruction counts (docs/profiling.md): the counting copy counts what
// executes, equal to what wabt's wasm-interp traces on Sail's own kernels, and
// exactly where the count can be read (at a host call, after an early exit).
// The board's clock and the profiler charge those counts with one cost model.

import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ABI_IMPORTS } from "../host/abi/table.js";
import { Board } from "../host/board/board.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { compileAssemblyScript } from "../host/build/build.js";
import { countingCopy } from "../host/flash/counting.js";
import { flashImage } from "../host/flash/flash.js";
import { meterImage } from "../host/flash/meter.js";
import { profilerReport } from "../host/profiler/report.js";
import { loadBinaryen } from "../host/wasm/binaryen.js";
import { firmware, KERNELS, ROOT } from "./support/firmware.js";
import { STACK_IMPORT, STACK_IMPORT_MODULE } from "../host/wasm/stack-depth.js";
import { bareImage } from "./support/forge.js";
import { requireTool } from "./support/tools.js";
import { tracedCounts } from "./support/wasm-interp.js";

const KERNEL_EXPORTS = ["kernel_fib", "kernel_crc32", "kernel_sort", "kernel_fsm", "kernel_matrix"];

type Exports = Record<string, unknown>;

/** Instantiates code with do-nothing Sail imports and plenty of fuel. */
function instantiate(code: Uint8Array, extra: Record<string, Record<string, unknown>> = {}): Exports {
  const imports: Record<string, Record<string, unknown>> = { ...extra };
  for (const e of ABI_IMPORTS) (imports[e.module] ??= {})[e.name] ??= e.result === "i64" ? () => 0n : () => 0;
  // The board's copy also carries the stack model, which calls the board when a frame does not fit.
  (imports[STACK_IMPORT_MODULE] ??= {})[STACK_IMPORT] ??= () => undefined;
  let fuel: WebAssembly.Global | null = null;
  (imports["sail"] as Record<string, unknown>)["meter_exhausted"] = () => {
    if (fuel !== null) fuel.value = 1_000_000_000;
  };
  const x = new WebAssembly.Instance(new WebAssembly.Module(code), imports as WebAssembly.Imports).exports;
  fuel = x["sail_fuel"] instanceof WebAssembly.Global ? x["sail_fuel"] : null;
  if (fuel !== null) fuel.value = 1_000_000_000;
  return x;
}

function counter(x: Exports, name: string): WebAssembly.Global {
  const g = x[name];
  assert.ok(g instanceof WebAssembly.Global, `the counting copy exports ${name}`);
  return g;
}

/** Counts one call of an export of the counting copy. */
function countedRun(x: Exports, name: string, ...args: number[]): number {
  const count = counter(x, "sail_count");
  count.value = 0;
  (x[name] as (...a: number[]) => unknown)(...args);
  return count.value >>> 0;
}

/** A small hand-written module, metered as `sail build` meters, then counted. */
async function countedWat(wat: string): Promise<Uint8Array> {
  const b = (await loadBinaryen()) as unknown as {
    parseText(t: string): { emitBinary(): Uint8Array; dispose(): void };
  };
  const m = b.parseText(wat);
  try {
    return await countingCopy(await meterImage(m.emitBinary(), "probe.wasm"), "probe.wasm");
  } finally {
    m.dispose();
  }
}

describe("exact instruction counts", function () {
  this.timeout(120_000);

  describe("equal to wabt's wasm-interp --trace on Sail's kernels", () => {
    let traced: Map<string, number> | null = null;
    let counted: Exports | null = null;

    before(async function () {
      const tool = requireTool(this, ["wasm-interp"], "wabt");
      // wasm-interp runs the plain build; the board runs the metered image's counting copy.
      const config = join(ROOT, KERNELS, "asconfig.json");
      const raw = await compileAssemblyScript(
        ["--config", config, "--target", "release", "--exportStart", "_start", "--outFile", "kernels.wasm"],
        config,
      );
      const dir = await mkdtemp(join(tmpdir(), "sail-kernels-"));
      const file = join(dir, "kernels.wasm");
      await writeFile(file, raw);
      traced = tracedCounts(tool, file);
      const flashed = await flashImage(await firmware(KERNELS), loadBoardProfile("esp32-devkitc"), "kernels.wasm");
      counted = instantiate(flashed.code);
    });

    for (const name of KERNEL_EXPORTS) {
      it(`${name}: the counting copy counts what wasm-interp executes, not the metering`, () => {
        assert.ok(traced !== null && counted !== null);
        const expected = traced.get(name);
        assert.ok(expected !== undefined && expected > 10_000, `wasm-interp ran ${name}: ${expected}`);
        assert.equal(countedRun(counted, name), expected);
      });
    }
  });

  describe("exact where the count can be read", () => {
    const PROBE = `(module
      (import "sail" "probe" (func $probe (param i32)))
      (global $g (mut i32) (i32.const 0))
      (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
      (func (export "early") (param i32) (result i32)
        (block $out
          (br_if $out (local.get 0))
          (global.set $g (i32.const 1))
          (global.set $g (i32.const 2)))
        (i32.const 7))
      (func (export "returns") (param i32) (result i32)
        (if (local.get 0) (then (return (i32.const 1))))
        (drop (i32.const 2))
        (drop (i32.const 3))
        (i32.const 4))
      (func (export "observed") (result i32)
        (drop (i32.const 1))
        (call $probe (i32.const 0))
        (drop (i32.const 2))
        (call $probe (i32.add (call $leaf (i32.const 5)) (i32.const 1)))
        (drop (i32.const 3))
        (i32.const 0))
      (func (export "traps") (param i32) (result i32)
        (drop (i32.const 1))
        (if (local.get 0) (then (unreachable)))
        (drop (i32.const 2))
        (i32.const 0)))`;
    let x: Exports | null = null;
    const seen: number[] = [];

    before(async () => {
      const code = await countedWat(PROBE);
      const holder: { x: Exports | null } = { x: null };
      x = instantiate(code, {
        sail: { probe: () => seen.push((counter(holder.x as Exports, "sail_count").value as number) >>> 0) },
      });
      holder.x = x;
    });

    it("a taken br_if leaves the rest of its block uncounted", () => {
      assert.ok(x !== null);
      // local.get, br_if, i32.const
      assert.equal(countedRun(x, "early", 1), 3);
      // + i32.const, global.set twice
      assert.equal(countedRun(x, "early", 0), 7);
    });

    it("a return counts up to itself", () => {
      assert.ok(x !== null);
      // local.get, if, i32.const, return
      assert.equal(countedRun(x, "returns", 1), 4);
      // local.get, if, then 2 × (i32.const, drop), i32.const
      assert.equal(countedRun(x, "returns", 0), 7);
    });

    it("a host call sees the instructions before it, the call included, and none after", () => {
      assert.ok(x !== null);
      seen.length = 0;
      const total = countedRun(x, "observed");
      // i32.const, drop, i32.const, call = 4; then i32.const, drop, i32.const, call leaf,
      // [leaf: local.get, i32.const, i32.add], i32.const, i32.add, call = 4 + 10
      assert.deepEqual(seen, [4, 14]);
      // + i32.const, drop, i32.const
      assert.equal(total, 17);
    });

    it("an unreachable trap counts up to the trap", () => {
      assert.ok(x !== null);
      const count = counter(x, "sail_count");
      count.value = 0;
      assert.throws(() => (x?.["traps"] as (a: number) => number)(1), WebAssembly.RuntimeError);
      // i32.const, drop, local.get, if, unreachable
      assert.equal(count.value >>> 0, 5);
    });
  });

  describe("one cost model for the board's clock and the profiler", () => {
    for (const board of ["esp32-devkitc", "esp32-c3-devkitm"]) {
      it(`${board}: the timer running fib(24) costs the same on the clock and in the profiler's table`, async () => {
        const b = Board.load(board, { profiler: true });
        await b.flash(await firmware(KERNELS));
        await b.advance("2s");
        const r = profilerReport(b);
        const event = r.events.find((e) => e.handler === "index/runFib");
        const fib = r.functions.find((f) => f.name === "index/fib");
        assert.ok(event !== undefined && fib !== undefined, r.events.map((e) => e.name).join(", "));
        assert.equal(fib.calls, 150_049, "fib(24) makes 150,049 calls");
        // The event is fib(24) plus the dispatch around it: a few instructions, well under 0.1 %.
        assert.ok(
          Math.abs(event.us.max - fib.us) < fib.us * 0.001,
          `clock ${event.us.max} µs, profiler ${fib.us.toFixed(1)} µs`,
        );
        // The whole run: what the clock charged equals the table's estimate, to the whole µs each event rounds up.
        const tableUs = r.functions.reduce((sum, f) => sum + f.us, 0);
        const clockUs = r.events.reduce((sum, e) => sum + e.us.max * e.count, 0);
        assert.ok(clockUs - tableUs >= 0 && clockUs - tableUs < 3, `clock ${clockUs} µs, table ${tableUs} µs`);
      });
    }

    it("esp32-devkitc: fib(24) is estimated within 10 % of wasm3's published 297 ms at 240 MHz", async () => {
      const b = Board.load("esp32-devkitc", { profiler: true });
      await b.flash(await firmware(KERNELS));
      await b.advance("2s");
      const fib = profilerReport(b).functions.find((f) => f.name === "index/fib");
      assert.ok(fib !== undefined);
      const ms = fib.us / 1000;
      assert.ok(ms >= 297 * 0.9 && ms <= 297 * 1.1, `fib(24) estimated at ${ms.toFixed(1)} ms`);
    });
  });
});

describe("an image the counting pass cannot count", () => {
  it("multi-value results: flashing says the clock charges the metering's fuel, and the board runs it", async () => {
    const bytes = bareImage("(call $two) (i32.add) (drop)", "(func $two (result i32 i32) (i32.const 1) (i32.const 2))");
    const image = await flashImage(bytes, loadBoardProfile("esp32-devkitc"), "pair.wasm");
    assert.ok(
      image.notes.some((n) => /multi-value\): the board's clock charges the watchdog metering's fuel/.test(n)),
      image.notes.join("; "),
    );
    const board = Board.load("esp32-devkitc");
    await board.flash(bytes, "pair.wasm");
    await board.advance("10ms");
    assert.equal(board.state, "running");
    assert.ok(board.cpu.totalInstructions > 0, "the clock charged the fuel the firmware used");
  });
});
