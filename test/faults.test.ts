// Faults, as a real board has them: each resets the board with a recorded
// reason and a panic naming the wasm function; the host keeps running.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import type { ResetRecord } from "../host/firmware/faults.js";
import { FAULTS, firmware } from "./support/firmware.js";

const SELECT = [25, 26, 27, 32];

async function firstReset(mode: number, runFor = "1s"): Promise<{ board: Board; reset: ResetRecord }> {
  const board = Board.load("esp32-devkitc");
  SELECT.forEach((gpio, bit) => {
    if ((mode >> bit) & 1) board.pin(gpio).drive(1);
  });
  await board.flash(await firmware(FAULTS));
  await board.advance(runFor);
  const reset = board.resets[0];
  assert.ok(reset !== undefined, `mode ${mode} did not reset the board`);
  return { board, reset };
}

describe("faults", () => {
  it("a healthy firmware runs without resets", async () => {
    const board = Board.load("esp32-devkitc");
    await board.flash(await firmware(FAULTS));
    await board.advance("10s");
    assert.equal(board.resets.length, 0);
    assert.equal(board.state, "running");
  });

  const cases: [number, string, RegExp, string][] = [
    [1, "unreachable", /trap: unreachable/, "index/fire"],
    [
      2,
      "abort (a throw)",
      /abort: sensor missing at test\/fixtures\/faults\/assembly\/index\.ts:\d+:\d+/,
      "index/fire",
    ],
    [3, "out-of-bounds memory access", /trap: memory access out of bounds/, "index/fire"],
    [4, "division by zero", /trap: divide by zero/, "index/fire"],
    [6, "endless recursion", /stack overflow/, "index/recurse"],
    // The fixture is built for both boards: its memory maximum is the C3's 64 KiB (docs/decisions.md D113).
    [7, "memory exhaustion", /out of memory: .*memory maximum of 64 KiB \(the app's RAM budget is 128 KiB\)/, "tlsf/"],
    [8, "output on input-only GPIO 34", /gpio_write: GPIO 34 is input-only/, "index/fire"],
    [9, "a GPIO the board does not have", /gpio_mode: GPIO 40 does not exist on this board/, "index/fire"],
  ];
  for (const [mode, what, message, fn] of cases) {
    it(`${what} resets with reason PANIC and names ${fn}`, async () => {
      const { board, reset } = await firstReset(mode);
      assert.equal(reset.reason, "PANIC");
      assert.match(reset.message, message);
      assert.ok(reset.function?.startsWith(fn), `function ${reset.function}`);
      assert.equal(reset.during, "TIMER 0");
      assert.ok(board.logs.some((l) => l.level === "E" && l.text.includes("reset PANIC during TIMER 0")));
    });
  }

  for (const [mode, what] of [
    [5, "an endless loop"],
    [12, "an endless loop making host calls"],
  ] as const) {
    it(`${what} is stopped by the task watchdog after 5 s of device time`, async () => {
      const { reset } = await firstReset(mode, "6s");
      assert.equal(reset.reason, "TASK_WDT");
      assert.match(reset.message, /TIMER 0 ran 5000 ms without returning/);
      assert.equal(reset.function, "index/fire");
      assert.ok(reset.timeUs >= 5_100_000 && reset.timeUs < 5_150_000, `reset at ${reset.timeUs} µs`);
    });
  }

  it("a firmware that subscribed with wdt_feed and stops feeding is reset by the task watchdog", async () => {
    const { reset } = await firstReset(10, "6s");
    assert.equal(reset.reason, "TASK_WDT");
    assert.match(reset.message, /not fed for 5 s/);
  });

  it("restart() resets with reason SW, reboots 300 ms later, and the firmware sees it", async () => {
    const { board, reset } = await firstReset(11, "500ms");
    assert.equal(reset.reason, "SW");
    assert.equal(board.resetReason, "SW");
    const boots = board.logs.filter((l) => l.text.startsWith("boot: reset reason SW"));
    assert.equal(boots[0]?.timeUs, reset.timeUs + 300_000);
    assert.ok(board.logs.some((l) => l.source === "app" && l.text === "faults: mode 11, reset reason 3"));
    assert.equal(board.state, "running");
  });

  it("a firmware that restarts forever keeps rebooting at the board's pace, and the host returns", async () => {
    const { board } = await firstReset(11, "10s");
    assert.ok(board.resets.length >= 20 && board.resets.length <= 30, `${board.resets.length} restarts in 10 s`);
  });

  it("after 5 crash resets in a row the board halts and says it is boot-looping", async () => {
    const { board } = await firstReset(1, "10s");
    assert.equal(board.resets.length, 5);
    assert.equal(board.state, "halted");
    assert.ok(board.logs.some((l) => /boot loop: 5 crash resets in a row/.test(l.text)));
    const events = board.eventsDelivered;
    await board.advance("10s");
    assert.equal(board.eventsDelivered, events, "a halted board runs nothing");
  });

  it("flashing during the reboot after a crash boots the new image once, with no stale reboot after it", async () => {
    const board = Board.load("esp32-devkitc");
    board.pin(25).drive(1); // mode 1: unreachable 100 ms after boot
    await board.flash(await firmware(FAULTS));
    await board.advance("150ms"); // crashed at ~100 ms; its reboot is due at ~400 ms
    board.pin(25).release();
    await board.flash(await firmware(FAULTS));
    await board.advance("1s");
    const boots = board.logs.filter((l) => l.text.startsWith("boot: "));
    assert.deepEqual(
      boots.map((l) => l.text.split(";")[0]),
      ["boot: reset reason POWERON", "boot: reset reason POWERON"],
    );
  });

  it("the firmware reads the reset reason after a panic", async () => {
    const { board } = await firstReset(1, "500ms");
    assert.equal(board.resetReason, "PANIC");
    assert.ok(board.logs.some((l) => l.source === "app" && l.text === "faults: mode 1, reset reason 4"));
  });
});
