// Same firmware, same inputs, same seed: the same trace, every time.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { BLINK, BUTTON_LED, FADE, firmware } from "./support/firmware.js";

async function session(project: string, seed: number): Promise<string> {
  const board = Board.load("esp32-devkitc", { seed });
  await board.flash(await firmware(project));
  for (let i = 0; i < 5; i++) {
    board.button("boot").press({ bounceUs: 2000 });
    await board.advance("150ms");
    board.button("boot").release({ bounceUs: 2000 });
    await board.advance("350ms");
  }
  await board.advance("3s");
  return JSON.stringify({
    trace: board.trace.entries,
    logs: board.logs,
    now: board.clock.now,
    instructions: board.cpu.totalInstructions,
  });
}

describe("determinism", () => {
  for (const project of [BLINK, BUTTON_LED, FADE]) {
    it(`${project}: two runs give the same pin trace, logs and instruction count`, async () => {
      assert.equal(await session(project, 7), await session(project, 7));
    });
  }

  it("the seed changes the contact bounce, not what the firmware makes of it", async () => {
    type Run = { trace: { kind: string; gpio: number; level: number }[] };
    const a = JSON.parse(await session(BUTTON_LED, 1)) as Run;
    const b = JSON.parse(await session(BUTTON_LED, 2)) as Run;
    const button = (r: Run): unknown[] => r.trace.filter((e) => e.gpio === 0);
    const led = (r: Run): unknown[] => r.trace.filter((e) => e.gpio === 2).map((e) => e.level);
    assert.notDeepEqual(button(a), button(b));
    assert.deepEqual(led(a), led(b));
    assert.equal(led(a).length, 5, "five presses, five toggles");
  });
});
