// Addressable LEDs through RMT: the WS2812 model decodes the frame into
// colours, refuses a timing the datasheet does not accept, and the trace, the
// text trace and the VCD show the colours.

import assert from "node:assert/strict";
import { STATUS } from "../host/abi/table.js";
import { Board } from "../host/board/board.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { formatTrace } from "../host/cli/format.js";
import { Ws2812Strip, ws2812TimingProblem, WS2812_TIMING } from "../host/parts/ws2812.js";
import { boardVcd } from "../host/trace/vcd.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const STRIP = `${ENTRY}
import { LedStrip, log } from "../../assembly/sail";
const strip = new LedStrip(4, 3);
export function sail_setup(): void {
  strip.setRgb(0, 0xff0000);
  strip.setRgb(1, 0x00ff00);
  strip.set(2, 1, 2, 3);
  log.info("show " + strip.show().toString());
}
`;

describe("addressable LEDs (RMT, WS2812)", () => {
  it("shows the firmware's colours on a strip, LED by LED in G R B order, after the frame's time", async () => {
    const board = Board.load("esp32-devkitc");
    const strip = board.attachLeds(4, new Ws2812Strip(3));
    await board.flash(await compileSnippet("led-strip", STRIP));
    await board.advance("10ms");
    assert.deepEqual(strip.colours, [0xff0000, 0x00ff00, 0x010203]);
    assert.ok(board.logs.some((l) => l.text === "show 0"));
    const [frame] = board.trace.leds(4);
    assert.ok(frame !== undefined);
    assert.equal(board.rmt.channelOf(4), 0);
    const line = formatTrace({ kind: "leds", gpio: 4, ...frame }, true);
    assert.match(line, /pin {2}GPIO4 leds #ff0000 #00ff00 #010203$/);
  });

  it("decodes the datasheet's timing and refuses a waveform whose pulses fall outside its windows", () => {
    const ok = { startUs: 0, bytes: new Uint8Array(3), resetUs: 50 };
    const t = WS2812_TIMING;
    assert.equal(
      ws2812TimingProblem({ ...ok, zero: { highNs: 400, lowNs: 850 }, one: { highNs: 800, lowNs: 450 } }),
      null,
    );
    assert.match(
      ws2812TimingProblem({ ...ok, zero: { highNs: 1000, lowNs: 1000 }, one: { highNs: 1000, lowNs: 1000 } }) ?? "",
      /a 0 bit's high time is 1000 ns, outside T0H 400 ± 150 ns/,
    );
    assert.match(
      ws2812TimingProblem({
        ...ok,
        zero: { highNs: 400, lowNs: 850 },
        one: { highNs: 800, lowNs: 450 },
        resetUs: 20,
      }) ?? "",
      new RegExp(`under the ${t.resetUs} µs reset`),
    );
  });

  it("keeps its colours and warns, naming the profile field, when the RMT tick misses WS2812 timing", async () => {
    const base = loadBoardProfile("esp32-devkitc");
    const board = new Board({ ...base, rmt: { txChannels: 8, resolutionHz: 1_000_000 } });
    const strip = board.attachLeds(4, new Ws2812Strip(3));
    await board.flash(await compileSnippet("led-strip", STRIP));
    await board.advance("10ms");
    assert.deepEqual(strip.colours, [0, 0, 0]);
    assert.ok(
      board.logs.some((l) =>
        /WS2812 strip \(3 LEDs\) at GPIO 4: a 0 bit's high time is 1000 ns, outside T0H .*\.rmt\.resolutionHz/.test(
          l.text,
        ),
      ),
    );
  });

  it("gives ERR_NOT_FOUND when every RMT TX channel is taken, ERR_INVALID_ARG for a length not 3n", () => {
    const board = Board.load("esp32-c3-devkitm"); // two TX channels
    assert.equal(board.rmt.write(4, new Uint8Array(3)).status, STATUS.OK);
    assert.equal(board.rmt.write(5, new Uint8Array(3)).status, STATUS.OK);
    assert.equal(board.rmt.write(6, new Uint8Array(3)).status, STATUS.ERR_NOT_FOUND);
    assert.equal(board.rmt.write(4, new Uint8Array(4)).status, STATUS.ERR_INVALID_ARG);
  });

  it("puts each LED's colour in the VCD as a 24-bit vector", async () => {
    const board = Board.load("esp32-devkitc");
    board.attachLeds(4, new Ws2812Strip(3));
    await board.flash(await compileSnippet("led-strip", STRIP));
    await board.advance("10ms");
    const vcd = boardVcd(board);
    assert.match(vcd, /\$var wire 24 (\S+) gpio4_led0 \$end/);
    const id = /\$var wire 24 (\S+) gpio4_led0 \$end/.exec(vcd)?.[1] ?? "?";
    assert.ok(vcd.includes(`b111111110000000000000000 ${id}`), vcd);
  });
});
