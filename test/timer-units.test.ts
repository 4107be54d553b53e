// Timer names carry their unit (assembly/sail/timer.ts): everyMs/afterMs take milliseconds,
// startOnceUs/startPeriodicUs microseconds; the old names keep working with the same units.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const BOTH_NAMES = `${ENTRY}import { Timer, log } from "../../assembly/sail";
function a(): void { log.info("everyMs"); }
function b(): void { log.info("afterMs"); }
function c(): void { log.info("startOnceUs"); }
function d(): void { log.info("startPeriodicUs"); }
function e(): void { log.info("every"); }
function f(): void { log.info("after"); }
function g(): void { log.info("startOnce"); }
function h(): void { log.info("startPeriodic"); }
export function sail_setup(): void {
  Timer.everyMs(300, a);
  Timer.afterMs(250, b);
  new Timer(c).startOnceUs(250_000);
  new Timer(d).startPeriodicUs(300_000);
  Timer.every(300, e);
  Timer.after(250, f);
  new Timer(g).startOnce(250_000);
  new Timer(h).startPeriodic(300_000);
}
`;

describe("Timer: the unit in the name", () => {
  let board: Board;
  before(async () => {
    board = Board.load("esp32-devkitc");
    await board.flash(await compileSnippet("timer-units", BOTH_NAMES, ["--runtime", "minimal"]));
    await board.advance("1 s");
  });

  /** The milliseconds (of board time) at which `name` logged. */
  const firedMs = (name: string): number[] =>
    board.logs.filter((l) => l.source === "app" && l.text === name).map((l) => Math.floor(l.timeUs / 1000));

  it("everyMs(300) and startPeriodicUs(300_000) fire at 300, 600 and 900 ms", () => {
    assert.deepEqual(firedMs("everyMs").map(ofBoot), [300, 600, 900]);
    assert.deepEqual(firedMs("startPeriodicUs").map(ofBoot), [300, 600, 900]);
  });

  it("afterMs(250) and startOnceUs(250_000) fire once, at 250 ms", () => {
    assert.deepEqual(firedMs("afterMs").map(ofBoot), [250]);
    assert.deepEqual(firedMs("startOnceUs").map(ofBoot), [250]);
  });

  it("the deprecated every/after/startOnce/startPeriodic fire as their new names do", () => {
    assert.deepEqual(firedMs("every"), firedMs("everyMs"));
    assert.deepEqual(firedMs("after"), firedMs("afterMs"));
    assert.deepEqual(firedMs("startOnce"), firedMs("startOnceUs"));
    assert.deepEqual(firedMs("startPeriodic"), firedMs("startPeriodicUs"));
  });

  /** Milliseconds since setup ran, rounded down to the timer's period grid (setup takes a few µs). */
  function ofBoot(ms: number): number {
    const setupMs = Math.floor(board.logs.find((l) => l.text.startsWith("boot:"))?.timeUs ?? 0) / 1000;
    return Math.round((ms - setupMs) / 50) * 50;
  }
});
