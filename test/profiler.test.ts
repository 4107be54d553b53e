// The profiler: deterministic instruction counts per function and per event,
// budgets a test (or `sail profile --budget`) can hold, call paths.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { Board } from "../host/board/board.js";
import { checkBudgets, eventsNamed, parseBudgets, profilerReport } from "../host/profiler/report.js";
import { loadScenario } from "../host/scenario/scenario.js";
import { FADE, firmware, ROOT, SMART_LAMP } from "./support/firmware.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

async function profiled(project: string, run = "10s"): Promise<Board> {
  const board = Board.load("esp32-devkitc", { profiler: true });
  await board.flash(await firmware(project));
  await board.advance(run);
  return board;
}

describe("profiler", () => {
  it("gives identical counts on every run", async () => {
    const a = profilerReport(await profiled(FADE));
    const b = profilerReport(await profiled(FADE));
    assert.deepEqual(a, b);
  });

  it("counts the fade tick: 500 calls in 10 s, each tick what its path executes, handler named", async () => {
    const r = profilerReport(await profiled(FADE));
    const [tick] = eventsNamed(r, "tick");
    assert.ok(tick !== undefined, r.events.map((e) => e.name).join(", "));
    assert.equal(tick.name, "TIMER 0 (index/tick)");
    assert.equal(tick.count, 500);
    // Exact counts follow the branches taken: the ramp's two directions and its turns differ by a few instructions.
    assert.deepEqual([tick.instructions.min, tick.instructions.p50, tick.instructions.max], [90, 92, 94]);
    const fn = r.functions.find((f) => f.name === "index/tick");
    assert.equal(fn?.calls, 500);
    assert.equal(fn.hostCalls, 500, "one pwm_set_duty per tick");
    assert.equal(fn.exclusive * 1, fn.inclusive, "tick calls nothing that is not inlined");
    const dispatch = r.functions.find((f) => f.name === "events/sail_event");
    assert.ok(dispatch !== undefined && dispatch.inclusive > dispatch.exclusive, "sail_event includes the callback");
  });

  it("estimates device time with the board's cost model, and says it is an estimate", async () => {
    const r = profilerReport(await profiled(FADE));
    const [tick] = eventsNamed(r, "tick");
    const fn = r.functions.find((f) => f.name === "index/tick");
    assert.ok(tick && fn);
    assert.equal(fn.cycles, fn.exclusive * 36.5 + fn.calls * 110 + fn.hostCalls * 110);
    assert.match(
      r.estimate,
      /^estimate for wasm3 0\.5\.0 on ESP32-D0WDQ6 @ 240 MHz: 36\.5 cycles per wasm instruction/,
    );
    const c3 = Board.load("esp32-c3-devkitm", { profiler: true });
    await c3.flash(await firmware(FADE));
    await c3.advance("1s");
    const [c3tick] = eventsNamed(profilerReport(c3), "tick");
    assert.ok(c3tick && c3tick.us.p50 !== tick.us.p50, "another board, another estimate");
  });

  it(
    "holds a budget: the tick's p99 under 50 µs passes, " +
      "under 10 µs fails naming event, figure and hottest function",
    async () => {
      const r = profilerReport(await profiled(FADE, "2s"));
      assert.deepEqual(checkBudgets(r, parseBudgets("tick=50us")), []);
      assert.deepEqual(checkBudgets(r, parseBudgets("tick=10us")), [
        "budget tick: TIMER 0 (index/tick) p99 16.0 µs > 10 µs (estimated; hottest function index/tick)",
      ]);
      assert.match(
        checkBudgets(r, parseBudgets("setup=1us"))[0] ?? "",
        /hottest function text\/encodeUtf8\)$/,
        "the function that took most of the event, not its handler",
      );
      assert.match(
        checkBudgets(r, parseBudgets("nothing=1ms"))[0] ?? "",
        /budget nothing: no such event in this run \(events: /,
      );
      assert.throws(() => parseBudgets("tick"), /budget "tick" must be <event>=<duration>/);
    },
  );

  it("a budget names its statistic: tick=10us@max checks the max, @p50 the median, none the p99", async () => {
    const r = profilerReport(await profiled(FADE, "2s"));
    const [tick] = eventsNamed(r, "tick");
    assert.ok(tick !== undefined);
    assert.deepEqual(parseBudgets("tick=200us@max").get("tick"), { limitUs: 200, stat: "max" });
    assert.deepEqual(parseBudgets("tick=200us").get("tick"), { limitUs: 200, stat: "p99" });
    assert.match(checkBudgets(r, parseBudgets("tick=10us@max"))[0] ?? "", /^budget tick: TIMER 0 \(index\/tick\) max /);
    assert.match(checkBudgets(r, parseBudgets("tick=10us@p50"))[0] ?? "", /^budget tick: TIMER 0 \(index\/tick\) p50 /);
    // A limit (whole µs) between the median and the max: @p50 holds, @max does not.
    const between = Math.ceil(tick.us.p50);
    assert.ok(between < tick.us.max, `fade's ticks vary: p50 ${tick.us.p50} µs, max ${tick.us.max} µs`);
    assert.deepEqual(checkBudgets(r, parseBudgets(`tick=${between}us@p50`)), []);
    assert.equal(checkBudgets(r, parseBudgets(`tick=${between}us@max`)).length, 1);
    assert.throws(() => parseBudgets("tick=10us@p95"), /statistic after @ must be one of min, p50, p99, max/);
  });

  it("names the costliest event with its heaviest call path, and folds stacks by event", async () => {
    const board = await profiled(FADE);
    const c = board.profiler?.costliest();
    assert.deepEqual(c?.path, ["setup", "index/sail_setup", "text/encodeUtf8"]);
    const folded = board.profiler?.folded() ?? [];
    assert.ok(folded.some((s) => s.frames.join(";") === "TIMER 0;events/sail_event;index/tick" && s.count === 27_000));
    const total = folded.reduce((n, s) => n + s.count, 0);
    assert.equal(total, board.cpu.totalInstructions, "every instruction is on some path");
  });

  it("counts recursion once in inclusive, and survives a trap inside a profiled call", async () => {
    const src =
      `${ENTRY}import { Timer } from "../../assembly/sail";\nimport ` +
      `{ gpio_read } from "../../assembly/sail/bindings";\n` +
      "function fib(n: i32): i32 { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n" +
      "function boom(): void { if (gpio_read(4) == 0) unreachable(); }\n" +
      "export function sail_setup(): void { Timer.after(10, run); }\n" +
      "function run(): void { if (fib(10 + gpio_read(5)) == 55) boom(); }\n";
    const board = Board.load("esp32-devkitc", { profiler: true });
    await board.flash(await compileSnippet("prof-fib", src, ["-O0"]));
    await board.advance("100ms");
    const fib = board.profiler?.functions().find((f) => f.name === "prof-fib/fib");
    assert.equal(fib?.calls, 177, "fib(10) makes 177 calls");
    const run = board.profiler?.functions().find((f) => f.name === "prof-fib/run");
    assert.ok(run && fib.inclusive <= run.inclusive && fib.inclusive >= fib.exclusive);
    assert.equal(board.resets[0]?.reason, "PANIC");
    assert.equal(board.profiler?.maxDepth, 12, "sail_event, run, fib × 10");
  });

  it("profiles MIoT requests by type, from a scenario file", async () => {
    const file = join(ROOT, "build", "lamp-scenario.json");
    await writeFile(
      file,
      JSON.stringify({
        steps: [
          { at: "100ms", miot: { set: [2, 1, true] } },
          { at: "200ms", miot: { get: [2, 2] } },
          { at: "300ms", drive: { gpio: 4, level: 0 } },
          { at: "400ms", float: 4 },
        ],
      }),
    );
    const { applyScenario } = await import("../host/scenario/scenario.js");
    const board = Board.load("esp32-devkitc", { profiler: true });
    await board.flash(await firmware(SMART_LAMP));
    applyScenario(board, await loadScenario(file));
    await board.advance("1s");
    const names = profilerReport(board).events.map((e) => e.name);
    assert.ok(names.includes("MIOT_SET (index/apply)") && names.includes("MIOT_GET"), names.join(", "));
    assert.ok(
      names.some((n) => n.startsWith("GPIO_EDGE 4")),
      names.join(", "),
    );
    assert.ok(
      names.some((n) => n.startsWith("TIMER 0")),
      "the debounce timer",
    );
    const m = profilerReport(board).memory;
    assert.ok(
      m.usedBytesHighWater > m.staticDataEnd && m.usedBytesHighWater < 65_536,
      `${m.usedBytesHighWater} B used`,
    );
  });

  it("refuses a malformed scenario, naming the step", async () => {
    const file = join(ROOT, "build", "bad-scenario.json");
    await writeFile(
      file,
      JSON.stringify({
        steps: [
          { at: "1s", press: "boot" },
          { at: "soon", press: "boot" },
        ],
      }),
    );
    await assert.rejects(loadScenario(file), /bad-scenario\.json: steps\[1\]\.at: duration "soon" is not understood/);
  });

  it("sail profile --budget exits 1 naming the event, and writes the outputs", async () => {
    const run = promisify(execFile);
    const out = join(ROOT, "build", "fade-profile");
    try {
      await run(
        process.execPath,
        [
          join(ROOT, "dist/host/cli/main.js"),
          "profile",
          "examples/fade",
          "--for",
          "1s",
          "--budget",
          "tick=5us",
          "--folded",
          `${out}.folded`,
          "--json",
          `${out}.json`,
        ],
        { cwd: ROOT },
      );
      assert.fail("expected exit 1");
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      assert.equal(x.code, 1);
      assert.match(x.stderr, /budget tick: TIMER 0 \(index\/tick\) p99 16\.0 µs > 5 µs/);
      assert.match(x.stdout, /^TIMER 0 \(index\/tick\) +50 /m);
    }
    const { readFile } = await import("node:fs/promises");
    assert.match(await readFile(`${out}.folded`, "utf8"), /^TIMER 0;events\/sail_event;index\/tick 2698$/m);
    const json = JSON.parse(await readFile(`${out}.json`, "utf8")) as { events: { name: string; count: number }[] };
    assert.equal(json.events.find((e) => e.name === "TIMER 0 (index/tick)")?.count, 50);
  });

  it("charges time blocked in delay_us to the event's µs, as the board does", async () => {
    const src =
      `${ENTRY}import { Timer, delayMs } from "../../assembly/sail";\nexport function ` +
      `sail_setup(): void { Timer.every(100, tick); }\nfunction tick(): void { delayMs(5); }\n`;
    const board = Board.load("esp32-devkitc", { profiler: true });
    await board.flash(await compileSnippet("prof-delay", src));
    await board.advance("1s");
    const [tick] = eventsNamed(profilerReport(board), "tick");
    assert.ok(tick && tick.us.min >= 5000 && tick.us.max < 5100, `tick took ${tick?.us.min} µs`);
    assert.deepEqual(checkBudgets(profilerReport(board), parseBudgets("tick=1ms")).length, 1);
  });

  it("starts every event with a clean stack, also after a trap", async () => {
    const src =
      `${ENTRY}import { Timer } from "../../assembly/sail";\nimport ` +
      `{ gpio_read } from "../../assembly/sail/bindings";\n` +
      "function deep(n: i32): i32 { if (n == 0) { if (gpio_read(4) == 0) unreachable(); return 1; } return " +
      "deep(n - 1) + 1; }\n" +
      "export function sail_setup(): void { Timer.every(100, tick); }\nfunction tick(): void { deep(5); }\n";
    const board = Board.load("esp32-devkitc", { profiler: true });
    await board.flash(await compileSnippet("prof-trap", src, ["-O0"]));
    await board.advance("150ms"); // the first tick traps six frames deep
    assert.equal(board.resets[0]?.reason, "PANIC");
    board.pin(4).drive(1); // no trap from now on
    await board.advance("1s");
    const [tick] = eventsNamed(profilerReport(board), "tick");
    assert.ok(tick !== undefined && tick.count >= 6, `${tick?.count} ticks`);
    assert.equal(tick.instructions.p50, tick.instructions.max, "healthy ticks after the trap all count the same");
    const deep = board.profiler?.functions().find((f) => f.name === "prof-trap/deep");
    assert.equal(deep?.calls, tick.count * 6);
    assert.equal(board.resets.length, 1);
  });

  it("refuses scenario steps that cannot be taken, before anything runs", async () => {
    const cases: [unknown, RegExp][] = [
      [{ at: "1s", press: 5 }, /steps\[0\]\.press: 5 is not a button name/],
      [{ at: "1s", drive: { gpio: 4, level: 2 } }, /steps\[0\]\.drive: .* is not \{"gpio": <n>, "level": 0 or 1\}/],
      [
        { at: "1s", voltage: { gpio: 34, mv: "x" } },
        /steps\[0\]\.voltage: .* is not \{"gpio": <n>, "mv": <millivolts>\}/,
      ],
      [{ at: "1s", miot: { set: 5 } }, /steps\[0\]\.miot: .* is not \{"get": \[siid, piid\]\}/],
    ];
    for (const [step, message] of cases) {
      const file = join(ROOT, "build", "scenario-case.json");
      await writeFile(file, JSON.stringify({ steps: [step] }));
      await assert.rejects(loadScenario(file), message);
    }
    const { applyScenario } = await import("../host/scenario/scenario.js");
    const board = Board.load("esp32-devkitc", { profiler: true });
    await board.flash(await firmware(FADE));
    assert.throws(
      () => applyScenario(board, [{ atUs: 0, drive: { gpio: 99, level: 1 } }]),
      /scenario steps\[0\]: GPIO 99 does not exist on esp32-devkitc/,
    );
    assert.throws(
      () => applyScenario(board, [{ atUs: 0, miot: { get: [2, 1] } }]),
      /scenario steps\[0\]: a miot step needs an image with a MIoT spec/,
    );
  });
});
