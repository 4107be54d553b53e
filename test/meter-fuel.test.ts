// Only the metering writes the fuel: a bare image's own `sail_fuel` is just a
// global once the board meters it, firmware cannot import the metering's
// refill, and the board's clock never runs backwards on a fuel it did not
// grant.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { ImageError } from "../host/errors.js";
import { Cpu } from "../host/firmware/cpu.js";
import { FirmwareFault } from "../host/firmware/faults.js";
import { meterImage } from "../host/flash/meter.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { bareImage } from "./support/forge.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const devkitc = loadBoardProfile("esp32-devkitc");
const SPIN = "(br_if $spin (i32.ge_s (call $gpio_read (i32.const 4)) (i32.const 0)))";

describe("fuel forging", () => {
  it("a bare image with its own global named sail_fuel is metered apart from it, and the watchdog bites", async () => {
    const hostile = bareImage(
      `(loop $spin (global.set $sail_fuel (i32.const 2147483647)) ${SPIN})`,
      "(global $sail_fuel (mut i32) (i32.const 0)) (func $sail~meter_exhausted)",
    );
    const board = Board.load("esp32-devkitc");
    const image = await board.flash(hostile, "hostile.wasm");
    assert.ok(image.notes.some((n) => /metered for the watchdog/.test(n)));
    const reset = board.resets[0];
    assert.equal(reset?.reason, "TASK_WDT");
    const timeoutUs = devkitc.watchdog.timeoutMs * 1000;
    assert.ok(reset.timeUs >= timeoutUs && reset.timeUs < timeoutUs + 10_000, `bit at ${reset.timeUs} µs`);
  });

  it("refuses a bare image that imports sail.meter_exhausted to refill its own fuel", async () => {
    const refill = bareImage(
      `(loop $spin (call $refill) ${SPIN})`,
      "",
      `(import "sail" "meter_exhausted" (func $refill))`,
    );
    await assert.rejects(
      Board.load("esp32-devkitc").flash(refill, "refill.wasm"),
      (e: unknown) =>
        e instanceof ImageError &&
        /^refill\.wasm: imports sail\.meter_exhausted, which only the watchdog metering calls: remove that import/.test(
          e.message,
        ),
    );
  });

  it("sail build refuses a firmware that exports its own sail_fuel to write it", async () => {
    const wasm = await compileSnippet(
      "writes-fuel",
      `${ENTRY}export let sail_fuel: i32 = 0;\nexport function sail_setup(): void { sail_fuel = 2147483647; }\n`,
    );
    await assert.rejects(
      meterImage(wasm, "writes-fuel (compiled)"),
      (e: unknown) =>
        e instanceof ImageError &&
        /^writes-fuel \(compiled\): exports sail_fuel, a name the watchdog metering adds: rename that export/.test(
          e.message,
        ),
    );
  });

  it("the clock never runs backwards on fuel above the grant, and the next meter_exhausted is a fault", () => {
    const cpu = new Cpu(devkitc.interpreter.cost, devkitc.chip.cpuMhz, 5_000_000);
    const fuel = { value: 0 };
    cpu.attach(fuel);
    cpu.begin(1_000_000, "setup");
    fuel.value -= 1000;
    fuel.value = 2_147_483_647;
    assert.equal(cpu.nowUs(), 1_000_000, "time stays at the handler's start, not 323 s before it");
    assert.throws(
      () => cpu.exhausted(),
      (e: unknown) =>
        e instanceof FirmwareFault && e.reason === "PANIC" && /^sail_fuel: reads 2147483647, above the/.test(e.message),
    );
    assert.equal(cpu.end(), 0);
    assert.equal(cpu.totalInstructions, 0);
  });
});
