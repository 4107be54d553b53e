// The seams the board is cut along: the firmware executor a board is given,
// the one stream of state changes by topic, and the memory high-water. A
// second kind of executor (the C runtime) and a browser view attach here.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import type { ExecutorFactory } from "../host/firmware/executor.js";
import { startV8 } from "../host/firmware/v8-executor.js";
import type { Change } from "../host/trace/changes.js";
import { BLINK, firmware } from "./support/firmware.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

describe("board seams", () => {
  it("runs the firmware through the executor it is given", async () => {
    const calls = { start: 0, setup: 0, events: 0 };
    const counting: ExecutorFactory = (image, imports) => {
      const v8 = startV8(image, imports);
      return {
        ...v8,
        start: () => {
          calls.start++;
          v8.start();
        },
        setup: () => {
          calls.setup++;
          v8.setup();
        },
        event: (kind, id, a, b) => (calls.events++, v8.event(kind, id, a, b)),
      };
    };
    const board = Board.load("esp32-devkitc", { executor: counting });
    await board.flash(await firmware(BLINK));
    await board.advance("2s");
    assert.deepEqual({ start: calls.start, setup: calls.setup }, { start: 1, setup: 1 });
    assert.equal(calls.events, board.eventsDelivered, "every event went through the executor");
    assert.ok(calls.events >= 4, `blink's timer fired through it (${calls.events} events)`);
    assert.ok(board.pin(2).edges().length >= 4, "and the LED blinked");
  });

  it("publishes pins, logs and resets by topic; an unsubscribed listener hears nothing more", async () => {
    const image = await compileSnippet(
      "seams-trap",
      `${ENTRY}import { Pin, Timer, log } from "../../assembly/sail";
const led = new Pin(2);
export function sail_setup(): void {
  led.output(true);
  log.info("up");
  Timer.after(10, boom);
}
function boom(): void { unreachable(); }
`,
    );
    const board = Board.load("esp32-devkitc");
    const heard: Record<"all" | "pins" | "logs" | "resets", Change["kind"][]> = {
      all: [],
      pins: [],
      logs: [],
      resets: [],
    };
    for (const topic of ["all", "pins", "logs", "resets"] as const) {
      board.changes.subscribe((c) => heard[topic].push(c.kind), topic);
    }
    const late: Change["kind"][] = [];
    const stop = board.changes.subscribe((c) => late.push(c.kind));
    stop();
    await board.flash(image);
    await board.advance("5ms");
    assert.ok(heard.pins.length > 0 && heard.pins.every((k) => k === "level" || k === "pwm"), heard.pins.join());
    assert.ok(heard.logs.length > 0 && heard.logs.every((k) => k === "log"), heard.logs.join());
    assert.deepEqual(heard.resets, [], "no reset yet");
    await board.advance("20ms");
    assert.deepEqual(heard.resets, ["reset"], "the trap's reset");
    assert.equal(board.resets[0]?.reason, "PANIC");
    const topics = heard.pins.length + heard.logs.length + heard.resets.length;
    assert.equal(heard.all.length, topics, "'all' hears each change once");
    assert.deepEqual(late, [], "unsubscribed before anything happened");
  });

  it("keeps the memory high-water: linear memory had and bytes used, over boots", async () => {
    const board = Board.load("esp32-devkitc");
    assert.deepEqual([board.memoryHighWater.linearBytes, board.memoryHighWater.usedBytes], [0, 0]);
    await board.flash(await firmware(BLINK));
    await board.advance("1s");
    const { linearBytes, usedBytes } = board.memoryHighWater;
    assert.equal(linearBytes, 65536, "blink has one page");
    assert.ok(usedBytes > 0 && usedBytes <= linearBytes, `used ${usedBytes} of ${linearBytes}`);
    board.powerCut();
    board.powerOn();
    assert.equal(board.memoryHighWater.linearBytes, linearBytes, "a reboot keeps the high-water");
  });
});
