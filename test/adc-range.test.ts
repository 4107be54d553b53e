// Readings outside the ADC's usable range (docs/adc.md): past the top a reading is clipped
// at raw 4095 and the board warns that the pin saturated; under the bottom it warns that
// readings are not accurate there. Once per pin for the life of the board, resets included.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Board } from "../host/board/board.js";
import { ROOT } from "./support/firmware.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const READ_THREE_TIMES = `${ENTRY}import { Adc, Atten, log } from "../../assembly/sail";
export function sail_setup(): void {
  const high = new Adc(34, Atten.DB_12);
  const low = new Adc(35, Atten.DB_12);
  for (let i = 0; i < 3; i++) log.info("raw " + high.raw().toString() + " " + low.raw().toString());
}
`;

describe("ADC readings outside the usable range", () => {
  let board: Board;
  before(async () => {
    board = Board.load("esp32-devkitc");
    board.pin(34).setVoltage(3000); // past 2450 mV, the top at 12 dB on the ESP32
    board.pin(35).setVoltage(100); // under 150 mV, its bottom
    await board.flash(await compileSnippet("adc-range", READ_THREE_TIMES, ["--runtime", "minimal"]));
  });

  const warnings = (gpio: number): string[] =>
    board.logs.filter((l) => l.level === "W" && l.text.includes(`GPIO ${gpio}`)).map((l) => l.text);

  it("a voltage past the top reads raw 4095 and warns once that it saturated, naming the range and the fix", () => {
    const reads = board.logs.filter((l) => l.source === "app" && l.text.startsWith("raw "));
    assert.equal(reads.length, 3);
    for (const r of reads) assert.equal(r.text.split(" ")[1], "4095");
    const w = warnings(34);
    assert.equal(w.length, 1, `one warning for three readings: ${w.join(" | ")}`);
    assert.match(w[0] ?? "", /GPIO 34 saturated: 3000 mV is past the 2450 mV top of the 12 dB range \(150–2450 mV\)/);
    assert.match(w[0] ?? "", /higher attenuation or a divider/);
  });

  it("a voltage under the bottom warns once that readings are not accurate there", () => {
    const w = warnings(35);
    assert.equal(w.length, 1);
    assert.match(w[0] ?? "", /GPIO 35: 100 mV is under the 150 mV bottom of the 12 dB range/);
  });

  it("a power cycle does not warn again: once per pin per run", async () => {
    board.powerCut();
    board.powerOn();
    await board.advance("100 ms");
    assert.equal(board.logs.filter((l) => l.source === "app" && l.text.startsWith("raw ")).length, 6);
    assert.equal(warnings(34).length, 1);
    assert.equal(warnings(35).length, 1);
  });
});

describe("the ADC guide's example", () => {
  it("docs/adc.md's knob firmware logs 1225 mV (raw 2048) every 500 ms for 1225 mV on GPIO 34", async () => {
    const guide = readFileSync(join(ROOT, "docs/adc.md"), "utf8");
    const example = /```ts\n([\s\S]*?)```/.exec(guide)?.[1];
    assert.ok(example !== undefined, "docs/adc.md has a ```ts example");
    const board = Board.load("esp32-devkitc");
    board.pin(34).setVoltage(1225);
    await board.flash(await compileSnippet("adc-guide", example, ["--runtime", "minimal"]));
    await board.advance("1 s");
    const lines = board.logs.filter((l) => l.source === "app").map((l) => l.text);
    assert.deepEqual(lines, ["knob 1225 mV (raw 2048)", "knob 1225 mV (raw 2048)"]);
    assert.equal(board.logs.filter((l) => l.level === "W").length, 0, "in range: no warning");
  });
});
