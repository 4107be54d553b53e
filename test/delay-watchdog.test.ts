// delay_us blocks the firmware, and the task watchdog still watches the
// event: a delay past the watchdog's timeout ends when the watchdog bites,
// so even the largest i64 delay leaves the clock at the bite, not 292,000
// years later.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

describe("delay_us and the task watchdog", () => {
  for (const [what, us] of [
    ["the largest i64", "i64.MAX_VALUE"],
    ["an hour", "3_600_000_000"],
  ] as const) {
    it(`a delay of ${what} resets the board with TASK_WDT when the 5 s watchdog bites`, async () => {
      const image = await compileSnippet(
        `delay-watchdog-${us.length}`,
        `${ENTRY}import { delay_us } from "../../assembly/sail/bindings";
import { Timer } from "../../assembly/sail";
export function sail_setup(): void { Timer.after(100, sleepy); }
function sleepy(): void { delay_us(${us}); }
`,
      );
      const board = Board.load("esp32-devkitc");
      await board.flash(image);
      await board.advance("6s");
      const reset = board.resets[0];
      assert.equal(reset?.reason, "TASK_WDT");
      assert.match(reset.message, /TIMER 0 ran 5000 ms without returning/);
      const timerAtUs = 100_000;
      assert.ok(
        reset.timeUs >= timerAtUs + 5_000_000 && reset.timeUs < timerAtUs + 5_010_000,
        `the bite at ${reset.timeUs} µs, 5 s after the timer fired`,
      );
      // After the reboot the timer fires again and blocks 5 s more: the clock is past 6 s, but not by the delay.
      assert.ok(board.now < 20_000_000, `the clock stays near the run: ${board.now} µs`);
    });
  }
});
