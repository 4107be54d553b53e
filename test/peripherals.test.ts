// Peripherals as firmware sees them through the ABI, and as tests drive them.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { FirmwareFault } from "../host/firmware/faults.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import type { Level } from "../host/trace/pin-trace.js";
import { Changes } from "../host/trace/changes.js";
import { PinMux } from "../host/peripherals/pin-mux.js";
import { GPIO_MODE, GPIO_PULL, Gpio } from "../host/peripherals/gpio.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const IO_CHECK = `${ENTRY}import { Adc, Atten, Pin, Pull, log, time, delayMs } from "../../assembly/sail";
import { adc_read_raw, pwm_set_duty, pwm_setup } from "../../assembly/sail/bindings";
function say(what: string, n: i64): void { log.info(what + " " + n.toString()); }
export function sail_setup(): void {
  const adc = new Adc(34, Atten.DB_12);
  say("adc.raw", adc.raw());
  say("adc.mv", adc.millivolts());
  say("adc.unset", adc_read_raw(35));
  say("pwm 40MHz/1bit", pwm_setup(4, 40_000_000, 1));
  say("pwm 20MHz/3bit", pwm_setup(5, 20_000_000, 3));
  const ch = pwm_setup(18, 5000, 13);
  say("pwm 5kHz/13bit", ch);
  say("pwm 5kHz/14bit", pwm_setup(19, 5000, 14));
  say("duty 8192", pwm_set_duty(ch, 8192));
  say("duty 8193", pwm_set_duty(ch, 8193));
  say("pull-up", new Pin(13).input(Pull.UP).read() ? 1 : 0);
  say("pull-down", new Pin(14).input(Pull.DOWN).read() ? 1 : 0);
  const t0 = time.us();
  delayMs(10);
  say("delay", time.us() - t0);
}
`;

describe("peripherals", () => {
  describe("through the ABI", () => {
    let logs: Map<string, number>;
    let board: Board;
    before(async () => {
      board = Board.load("esp32-devkitc");
      board.pin(34).setVoltage(1225);
      await board.flash(await compileSnippet("io-check", IO_CHECK, ["--runtime", "minimal"]));
      logs = new Map(
        board.logs
          .filter((l) => l.source === "app")
          .map((l) => {
            const i = l.text.lastIndexOf(" ");
            return [l.text.slice(0, i), Number(l.text.slice(i + 1))];
          }),
      );
    });

    it("ADC: 1225 mV at 12 dB reads raw 2048 of 4095 and 1225 mV", () => {
      assert.equal(logs.get("adc.raw"), 2048);
      assert.equal(logs.get("adc.mv"), 1225);
      assert.equal(logs.get("adc.unset"), -0x103, "ERR_INVALID_STATE before adc_setup");
    });

    it("PWM: freq x 2^bits must fit the 80 MHz LEDC clock", () => {
      assert.equal(logs.get("pwm 40MHz/1bit"), 0);
      assert.equal(logs.get("pwm 20MHz/3bit"), -0x102);
      assert.equal(logs.get("pwm 5kHz/13bit"), 1);
      assert.equal(logs.get("pwm 5kHz/14bit"), -0x102);
      assert.equal(logs.get("duty 8192"), 0);
      assert.equal(logs.get("duty 8193"), -0x102);
      assert.equal(board.pin(18).pwm?.dutyFraction, 1);
    });

    it("GPIO: internal pulls set the level of an undriven input", () => {
      assert.equal(logs.get("pull-up"), 1);
      assert.equal(logs.get("pull-down"), 0);
    });

    it("delay_us blocks the firmware for that much virtual time", () => {
      const d = logs.get("delay") ?? 0;
      assert.ok(d >= 10_000 && d < 10_100, `delay took ${d} µs`);
    });

    it("the firmware's own work costs device time by the board's cost model", () => {
      const { cyclesPerInstruction, cyclesPerCall, cyclesPerHostCall } = board.profile.interpreter.cost;
      const { totalInstructions, totalCalls, totalHostCalls } = board.cpu;
      const cycles =
        totalInstructions * cyclesPerInstruction + totalCalls * cyclesPerCall + totalHostCalls * cyclesPerHostCall;
      const workUs = cycles / board.profile.chip.cpuMhz;
      assert.ok(board.cpu.totalInstructions > 100);
      // setup ran once (plus start): its delay, its work, rounded up to a whole µs per handler
      assert.ok(Math.abs(board.clock.now - (10_000 + workUs)) <= 2, `${board.clock.now} µs vs ${10_000 + workUs}`);
    });
  });

  describe("GPIO pads", () => {
    const profile = loadBoardProfile("esp32-devkitc");
    function pads(): { gpio: Gpio; edges: [number, Level][]; warnings: string[] } {
      const edges: [number, Level][] = [];
      const warnings: string[] = [];
      const gpio = new Gpio(profile.pins, {
        mux: new PinMux(profile.pins),
        changes: new Changes(),
        now: () => 0,
        edge: (g, l) => edges.push([g, l]),
        warn: (m) => warnings.push(m),
      });
      return { gpio, edges, warnings };
    }

    it("start as floating inputs that follow an external drive", () => {
      const { gpio } = pads();
      assert.equal(gpio.level(4), 0);
      gpio.drive(4, 1);
      assert.equal(gpio.read(4), 1);
      gpio.drive(4, null);
      assert.equal(gpio.read(4), 1, "a floating input holds its last level");
    });

    it("open-drain drives low and lets a pull-up take it high", () => {
      const { gpio } = pads();
      gpio.mode(21, GPIO_MODE.OUTPUT_OD, GPIO_PULL.UP);
      gpio.write(21, 1);
      assert.equal(gpio.level(21), 1);
      gpio.write(21, 0);
      assert.equal(gpio.level(21), 0);
      gpio.write(21, 1);
      gpio.drive(21, 0);
      assert.equal(gpio.level(21), 0, "another open-drain device pulls the line low");
    });

    it("reports edges only on a watched pin, and only on changes", () => {
      const { gpio, edges } = pads();
      gpio.mode(4, GPIO_MODE.INPUT, GPIO_PULL.NONE);
      gpio.watch(4, 1, 7);
      gpio.drive(4, 1);
      gpio.drive(4, 1);
      gpio.drive(4, 0);
      assert.deepEqual(edges, [[4, 1]]);
    });

    it("warns about contention when the chip and the outside drive different levels", () => {
      const { gpio, warnings } = pads();
      gpio.mode(4, GPIO_MODE.OUTPUT, GPIO_PULL.NONE);
      gpio.write(4, 1);
      gpio.drive(4, 0);
      assert.match(warnings[0] ?? "", /GPIO 4: contention, the chip drives 1 while something outside drives 0/);
    });

    it("a board resistor beats the internal pull (BOOT's 10 kΩ pull-up against a 45 kΩ pull-down)", () => {
      const { gpio } = pads();
      gpio.setBoardPull(0, 1);
      gpio.mode(0, GPIO_MODE.INPUT, GPIO_PULL.DOWN);
      assert.equal(gpio.level(0), 1);
    });

    it("a pull on an input-only pin, output there, or a flash pin is a firmware fault", () => {
      const { gpio } = pads();
      assert.throws(
        () => gpio.mode(35, GPIO_MODE.INPUT, GPIO_PULL.UP),
        (e: unknown) => e instanceof FirmwareFault && /GPIO 35 has no internal pull-up or pull-down/.test(e.message),
      );
      assert.throws(
        () => gpio.mode(36, GPIO_MODE.OUTPUT, GPIO_PULL.NONE),
        /gpio_mode: GPIO 36 is input-only and cannot be an output \(pins that can: 0, 1, 2/,
      );
      assert.throws(() => gpio.write(7, 1), /gpio_write: GPIO 7 is reserved for SPI flash/);
    });
  });

  it("a PWM channel stopped by a reset shows in the trace as duty 0", async () => {
    const board = Board.load("esp32-devkitc");
    await board.flash(
      await compileSnippet(
        "pwm-restart",
        `${ENTRY}import { Pwm, Timer, system } from "../../assembly/sail";\nexport function sail_setup(): void { ` +
          `new Pwm(2).fraction(0.5); Timer.after(100, restart); }\nfunction restart(): void { system.restart(); }\n`,
      ),
    );
    await board.advance("150ms");
    assert.deepEqual(
      board.trace.pwm(2).map((e) => [e.dutyFraction, e.freqHz]),
      [
        [0, 5000],
        [0.5, 5000],
        [0, 0],
      ],
    );
  });

  it("an edge caused inside a handler is reported with the time it happened", async () => {
    const board = Board.load("esp32-devkitc");
    await board.flash(
      await compileSnippet(
        "edge-time",
        `${ENTRY}import { Edge, Pin, log, time, delayUs } from "../../assembly/sail";\nconst p = new ` +
          `Pin(4);\nexport function sail_setup(): void { p.output(false); p.onEdge(Edge.RISING, seen); p.high(); ` +
          `const t = time.us(); log.info("wrote " + t.toString()); delayUs(1000); }\nfunction seen(level: bool, ` +
          `t: i64): void { log.info("edge " + t.toString() + " at " + time.us().toString()); }\n`,
        ["--runtime", "minimal"],
      ),
    );
    await board.advance("10ms");
    const text = board.logs.filter((l) => l.source === "app").map((l) => l.text);
    const wrote = Number(text[0]?.split(" ")[1]);
    const [, edgeAt, , handledAt] = (text[1] ?? "").split(" ").map(Number);
    assert.ok(wrote - (edgeAt ?? 0) >= 0 && wrote - (edgeAt ?? 0) < 20, `edge at ${edgeAt}, written by ${wrote}`);
    assert.ok((handledAt ?? 0) >= wrote + 1000, "delivered after the handler's delay");
  });

  it("a BOOT button held through reset warns that GPIO 0 is a strapping pin", async () => {
    const board = Board.load("esp32-devkitc");
    board.button("boot").press();
    await board.flash(await compileSnippet("empty", `${ENTRY}export function sail_setup(): void {}\n`));
    assert.ok(
      board.logs.some(
        (l) => l.level === "W" && /GPIO 0 is held at 0 while the board resets; it is a strapping pin/.test(l.text),
      ),
    );
  });
});
