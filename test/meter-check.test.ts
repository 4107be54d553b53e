// An image that claims the watchdog metering runs as it ships, so the board
// checks the claim: each forgery an attacker could try is refused at flash,
// naming the function, what is wrong and the fix.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { ImageError } from "../host/errors.js";
import { flashImage } from "../host/flash/flash.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { meterImage } from "../host/flash/meter.js";
import { CHARGE, CHECK, forgedImage, HONEST_SPIN } from "./support/forge.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const devkitc = loadBoardProfile("esp32-devkitc");

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await flashImage(bytes, devkitc, "forged.wasm");
  } catch (e) {
    assert.ok(e instanceof ImageError, `expected ImageError, got ${String(e)}`);
    assert.match(e.message, /^forged\.wasm: exports sail_fuel but is not metered as sail build meters: /);
    assert.match(e.message, /; rebuild it with sail build$/);
    return e.message;
  }
  assert.fail("the forged image was accepted");
}

/** sail_setup: a loop on GPIO 4 whose header is `header` (instead of the charge and the check). */
const spinWith = (header: string): string =>
  `${CHARGE(0)} ${CHECK} (loop $spin ${header} (br_if $spin (i32.ge_s (call $gpio_read (i32.const 4)) (i32.const 0))))`;

/** AssemblyScript with the shapes the check must accept: loops in loops, endless loops, switch, recursion, closures. */
const SHAPES = `${ENTRY}import { gpio_read, gpio_write } from "../../assembly/sail/bindings";
function fib(n: i32): i32 { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function until(): void { while (true) { if (gpio_read(4) < 5) break; } }
function forever(): void { while (true) { gpio_write(2, 1); } }
let scale: (x: i32) => i32 = (x: i32): i32 => x * 3 + 1;
export function sail_setup(): void {
  let total = 0;
  for (let i = 0; i < 10; i++) {
    for (let j = 0; j < i; j++) total += scale(j);
    switch (i & 3) {
      case 0: total += 1; break;
      case 1: total ^= 7; break;
      default: total -= fib(i);
    }
    if (total > 100) total = total * 3 + (total >> 2) - (total & 15) + i * (total % 7) - (i << 3) + (total ^ i);
    else total = total * 5 - (total >> 1) + (i & 7) * (total | 3) - (total % 11) + (i ^ total);
  }
  gpio_write(2, total & 1);
  if (gpio_read(5) > 1) forever();
  until();
}
`;

describe("the metering check (sail-meter@1)", () => {
  it("accepts what the metering pass gives AssemblyScript, optimized or not", async () => {
    for (const level of ["-O0", "-O3"]) {
      const metered = await meterImage(await compileSnippet(`meter-shapes${level}`, SHAPES, [level]), "shapes");
      const image = await flashImage(metered, devkitc, "shapes.wasm");
      assert.ok(!image.notes.some((n) => /metered it/.test(n)), "checked as metered, not metered again");
    }
  });

  it("accepts an honest hand-metered loop, and the watchdog bites it", async () => {
    const board = Board.load("esp32-devkitc");
    await board.flash(forgedImage(HONEST_SPIN));
    const reset = board.resets[0];
    assert.equal(reset?.reason, "TASK_WDT");
    // At its timeout, up to the few ms a fuel chunk's host calls add (docs/decisions.md D28).
    const timeoutUs = devkitc.watchdog.timeoutMs * 1000;
    assert.ok(reset.timeUs >= timeoutUs && reset.timeUs < timeoutUs + 10_000, `bit at ${reset.timeUs} µs`);
  });

  it("refuses a check whose condition is a constant", async () => {
    const constant = "(if (i32.const 0) (then (call $meter)))";
    assert.match(
      await refusal(forgedImage(spinWith(`${CHARGE(5)} ${constant}`))),
      /function setup: a loop does not check the fuel right after its charge with if \(i32\.lt_s/,
    );
  });

  it("refuses a loop that sets the fuel back after its check", async () => {
    const refill = "(global.set $fuel (i32.const 100000))";
    assert.match(
      await refusal(forgedImage(spinWith(`${CHARGE(5)} ${CHECK} ${refill}`))),
      /function setup: it writes sail_fuel other than by the charge global\.set sail_fuel/,
    );
  });

  it("refuses a charge that adds to the fuel", async () => {
    const add = "(global.set $fuel (i32.add (global.get $fuel) (i32.const 5)))";
    assert.match(
      await refusal(forgedImage(spinWith(`${add} ${CHECK}`))),
      /function setup: a loop does not start with the charge global\.set sail_fuel \(i32\.sub/,
    );
  });

  it("refuses a zero charge on a loop that runs five instructions", async () => {
    assert.match(
      await refusal(forgedImage(spinWith(`${CHARGE(0)} ${CHECK}`))),
      /function setup: a loop charges 0 instructions per iteration; it runs 5/,
    );
  });

  it("refuses a negative charge", async () => {
    assert.match(
      await refusal(forgedImage(spinWith(`${CHARGE(-5)} ${CHECK}`))),
      /function setup: a loop charges -5 instructions per iteration; it runs 5/,
    );
  });

  it("refuses a check that calls another function than sail.meter_exhausted", async () => {
    const other = "(if (i32.lt_s (global.get $fuel) (i32.const 0)) (then (call $start)))";
    assert.match(
      await refusal(forgedImage(spinWith(`${CHARGE(5)} ${other}`))),
      /function setup: a loop does not check the fuel right after its charge/,
    );
  });

  it("refuses a br_if that jumps over the charge and the check", async () => {
    const skip = `(block $skip (br_if $skip (i32.const 1)) ${CHARGE(5)} ${CHECK})`;
    assert.match(await refusal(forgedImage(spinWith(skip))), /function setup: a loop does not start with the charge/);
  });

  it("refuses a loop whose charge and check sit inside a nested block", async () => {
    assert.match(
      await refusal(forgedImage(spinWith(`(block $inner ${CHARGE(5)} ${CHECK} (br_if $inner (i32.const 0)))`))),
      /function setup: a loop does not start with the charge/,
    );
  });

  it("refuses a charge taken through local.tee", async () => {
    const tee = "(global.set $fuel (i32.sub (global.get $fuel) (local.tee $x (i32.const 5))))";
    assert.match(
      await refusal(forgedImage(spinWith(`${tee} ${CHECK}`))),
      /function setup: a loop does not start with the charge/,
    );
  });

  it("refuses fuel saved in a local and written back", async () => {
    const save = "(local.set $x (global.get $fuel))";
    assert.match(
      await refusal(forgedImage(`${CHARGE(2)} ${save} (call $helper)`, `(func $helper ${CHARGE(0)})`)),
      /function setup: it reads sail_fuel outside the metering's charges and checks/,
    );
  });

  it("refuses recursion whose function entry is charged but not checked", async () => {
    const recurse = `(func $recurse ${CHARGE(1)} (call $recurse))`;
    assert.match(
      await refusal(forgedImage(`${CHARGE(1)} ${CHECK} (call $recurse)`, recurse)),
      /function recurse: it loops or calls but its entry does not check the fuel with if \(i32\.lt_s/,
    );
  });

  it("refuses call_indirect recursion without loops whose entry is not checked", async () => {
    const bounce = "(call_indirect (type $void) (i32.const 0))";
    const table = `(table 1 funcref) (elem (i32.const 0) $bounce) (func $bounce ${CHARGE(2)} ${bounce})`;
    assert.match(
      await refusal(forgedImage(`${CHARGE(2)} ${CHECK} ${bounce}`, table)),
      /function bounce: it loops or calls but its entry does not check the fuel/,
    );
  });

  it("refuses an if arm over eight instructions that is not charged on its own", async () => {
    const sum = "(i32.add (i32.add (i32.const 1) (i32.const 2)) (i32.add (i32.const 3) (i32.const 4)))";
    const arm = `(drop (i32.add ${sum} (i32.const 5)))`;
    assert.match(
      await refusal(forgedImage(`${CHARGE(3)} (if (i32.const 1) (then ${arm} ${arm}))`)),
      /function setup: an if arm of 20 instructions is not charged on its own/,
    );
  });

  it("refuses an image that exports the fuel a second time, where a host could write it", async () => {
    assert.match(
      await refusal(forgedImage(HONEST_SPIN, `(export "fuel" (global $fuel))`)),
      /it exports the sail_fuel global a second time, as fuel/,
    );
  });

  it("refuses a firmware that writes the fuel, which would run virtual time backwards", async () => {
    const forge = "(global.set $fuel (i32.const 2147483647))";
    assert.match(
      await refusal(forgedImage(`${CHARGE(2)} ${forge}`)),
      /function setup: it writes sail_fuel other than by the charge/,
    );
  });
});
