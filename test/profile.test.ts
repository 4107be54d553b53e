// Board profiles are validated when loaded; an error names the file, the
// field and what is allowed.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProfileError } from "../host/errors.js";
import { BOARDS_DIR, listBoardIds, loadBoardProfile } from "../host/boards/profile.js";
import { defined } from "../host/defined.js";

const dir = mkdtempSync(join(tmpdir(), "sail-profiles-"));
const base = JSON.parse(readFileSync(join(BOARDS_DIR, "esp32-devkitc.json"), "utf8")) as Record<string, unknown>;

function partitions(p: Record<string, unknown>): Record<string, unknown>[] {
  return (p["flash"] as Record<string, unknown>)["partitions"] as Record<string, unknown>[];
}

function refused(edit: (p: Record<string, unknown>) => void): ProfileError {
  const p = structuredClone(base);
  edit(p);
  const file = join(dir, "broken.json");
  writeFileSync(file, JSON.stringify(p));
  try {
    loadBoardProfile(file);
  } catch (e) {
    assert.ok(e instanceof ProfileError, String(e));
    assert.ok(e.message.startsWith(`${file}: `), e.message);
    return e;
  }
  assert.fail("the profile was accepted");
}

describe("board profiles", () => {
  it("ships esp32-devkitc and esp32-c3-devkitm, both valid", () => {
    assert.deepEqual(listBoardIds(), ["esp32-c3-devkitm", "esp32-devkitc"]);
    for (const id of listBoardIds()) assert.equal(loadBoardProfile(id).id, id);
  });

  it("esp32-devkitc has what the board has", () => {
    const p = loadBoardProfile("esp32-devkitc");
    assert.equal(p.chip.cpuMhz, 240);
    assert.equal(p.chip.arch, "xtensa-lx6");
    for (const g of [34, 35, 36, 39]) assert.equal(p.pins.get(g)?.io, "input");
    for (const g of [6, 7, 8, 9, 10, 11]) assert.equal(p.pins.get(g)?.reserved, "SPI flash");
    assert.deepEqual(
      [...p.pins.values()].filter((x) => x.strap !== null).map((x) => x.gpio),
      [0, 2, 5, 12, 15],
    );
    assert.deepEqual(
      [...p.pins.values()].filter((x) => x.adc?.unit === 1).map((x) => x.gpio),
      [32, 33, 34, 35, 36, 39],
    );
    assert.equal(p.ledc.channels, 16);
    assert.deepEqual(p.led, { gpio: 2, kind: "gpio", activeHigh: true });
    assert.deepEqual(p.buttons, [{ name: "boot", gpio: 0, activeLow: true }]);
    assert.equal(p.interpreter.engine, "wasm3");
    assert.ok(p.interpreter.features.includes("memory-copy-fill") && !p.interpreter.features.includes("simd"));
  });

  it("esp32-c3-devkitm is a 160 MHz RISC-V with GPIO 0-21", () => {
    const p = loadBoardProfile("esp32-c3-devkitm");
    assert.equal(p.chip.cpuMhz, 160);
    assert.deepEqual(
      [...p.pins.keys()],
      Array.from({ length: 22 }, (_, i) => i),
    );
    assert.equal(p.ledc.channels, 6);
    assert.equal(p.led?.kind, "ws2812", "its on-board LED is one WS2812 on GPIO 8");
    assert.equal(p.led.gpio, 8);
  });

  it("an unknown board id lists the known ones", () => {
    assert.throws(
      () => loadBoardProfile("esp8266"),
      /esp8266\.json: \(file\): no such board profile; known boards: esp32-c3-devkitm, esp32-devkitc/,
    );
  });

  it("invalid JSON is refused naming the file", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, "{ nope");
    assert.throws(() => loadBoardProfile(file), /bad\.json: \(file\): is not valid JSON/);
  });

  const cases: [string, (p: Record<string, unknown>) => void, RegExp][] = [
    [
      "a missing chip clock",
      (p) => {
        delete (p["chip"] as Record<string, unknown>)["cpuMhz"];
      },
      /\.chip\.cpuMhz: must be an integer from 1 to 1000, got undefined/,
    ],
    [
      "a pin io that is not inout/input",
      (p) => {
        ((p["pins"] as Record<string, unknown>[])[0] as Record<string, unknown>)["io"] = "output";
      },
      /\.pins\[0\]\.io: must be "inout" or "input", got "output"/,
    ],
    [
      "a pin listed twice",
      (p) => {
        (p["pins"] as unknown[]).push({ gpio: 2, io: "inout", pulls: true });
      },
      /\.pins\[\d+\]\.gpio: GPIO 2 is listed twice/,
    ],
    [
      "an unknown wasm feature",
      (p) => {
        ((p["interpreter"] as Record<string, unknown>)["features"] as string[]).push("simd128");
      },
      /\.interpreter\.features\[5\]: "simd128" is not a wasm feature Sail knows; allowed: mutable-globals, /,
    ],
    [
      "a partition past the end of flash",
      (p) => {
        defined(partitions(p)[4], "partition 4")["offset"] = 0x300000;
      },
      /\.flash\.partitions\[4\]: ends at 0x440000, past the 4194304-byte flash/,
    ],
    [
      "overlapping partitions",
      (p) => {
        defined(partitions(p)[1], "partition 1")["offset"] = 0xa000;
      },
      /\.flash\.partitions: nvs and otadata overlap/,
    ],
    [
      "a missing app slot",
      (p) => {
        partitions(p).splice(4, 1);
      },
      /\.flash\.partitions: needs exactly one app\/ota_1 partition \(the runtime's second app slot\), found 0/,
    ],
    [
      "an app slot off the 64 KiB grid",
      (p) => {
        defined(partitions(p)[3], "partition 3")["offset"] = 0x11000;
      },
      /\.flash\.partitions\[3\]\.offset: 0x11000 must be a multiple of 0x10000 for app partitions/,
    ],
    [
      "a deep-sleep wake pin the board lacks",
      (p) => {
        ((p["sleep"] as Record<string, unknown>)["wakePins"] as number[]).push(37);
      },
      /\.sleep\.wakePins\[16\]: 37 is not a GPIO in \.pins/,
    ],
    [
      "a negative current",
      (p) => {
        (p["power"] as Record<string, unknown>)["deepSleepMa"] = -1;
      },
      /\.power\.deepSleepMa: must be a number from 0 to 2000, got -1/,
    ],
    [
      "an LED on a pin the board lacks",
      (p) => {
        p["led"] = { gpio: 20, activeHigh: true };
      },
      /\.led\.gpio: GPIO 20 is not in \.pins/,
    ],
    [
      "a RAM budget above the chip's SRAM",
      (p) => {
        (p["app"] as Record<string, unknown>)["ramBytes"] = 1 << 20;
      },
      /\.app\.ramBytes: must be an integer from 1024 to 532480/,
    ],
    [
      "three ADC ranges instead of four",
      (p) => {
        ((p["adc"] as Record<string, unknown>)["rangeMv"] as unknown[]).pop();
      },
      /\.adc\.rangeMv: must give 4 ranges/,
    ],
    [
      "a watchdog timeout of zero",
      (p) => {
        (p["watchdog"] as Record<string, unknown>)["timeoutMs"] = 0;
      },
      /\.watchdog\.timeoutMs: must be an integer from 1 to 60000, got 0/,
    ],
    [
      "an id with capitals",
      (p) => {
        p["id"] = "ESP32";
      },
      /\.id: "ESP32" must be lower-case letters, digits and dashes/,
    ],
  ];
  for (const [what, edit, message] of cases) {
    it(`refuses ${what}, naming the field`, () => {
      assert.match(refused(edit).message, message);
    });
  }
});
