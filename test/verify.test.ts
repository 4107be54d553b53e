// sail verify: the C runtime (core, wasm2c engine, host port) does what the
// emulator does on the same board models, record for record with their
// virtual times, for the examples on scenarios with presses, a sensor
// change, deep sleep and MIoT requests, and for firmware that traps, loops,
// exhausts its memory or restarts; and a runtime that behaves differently is
// caught, quoting both sides.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Max31855 } from "../host/parts/max31855.js";
import { Ws2812Strip } from "../host/parts/ws2812.js";
import { RicePot } from "../host/world/rice-pot.js";
import { RUNTIME_DIR } from "../host/runtime/cc.js";
import type { Step } from "../host/scenario/scenario.js";
import { describe as describeDivergence } from "../host/cli/verify.js";
import { BLINK, BUTTON_LED, FADE, FAULTS, SMART_LAMP } from "./support/firmware.js";
import { compare, faultMode, requireCRuntimeTools, type Compared } from "./support/verify.js";

const S = 1_000_000;

function agree(c: Compared): void {
  assert.equal(c.divergence, null, c.divergence === null ? "" : describeDivergence(c.divergence));
  assert.ok(c.runtime.frames > 0, "the C runtime's port was called");
}

const press = (atUs: number, holdUs: number): Step[] => [
  { atUs, press: "boot" },
  { atUs: atUs + holdUs, release: "boot" },
];

describe("sail verify: the C runtime against the emulator", function () {
  this.timeout(300_000);
  beforeEach(function () {
    requireCRuntimeTools(this);
  });

  it("blink: the LED's edges every 500 ms, at the same virtual µs", async () => {
    const c = await compare(BLINK, "esp32-devkitc", [], 3 * S);
    agree(c);
    assert.ok(c.emulator.records.filter((r) => / pin GPIO2=/.test(r)).length >= 5);
  });

  it("blink on the C3: its WS2812 on GPIO 8 (board_led, led_strip_write) turns white and dark alike", async () => {
    const c = await compare(BLINK, "esp32-c3-devkitm", [], 3 * S);
    agree(c);
    const frames = c.runtime.records.filter((r) => / leds GPIO8 /.test(r));
    assert.ok(
      frames.some((r) => r.endsWith(" 202020")) && frames.some((r) => r.endsWith(" 000000")),
      frames.join("\n"),
    );
  });

  it("color-lamp: MIoT on, the strip's frames, a weaker signal, a Wi-Fi drop and the time of day", async () => {
    const steps: Step[] = [
      { atUs: 0, date: "2026-03-01T21:59:00Z" },
      { atUs: 1 * S, miot: { set: [2, 1, true] } },
      { atUs: 4 * S, wifi: { rssi: -80 } },
      { atUs: 4_500_000, wifi: "drop" },
      { atUs: 5 * S, wifi: "restore" },
    ];
    const c = await compare("examples/color-lamp", "esp32-devkitc", steps, 8 * S, {}, (b) => {
      b.attachLeds(4, new Ws2812Strip(8));
    });
    agree(c);
    assert.ok(
      c.runtime.records.some((r) => / leds GPIO4 (?!000000)/.test(r)),
      "the strip lit",
    );
  });

  it("button-led: two presses of BOOT toggle the LED twice", async () => {
    const c = await compare(BUTTON_LED, "esp32-devkitc", [...press(1 * S, 200_000), ...press(2 * S, 200_000)], 3 * S);
    agree(c);
    assert.ok(c.emulator.events >= 2, "the presses reached the firmware");
    assert.equal(c.runtime.records.filter((r) => / pin GPIO2=/.test(r)).length, 2);
  });

  it("fade: 250 PWM duty steps", async () => {
    const c = await compare(FADE, "esp32-c3-devkitm", [], 5 * S);
    agree(c);
    assert.ok(c.runtime.records.filter((r) => / pwm GPIO2 /.test(r)).length > 200);
  });

  it("motion-sensor: the PIR goes high and low (a sensor change)", async () => {
    const steps: Step[] = [
      { atUs: 1 * S, drive: { gpio: 4, level: 1 } },
      { atUs: 3 * S, drive: { gpio: 4, level: 0 } },
    ];
    const c = await compare("examples/motion-sensor", "esp32-devkitc", steps, 5 * S);
    agree(c);
    assert.ok(c.runtime.events >= 2);
  });

  it("door-sensor: the reed opens and closes through deep sleep (DEEPSLEEP resets)", async () => {
    const steps: Step[] = [
      { atUs: 3 * S, drive: { gpio: 4, level: 1 } },
      { atUs: 6 * S, drive: { gpio: 4, level: 0 } },
    ];
    const c = await compare("examples/door-sensor", "esp32-devkitc", steps, 8 * S, {}, (b) => b.pin(4).drive(0));
    agree(c);
    const text = c.runtime.records.join("\n");
    assert.match(text, / log I board "deep sleep until /);
    assert.match(text, / log I board "boot: reset reason DEEPSLEEP; door-sensor /);
  });

  it("smart-lamp: MIoT set and get over the board's miIO session, and the wall button", async () => {
    const steps: Step[] = [
      { atUs: 1 * S, miot: { set: [2, 1, true] } },
      { atUs: 2 * S, miot: { set: [2, 2, 40] } },
      { atUs: 3 * S, miot: { get: [2, 2] } },
      { atUs: 4 * S, drive: { gpio: 4, level: 0 } },
      { atUs: 4_100_000, float: 4 },
    ];
    const c = await compare(SMART_LAMP, "esp32-devkitc", steps, 5 * S);
    agree(c);
    assert.ok(
      c.runtime.records.some((r) => / pwm GPIO25 /.test(r)),
      "the warm channel changed",
    );
  });

  it("rice-cooker: a start action, the MAX31855 read over SPI every second and the heater relay, alike", async () => {
    const steps: Step[] = [{ atUs: 2 * S, miot: { action: [2, 1, []] } }];
    const c = await compare("examples/rice-cooker", "esp32-devkitc", steps, 30 * S, {}, (b) => {
      const pot = new RicePot();
      b.attachSpi(0, 5, new Max31855({ environment: () => ({ hotC: pot.at(b.now), coldC: 25 }) }));
      pot.attach(b, 23);
    });
    agree(c);
    assert.ok(
      c.runtime.records.some((r) => / pin GPIO23=1/.test(r)),
      "the heater relay closed",
    );
  });

  for (const [example, board] of [
    ["examples/thermostat", "esp32-devkitc"],
    ["examples/air-purifier", "esp32-devkitc"],
  ] as const) {
    it(`${example.split("/")[1] ?? example}: boots and runs 5 s alike`, async () => {
      agree(await compare(example, board, [], 5 * S));
    });
  }

  for (const [mode, what, expected] of [
    [1, "an unreachable trap", / reset PANIC trap unreachable during TIMER /],
    [3, "an out-of-bounds load", / reset PANIC trap out-of-bounds during TIMER /],
    [4, "a division by zero", / reset PANIC trap divide-by-zero during TIMER /],
    [13, "an endless loop (the task watchdog)", / reset TASK_WDT "task watchdog: TIMER 0 ran /],
    [7, "memory exhausted", / reset PANIC trap unreachable during TIMER /],
    [2, "an abort", / reset PANIC "abort: sensor missing at /],
    [11, "a restart", / reset SW "restart\(\) called" /],
  ] as const) {
    it(`faults: ${what} resets both with the same reason, at the same time`, async () => {
      const c = await compare(FAULTS, "esp32-devkitc", [], 1 * S, {}, faultMode(mode));
      agree(c);
      assert.match(c.runtime.records.join("\n"), expected);
    });
  }

  it("a C runtime that writes GPIO levels inverted is caught at the first pin change, both sides quoted", async () => {
    const altered = mkdtempSync(join(tmpdir(), "sail-altered-runtime-"));
    cpSync(RUNTIME_DIR, altered, { recursive: true });
    const io = join(altered, "core/sail_imports_io.c");
    const source = readFileSync(io, "utf8");
    const changed = source.replace("sail_port_gpio_set_level(pin, level)", "sail_port_gpio_set_level(pin, !level)");
    assert.notEqual(changed, source);
    writeFileSync(io, changed);
    const c = await compare(BLINK, "esp32-devkitc", [], 2 * S, { runtimeDir: altered });
    assert.ok(c.divergence !== null, "verify must fail");
    assert.equal(c.divergence.emulator, "500040 pin GPIO2=1");
    const text = describeDivergence(c.divergence);
    assert.match(text, /emulator: {2}500040 pin GPIO2=1/);
    assert.match(text, /C runtime: .* pin GPIO2=/);
  });
});
