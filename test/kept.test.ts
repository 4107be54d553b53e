// What a board keeps in memory: the newest pin changes, log lines and resets,
// the drops counted, assertions that reach past what was kept failing so, and
// `sail run --trace <file>` / `--vcd <file>` writing every change however many.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Board } from "../host/board/board.js";
import { formatTrace } from "../host/cli/format.js";
import { flash } from "../host/testing/index.js";
import type { LogLine } from "../host/trace/changes.js";
import { DEFAULT_KEEP, KeptList } from "../host/trace/kept.js";
import type { TraceEntry } from "../host/trace/pin-trace.js";
import { traceToVcd } from "../host/trace/vcd.js";
import { ROOT } from "./support/firmware.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const SAIL = join(ROOT, "dist/host/cli/main.js");

/** Every millisecond: GPIO 4 changes level 20 times, PWM on GPIO 5 changes duty, and one log line. */
function flood(): Promise<Uint8Array> {
  return compileSnippet(
    "kept-flood",
    `${ENTRY}import { Timer, Pwm, log } from "../../assembly/sail";
import { gpio_mode, gpio_write } from "../../assembly/sail/bindings";
const pwm = new Pwm(5, 1000);
let duty: u32 = 0;
export function sail_setup(): void { gpio_mode(4, 2, 0); Timer.every(1, tick); }
function tick(): void {
  for (let i = 0; i < 20; i++) gpio_write(4, (i + 1) & 1);
  duty = (duty + 1) & 255;
  pwm.duty(duty * 32);
  log.info("tick");
}
`,
  );
}

/** Crashes 10 ms after every boot: five crash resets, then the boot-loop rule halts the board. */
function crashing(): Promise<Uint8Array> {
  return compileSnippet(
    "kept-crash",
    `${ENTRY}import { Timer } from "../../assembly/sail";
export function sail_setup(): void { Timer.after(10, crash); }
function crash(): void { unreachable(); }
`,
  );
}

/** A board with everything it publishes recorded apart, to compare with what it keeps. */
function recorded(board: Board): { pins: TraceEntry[]; logs: LogLine[] } {
  const all = { pins: [] as TraceEntry[], logs: [] as LogLine[] };
  board.trace.onEntry((e) => all.pins.push(e));
  board.changes.onLog((l) => all.logs.push(l));
  return all;
}

describe("what a board keeps", () => {
  let floodImage: Uint8Array;
  before(async () => {
    floodImage = await flood();
  });

  it("a kept list holds the newest entries and counts the ones it let go", () => {
    const list = new KeptList<number>(3);
    for (let i = 0; i < 1000; i++) list.push(i);
    assert.deepEqual(list.items, [997, 998, 999]);
    assert.deepEqual(list.count, { capacity: 3, kept: 3, dropped: 997, total: 1000 });
    list.clear();
    list.push(1000);
    assert.deepEqual(list.count, { capacity: 3, kept: 1, dropped: 997, total: 1001 });
    assert.equal(list.first, 1000);
  });

  it("a board with small sizes keeps the newest pin changes, log lines and resets and counts the drops", async () => {
    const board = Board.load("esp32-devkitc", { keep: { pinChanges: 100, logLines: 10, resets: 2 } });
    const all = recorded(board);
    await board.flash(floodImage);
    await board.advance("50ms");
    assert.ok(all.pins.length > 1000 && all.logs.length > 40, `${all.pins.length} changes, ${all.logs.length} lines`);
    assert.deepEqual(board.trace.entries, all.pins.slice(-100));
    assert.deepEqual(board.logs, all.logs.slice(-10));
    const made = 1; // GPIO 0 (the boot button's pull-up) went high as the board was made, before `recorded`
    assert.deepEqual(board.kept.pinChanges, {
      capacity: 100,
      kept: 100,
      dropped: all.pins.length + made - 100,
      total: all.pins.length + made,
    });
    assert.deepEqual(board.kept.logLines, {
      capacity: 10,
      kept: 10,
      dropped: all.logs.length - 10,
      total: all.logs.length,
    });
    assert.ok(board.trace.pwm(5).length > 0, "PWM changes are kept among the pin changes");

    const crashes = Board.load("esp32-devkitc", { keep: { resets: 2 } });
    await crashes.flash(await crashing());
    await crashes.advance("5s");
    assert.equal(crashes.state, "halted");
    assert.deepEqual(crashes.kept.resets, { capacity: 2, kept: 2, dropped: 3, total: 5 });
    assert.deepEqual(
      crashes.resets.map((r) => r.reason),
      ["PANIC", "PANIC"],
    );
    assert.ok((crashes.resets[1]?.timeUs ?? 0) > (crashes.resets[0]?.timeUs ?? 0), "the newest two, in order");
  });

  it("a firmware flooding the pin for 10 virtual seconds leaves the board holding the default sizes", async () => {
    const board = Board.load("esp32-devkitc");
    await board.flash(floodImage);
    await board.advance("10s");
    const { pinChanges, logLines } = board.kept;
    assert.equal(pinChanges.capacity, DEFAULT_KEEP.pinChanges);
    assert.ok(pinChanges.total > 200_000, `${pinChanges.total} changes`);
    assert.equal(board.trace.entries.length, DEFAULT_KEEP.pinChanges);
    assert.equal(pinChanges.dropped, pinChanges.total - DEFAULT_KEEP.pinChanges);
    assert.ok(logLines.total > 10_000, `${logLines.total} lines`);
    assert.equal(board.logs.length, DEFAULT_KEEP.logLines);
    assert.equal(logLines.dropped, logLines.total - DEFAULT_KEEP.logLines);
  });

  it("sizes that are no whole number of entries are refused naming the option", () => {
    assert.throws(() => Board.load("esp32-devkitc", { keep: { pinChanges: -1 } }), {
      name: "SailError",
      message:
        "board options: keep.pinChanges -1: give a whole number of entries from 0 to 10,000,000 (default 100,000)",
    });
    assert.throws(() => Board.load("esp32-devkitc", { keep: { logLines: 1.5 } }), /keep\.logLines 1\.5: give a whole/);
  });

  it("the test API's pin and log assertions work at the default sizes", async () => {
    const board = await flash(floodImage);
    assert.deepEqual(board.kept.pinChanges.capacity, DEFAULT_KEEP.pinChanges);
    await board.advance("500us"); // the ticks come at 1.05 ms, 2.05 ms ...: 20 of them in the next 20 ms
    await board.expectPin(4).toggles(400, "20ms");
    await board.expectPin(2).toStay(0, "20ms");
    const line = await board.waitForLog("tick");
    assert.equal(line.source, "app");
    assert.equal(board.trace.length, board.kept.pinChanges.kept);
  });

  it("an assertion that needs more than the board kept fails saying so, naming the option", async () => {
    const board = await flash(floodImage, { keep: { pinChanges: 50, logLines: 5 } });
    await assert.rejects(
      board.expectPin(4).toggles(200, "10ms"),
      new RegExp(
        String.raw`expectPin\(4\)\.toggles needs the pin changes after 0\.\d{6} s, but the board keeps only ` +
          String.raw`the newest 50 \(\d+ older ones dropped; the oldest kept is at 0\.\d{6} s\): ` +
          String.raw`give it more with keep: \{ pinChanges: n \}`,
      ),
    );
    await board.advance("20ms");
    await assert.rejects(
      board.waitForLog("tick"),
      new RegExp(
        String.raw`waitForLog: \d+ log line\(s\) it had not read yet were dropped: the board keeps only ` +
          String.raw`the newest 5; give it more with keep: \{ logLines: n \}`,
      ),
    );
    assert.throws(
      () => board.vcd(),
      /vcd\(\) needs the pin changes after 0\.000000 s, but the board keeps only the newest 50/,
    );
  });

  it("sail run --trace <file> and --vcd <file> write every change, far beyond what the board keeps", async function () {
    this.timeout(120_000);
    const dir = await mkdtemp(join(tmpdir(), "sail-kept-"));
    const image = join(dir, "flood.wasm");
    await writeFile(image, floodImage);
    const [traceFile, vcdFile] = [join(dir, "pins.txt"), join(dir, "pins.vcd")];
    const args = [SAIL, "run", image, "--for", "6s", "--trace", traceFile, "--vcd", vcdFile];
    const r = await promisify(execFile)(process.execPath, args, { cwd: ROOT, maxBuffer: 1 << 24 });
    assert.match(r.stderr, /wrote .*pins\.txt \(every pin change\)/);

    // The same run in this process, every change recorded apart.
    const board = Board.load("esp32-devkitc");
    const all = recorded(board);
    await board.flash(floodImage);
    await board.advance("6s");
    assert.ok(all.pins.length > DEFAULT_KEEP.pinChanges, `${all.pins.length} changes, more than the board keeps`);
    assert.ok(board.kept.pinChanges.dropped > 0);
    const trace = await readFile(traceFile, "utf8");
    assert.equal(trace, all.pins.map((e) => `${formatTrace(e, true)}\n`).join(""));
    const vcd = await readFile(vcdFile, "utf8");
    assert.equal(vcd, traceToVcd(all.pins, { board: "esp32-devkitc", endUs: board.clock.now }));
  });

  it("sail run --trace alone still prints the changes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sail-kept-"));
    const image = join(dir, "flood.wasm");
    await writeFile(image, floodImage);
    const r = await promisify(execFile)(process.execPath, [SAIL, "run", image, "--trace", "--for", "2ms"], {
      cwd: ROOT,
    });
    assert.match(r.stdout, /^ +0\.00\d{4} +pin +GPIO4 ↑ 1$/m);
  });
});
