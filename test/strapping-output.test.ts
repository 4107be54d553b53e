// An output on a strapping pin the chip needs high at reset warns (docs/decisions.md D142),
// as ESPHome does for a relay on GPIO 5; consistent with D42, blink on GPIO 2 (latched low)
// and a button on GPIO 0 (an input) warn about nothing, nor does the board's own LED (the
// ESP32-C3 DevKitM's WS2812 on GPIO 8, a strapping pin its maker wired for the strap).

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { BLINK, BUTTON_LED, firmware } from "./support/firmware.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const RELAY_ON_5 = `${ENTRY}import { Pin } from "../../assembly/sail";
const relay = new Pin(5);
export function sail_setup(): void {
  relay.output(false);
  relay.output(true);
  new Pin(13).output(false);
}
`;

const strapWarnings = (board: Board): string[] =>
  board.logs.filter((l) => l.level === "W" && l.text.includes("strapping pin")).map((l) => l.text);

describe("outputs on strapping pins", () => {
  it("a relay on GPIO 5 warns once, naming the pin, the risk and the fix; GPIO 13 does not", async () => {
    const board = Board.load("esp32-devkitc");
    await board.flash(await compileSnippet("relay-on-5", RELAY_ON_5, ["--runtime", "minimal"]));
    const w = strapWarnings(board);
    assert.equal(w.length, 1, w.join(" | "));
    assert.match(w[0] ?? "", /^GPIO 5 is made an output, but it is a strapping pin the chip needs high at reset/);
    assert.match(w[0] ?? "", /Move the output off the strapping pins \(0, 2, 5, 12, 15\)/);
    board.powerCut();
    board.powerOn();
    await board.advance("10 ms");
    assert.equal(strapWarnings(board).length, 1, "once per pin for the life of the board");
  });

  it("blink on GPIO 2 and a button on GPIO 0 with an LED on GPIO 2 warn about nothing", async () => {
    for (const example of [BLINK, BUTTON_LED]) {
      const board = Board.load("esp32-devkitc");
      await board.flash(await firmware(example));
      await board.advance("2 s");
      assert.deepEqual(strapWarnings(board), [], example);
    }
  });

  it("blink drives the C3's own WS2812 on GPIO 8 without a warning; an output on GPIO 9 warns", async () => {
    const board = Board.load("esp32-c3-devkitm");
    await board.flash(await firmware(BLINK));
    await board.advance("2 s");
    assert.deepEqual(strapWarnings(board), []);
    const other = Board.load("esp32-c3-devkitm");
    await other.flash(
      await compileSnippet("relay-on-9", RELAY_ON_5.replace("new Pin(5)", "new Pin(9)"), ["--runtime", "minimal"]),
    );
    assert.match(strapWarnings(other)[0] ?? "", /^GPIO 9 is made an output/);
  });
});
