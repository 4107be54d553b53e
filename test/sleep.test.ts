// Sleep and energy: deep sleep resets with reason DEEPSLEEP and a wake cause,
// RTC memory survives only deep sleep, light sleep holds events until WAKE,
// and the energy meter integrates the profile's currents.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { batteryLifeDays } from "../host/power/energy.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const DEEP = `${ENTRY}import { Pin, log, power, rtcMemory, system } from "../../assembly/sail";
export function sail_setup(): void {
  const boots = rtcMemory.getI32(0) + 1;
  rtcMemory.setI32(0, boots);
  log.info("boot " + boots.toString() + " reason " + system.resetReason().toString() +
    " cause " + power.wakeCause().toString());
  if (new Pin(25).input().read()) { system.restart(); return; }
  power.wakeAfterUs(10_000_000);
  power.wakeOnPin(new Pin(4).input().gpio, false);
  if (new Pin(26).input().read()) power.wakeOnPin(5, true);
  const status = power.deepSleep();
  log.info("deep sleep refused " + status.toString());
}
`;

const LIGHT = `${ENTRY}import { Timer, log, power, time } from "../../assembly/sail";
let ticks = 0;
const tick = new Timer(onTick);
export function sail_setup(): void {
  tick.startPeriodic(1_000_000);
  power.wakeAfterUs(5_000_000);
  log.info("sleep " + power.lightSleep(onWake).toString());
}
function onTick(): void { ticks++; log.info("tick " + ticks.toString() + " at " + (time.us() / 1000).toString()); }
function onWake(cause: i32, asleepUs: i64): void {
  log.info("woke cause " + cause.toString() + " after " + (asleepUs / 1000).toString() +
    " ms, ticks " + ticks.toString());
}
`;

const IDLE = `${ENTRY}export function sail_setup(): void {}\n`;

function appLogs(board: Board): string[] {
  return board.logs.filter((l) => l.source === "app").map((l) => l.text);
}

describe("sleep and energy", () => {
  let deep: Uint8Array;
  let light: Uint8Array;
  before(async () => {
    deep = await compileSnippet("deep-sleep", DEEP);
    light = await compileSnippet("light-sleep", LIGHT);
  });

  it("deep sleep wakes on its timer with reason DEEPSLEEP, keeping RTC memory", async () => {
    const board = Board.load("esp32-devkitc");
    board.pin(4).drive(1);
    await board.flash(deep);
    await board.advance("35 s");
    assert.deepEqual(appLogs(board), [
      "boot 1 reason 1 cause 0",
      "boot 2 reason 8 cause 4",
      "boot 3 reason 8 cause 4",
      "boot 4 reason 8 cause 4",
    ]);
    assert.equal(board.state, "sleeping");
    assert.equal(board.resetReason, "DEEPSLEEP");
  });

  it("a wake pin at its level wakes the board (EXT1 on ESP32)", async () => {
    const board = Board.load("esp32-devkitc");
    board.pin(4).drive(1);
    await board.flash(deep);
    await board.advance("2 s");
    board.pin(4).drive(0);
    await board.advance("100 ms");
    assert.equal(board.state, "off", "waking takes the boot time");
    board.pin(4).drive(1);
    await board.advance("1 s");
    assert.deepEqual(appLogs(board), ["boot 1 reason 1 cause 0", "boot 2 reason 8 cause 3"]);
    assert.equal(board.state, "sleeping");
  });

  it("refuses a deep-sleep wake pin that is not an RTC GPIO, naming it", async () => {
    const board = Board.load("esp32-devkitc");
    board.pin(4).drive(1);
    board.pin(26).drive(1);
    await board.flash(deep);
    await board.advance("1 ms");
    assert.ok(appLogs(board).includes(`deep sleep refused ${-0x102}`), appLogs(board).join("\n"));
    assert.ok(board.logs.some((l) => /sleep_deep: GPIO 5 cannot wake esp32-devkitc from deep sleep/.test(l.text)));
  });

  it("RTC memory is zeroed by a reset that is not a wake", async () => {
    const board = Board.load("esp32-devkitc");
    board.pin(4).drive(1);
    await board.flash(deep);
    await board.advance("12 s");
    board.pin(25).drive(1);
    await board.advance("11 s");
    const logs = appLogs(board);
    assert.deepEqual(logs.slice(0, 3), [
      "boot 1 reason 1 cause 0",
      "boot 2 reason 8 cause 4",
      "boot 3 reason 8 cause 4",
    ]);
    assert.equal(logs[3], "boot 1 reason 3 cause 0");
  });

  it(
    "an RTC memory access past its end is ERR_INVALID_SIZE: setters " +
      "return it, getters give the fallback, never stale bytes",
    async () => {
      const bounds = await compileSnippet(
        "rtc-bounds",
        `${ENTRY}import { log, rtcMemory } from "../../assembly/sail";
export function sail_setup(): void {
  log.info("set " + rtcMemory.setI32(0, 1).toString() + " " + rtcMemory.setI32(8188, 2).toString() + " " +
    rtcMemory.setI32(8190, 3).toString() + " " + rtcMemory.setI64(-4, 4).toString());
  log.info("get " + rtcMemory.getI32(0, -7).toString() + " " + rtcMemory.getI32(8188, -7).toString() + " " +
    rtcMemory.getI32(8190, -7).toString() + " " + rtcMemory.getI64(-4, -7).toString());
}
`,
      );
      const board = Board.load("esp32-devkitc");
      await board.flash(bounds);
      assert.deepEqual(appLogs(board), ["set 0 0 -260 -260", "get 1 2 -7 -7"]);
    },
  );

  it("light sleep holds timer events until it wakes, then delivers WAKE first", async () => {
    const board = Board.load("esp32-devkitc");
    await board.flash(light);
    await board.advance("7.5 s");
    const logs = appLogs(board);
    assert.equal(logs[0], "sleep 0");
    assert.match(logs[1] ?? "", /^woke cause 4 after 5000 ms, ticks 0$/);
    // The periodic timer's missed ticks run after WAKE (esp_timer's default catch-up), then it keeps its period.
    const ticks = logs
      .slice(2)
      .map((l) => /^tick (\d+) at (\d+)$/.exec(l))
      .map((m) => [Number(m?.[1]), Number(m?.[2])]);
    assert.deepEqual(
      ticks.map(([n]) => n),
      [1, 2, 3, 4, 5, 6, 7],
    );
    assert.ok(
      ticks.slice(0, 5).every(([, t]) => t !== undefined && t >= 5000 && t < 5010),
      JSON.stringify(ticks),
    );
    assert.deepEqual(
      ticks.slice(5).map(([, t]) => Math.floor((t ?? 0) / 1000)),
      [6, 7],
    );
    assert.ok(board.energy.report().timeUs.lightSleep >= 4_999_000);
  });

  it("integrates the profile's currents: an idle hour awake, an hour in deep sleep", async () => {
    const awake = Board.load("esp32-devkitc");
    await awake.flash(await compileSnippet("idle", IDLE));
    await awake.advance("1 h");
    const r = awake.energy.report();
    assert.ok(Math.abs(r.mAh - 31.1) < 0.01, `idle hour drew ${r.mAh} mAh`);

    const sleeper = Board.load("esp32-devkitc");
    sleeper.pin(4).drive(1);
    await sleeper.flash(deep);
    await sleeper.advance("1 h");
    const s = sleeper.energy.report();
    assert.ok(s.timeUs.deepSleep > 3400e6, `asleep ${s.timeUs.deepSleep} µs of the hour`);
    assert.ok(
      Math.abs(s.mAhBy.deepSleep - (s.timeUs.deepSleep / 3.6e9) * 0.01) < 1e-12,
      `deep sleep drew ${s.mAhBy.deepSleep} mAh`,
    );
    assert.ok(s.mAh > s.mAhBy.deepSleep, "boots every 10 s cost more than the sleep");
    assert.equal(Math.round(batteryLifeDays(r, 620)), Math.round(620 / r.averageMa / 24));
  });
});
