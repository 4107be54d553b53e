// The partner test API (sail-sdk/test) against the examples: every function,
// its failure messages, and the rule that "not implemented" fails a test.

import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import Mocha from "mocha";
import {
  flash,
  MiotCodeError,
  notImplementedHook,
  NotImplementedError,
  SailError,
  TimeoutError,
  type TestBoard,
} from "../host/testing/index.js";
import { ENV_IMAGE, ENV_PROJECT } from "../host/testing/flash.js";
import { junitXml } from "../host/testing/junit-xml.js";
import { BLINK, BUTTON_LED, FAULTS, firmware, ROOT, SMART_LAMP } from "./support/firmware.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const TOKEN = "00112233445566778899aabbccddeeff";

async function rejectsWith(p: Promise<unknown>, check: (e: Error) => void): Promise<void> {
  let caught: unknown = null;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, "expected a rejection");
  check(caught);
}

describe("test API: flash and virtual time", () => {
  it("flashes a project folder (built once), a .wasm path or image bytes", async () => {
    const fromDir = await flash(join(ROOT, BLINK));
    assert.equal(fromDir.image.manifest?.name, "blink");
    const file = join(ROOT, "build", "test-api-blink.wasm");
    await writeFile(file, await firmware(BLINK));
    const fromFile = await flash(file, { board: "esp32-c3-devkitm" });
    assert.equal(fromFile.profile.id, "esp32-c3-devkitm");
    assert.equal(fromFile.image.file, file);
    const fromBytes = await flash(await firmware(BUTTON_LED));
    assert.equal(fromBytes.image.manifest?.name, "button-led");
    assert.equal(fromBytes.state, "running");
    assert.equal(fromBytes.resetReason, "POWERON");
  });

  it("under sail test, flash(project) takes the image sail test built instead of building again", async () => {
    const saved = { project: process.env[ENV_PROJECT], image: process.env[ENV_IMAGE] };
    const blinkImage = join(ROOT, "build", "test-api-blink-env.wasm");
    await writeFile(blinkImage, await firmware(BLINK));
    process.env[ENV_PROJECT] = join(ROOT, BUTTON_LED);
    process.env[ENV_IMAGE] = blinkImage;
    try {
      const board = await flash(join(ROOT, BUTTON_LED));
      assert.equal(board.image.manifest?.name, "blink", "the image named by sail test, not a new build of the folder");
    } finally {
      for (const [k, v] of [
        [ENV_PROJECT, saved.project],
        [ENV_IMAGE, saved.image],
      ] as const) {
        if (v === undefined) Reflect.deleteProperty(process.env, k);
        else process.env[k] = v;
      }
    }
  });

  it("refuses what it cannot flash, saying what it accepts", async () => {
    await rejectsWith(flash(join(ROOT, "build", "no-such-image.wasm")), (e) => {
      assert.ok(e instanceof SailError);
      assert.match(
        e.message,
        new RegExp(
          String.raw`nothing at .*no-such-image\.wasm; give a \.wasm image, a project folder \(with ` +
            String.raw`sail\.json\) or the ` +
            String.raw`image's bytes`,
        ),
      );
    });
  });

  it("refuses a test's own mistakes instead of reading them as something else: seeds, levels, bounce", async () => {
    const blink = await firmware(BLINK);
    for (const seed of [Number.NaN, -1, 1.5, 2 ** 32]) {
      await rejectsWith(flash(blink, { seed }), (e) =>
        assert.match(e.message, /^seed .*: give a whole number from 0 to 4294967295/),
      );
    }
    const board = await flash(blink);
    const bad = 5 as unknown as 0;
    assert.throws(
      () => board.pin(4).drive(bad),
      /^SailError: pin\(4\)\.drive: 5 is not a level; give 0, 1, true or false$/,
    );
    assert.throws(() => board.expectPin(2).toBe(bad), /expectPin\(2\)\.toBe: 5 is not a level/);
    await rejectsWith(board.expectPin(2).toBecome("1" as unknown as 1, "1s"), (e) =>
      assert.match(e.message, /expectPin\(2\)\.toBecome: "1" is not a level/),
    );
    await rejectsWith(board.button("boot").click({ bounceUs: -5 }), (e) =>
      assert.match(e.message, /button on GPIO 0: bounceUs -5 must be a whole number of microseconds, 0 or more/),
    );
  });

  it("advance runs virtual time; now reads it", async () => {
    const board = await flash(await firmware(BLINK));
    const start = board.now;
    await board.advance("1.2s");
    assert.equal(board.now, start + 1_200_000);
    assert.deepEqual(
      board
        .pin(2)
        .edges()
        .map((e) => e.level),
      [1, 0],
    );
    await board.advance(200_000);
    assert.equal(board.now, start + 1_400_000);
    assert.equal(board.pin(2).edges().length, 2);
  });

  it("runUntil stops as soon as the condition holds", async () => {
    const board = await flash(await firmware(BLINK));
    await board.runUntil(() => board.pin(2).high, "2s", "the LED lights");
    assert.equal(board.pin(2).edges("rising")[0]?.timeUs, 500_040);
    assert.ok(board.now - 500_040 < 10, `stopped at ${board.now} µs, right after the edge`);
  });

  it("a runUntil that times out names what it waited for, when, and the last log lines", async () => {
    const board = await flash(await firmware(BUTTON_LED));
    await board.advance("10ms");
    const from = board.now;
    await rejectsWith(
      board.runUntil(() => board.led === true, "1s", "the LED to light without a press"),
      (e) => {
        assert.ok(e instanceof TimeoutError);
        assert.match(
          e.message,
          new RegExp(
            String.raw`^runUntil: the LED to light without a press did not happen within 1 s of virtual time ` +
              String.raw`\(0\.010\d{3} s to 1\.010\d{3} s\)`,
          ),
        );
        assert.match(e.message, /board: esp32-devkitc, running, virtual time 1\.010\d{3} s/);
        assert.match(
          e.message,
          new RegExp(
            String.raw`last 2 log lines:\n.*I board boot: reset reason POWERON; button-led 1\.0\.0 on ` +
              String.raw`esp32-devkitc\n.*I app {3}button-led: press BOOT`,
          ),
        );
      },
    );
    assert.equal(board.now, from + 1_000_000, "time ran to the deadline");
  });

  it("settle runs the clock until a promise settles, and times out on one that never does", async () => {
    const board = await flash(await firmware(BLINK));
    const start = board.now;
    const at = await board.settle(
      new Promise<number>((resolve) => board.board.clock.after(300_000, () => resolve(board.now))),
    );
    assert.equal(at, start + 300_000);
    await rejectsWith(board.settle(new Promise<never>(() => {}), "2s", "a reply that never comes"), (e) => {
      assert.ok(e instanceof TimeoutError);
      assert.match(
        e.message,
        /^a reply that never comes did not settle within 2 s of virtual time \(to 2\.3000\d\d s\)/,
      );
    });
  });
});

describe("test API: logs, trace, VCD, resets", () => {
  it("logs, logsMatching and waitForLog, which searches on from its last match", async () => {
    const board = await flash(await firmware(BUTTON_LED));
    assert.equal(board.logs[0]?.text, "boot: reset reason POWERON; button-led 1.0.0 on esp32-devkitc");
    const boot = await board.waitForLog(/press BOOT/);
    assert.equal(boot.source, "app");
    await board.button("boot").click();
    await board.button("boot").click();
    assert.deepEqual(
      board.logsMatching("LED o").map((l) => l.text),
      ["LED on", "LED off"],
    );
    assert.equal((await board.waitForLog("LED")).text, "LED on");
    assert.equal((await board.waitForLog("LED")).text, "LED off");
    await rejectsWith(board.waitForLog("LED", "500ms"), (e) => {
      assert.ok(e instanceof TimeoutError);
      assert.match(e.message, /a log line matching "LED" did not happen within 500 ms/);
      assert.match(e.message, /I app {3}LED off/);
    });
  });

  it("trace, vcd and writeVcd show the pin activity", async () => {
    const board = await flash(await firmware(BLINK));
    await board.advance("1.2s");
    assert.deepEqual(
      board.trace.filter((e) => e.gpio === 2).map((e) => (e.kind === "level" ? e.level : -1)),
      [1, 0],
      "set low at boot (no change), then two toggles",
    );
    const vcd = board.vcd();
    const id = /^\$var wire 1 (\S+) gpio2 \$end$/m.exec(vcd)?.[1];
    assert.ok(id !== undefined, vcd);
    assert.ok(vcd.includes(`\n#500040\n1${id}\n#1000040\n0${id}\n`), vcd);
    assert.ok(vcd.endsWith(`\n#${board.now}\n`), "the dump ends at the board's virtual time");
    const file = join(ROOT, "build", "test-api-blink.vcd");
    await board.writeVcd(file);
    assert.equal(await readFile(file, "utf8"), vcd);
  });

  it("resets, resetReason, waitForReset and powerOn", async () => {
    const board = await flash(await firmware(FAULTS));
    assert.deepEqual(
      board.resets.map((r) => r.reason),
      ["POWERON"],
      "the power-on counts",
    );
    board.pin(27).drive(1); // mode 4: divide by zero 100 ms after boot
    await board.powerOn();
    const reset = await board.waitForReset("1s");
    const boots = board.logsMatching("boot: reset reason POWERON");
    const bootAt = boots[boots.length - 1]?.timeUs ?? -1;
    assert.ok(
      bootAt > 0 && reset.timeUs - bootAt >= 100_000,
      `reset at ${reset.timeUs} µs, 100 ms after the power-on at ${bootAt} µs`,
    );
    assert.equal(reset.reason, "PANIC");
    assert.match(reset.message, /divide by zero/);
    assert.deepEqual(
      board.resets.map((r) => r.reason),
      ["POWERON", "POWERON", "PANIC"],
    );
    await board.runUntil(() => board.state === "running", "1s", "the reboot");
    assert.equal(board.resetReason, "PANIC");
    await rejectsWith(board.waitForReset("50ms"), (e) =>
      assert.match(e.message, /a reset did not happen within 50 ms/),
    );
  });

  it("beforeBoot prepares the board before the firmware's setup runs", async () => {
    const board = await flash(await firmware(FAULTS), {
      beforeBoot: (b) => {
        b.pin(25).drive(1);
        b.pin(26).drive(1);
        b.pin(32).drive(1);
      },
    });
    await board.waitForLog("faults: mode 11", "10ms"); // bits 0, 1 and 3: restart() 100 ms after boot
    assert.equal((await board.waitForReset("1s")).reason, "SW");
  });

  it("reflash boots another image on the same board", async () => {
    const board = await flash(await firmware(BUTTON_LED));
    const did = board.identity.did;
    await board.reflash(await firmware(BLINK));
    assert.equal(board.image.manifest?.name, "blink");
    assert.equal(board.identity.did, did);
    await board.expectPin(2).toggles(2, "1.1s");
  });
});

describe("test API: pins and buttons", () => {
  it("pin levels, drive, release, pulse and edges", async () => {
    const board = await flash(await firmware(BLINK));
    const pin = board.pin(0);
    assert.equal(pin.level, 1, "BOOT's pull-up on the board");
    pin.drive(0);
    assert.equal(pin.high, false);
    pin.release();
    assert.equal(pin.level, 1);
    await pin.pulse(false, "5ms");
    assert.deepEqual(
      pin.edges().map((e) => e.level),
      [1, 0, 1, 0, 1],
    );
    const rising = pin.edges("rising");
    assert.equal(rising[rising.length - 1]?.timeUs, board.now);
    assert.equal(pin.duty, null);
  });

  it("button click with seeded bounce toggles the LED once; the same seed gives the same edges", async () => {
    const edgesWith = async (seed: number): Promise<number[]> => {
      const board = await flash(await firmware(BUTTON_LED), { seed });
      const boot = board.button("boot");
      await boot.click({ bounceUs: 1500 });
      assert.equal(board.led, true);
      assert.equal(boot.pressed, false);
      return board
        .pin(0)
        .edges()
        .map((e) => e.timeUs);
    };
    const a = await edgesWith(7);
    assert.ok(a.length > 2, `bounce makes extra edges: ${a.length}`);
    assert.deepEqual(await edgesWith(7), a);
    assert.notDeepEqual(await edgesWith(8), a);
  });

  it("press and release by hand, and an external button on any GPIO", async () => {
    const board = await flash(await firmware(SMART_LAMP));
    const wall = board.button(4);
    wall.press();
    assert.equal(wall.pressed, true);
    await board.advance("100ms");
    wall.release();
    await board.advance("100ms");
    assert.ok((board.pin(25).duty ?? 0) > 0, "the lamp is lit");
    assert.throws(() => board.button("reset"), /esp32-devkitc has no button "reset" \(buttons: boot\)/);
  });

  it("PWM duty and frequency of a pin", async () => {
    const board = await flash(await firmware(SMART_LAMP));
    await board.miot().set("2.1", true);
    assert.equal(board.pin(26).freqHz, 5000);
    board.expectPin(25).toHaveDuty((0.8 * (6500 - 4000)) / (6500 - 2700), 0.001);
    assert.ok(board.pin(25).pwmChanges().length >= 2);
  });

  it("setVoltage sets what the firmware's ADC reads on a pin", async () => {
    const board = await flash(
      await compileSnippet(
        "test-api-adc",
        [
          ENTRY,
          `import { Adc, Timer, log } from "../../assembly/sail";`,
          "let adc: Adc | null = null;",
          "export function sail_setup(): void { adc = new Adc(34); Timer.every(100, read); }",
          `function read(): void { log.info("adc " + adc!.millivolts().toString() + " mV"); }`,
        ].join("\n"),
      ),
    );
    board.pin(34).setVoltage(1234);
    const line = await board.waitForLog(/^adc \d+ mV$/, "200ms");
    const mv = Number(/\d+/.exec(line.text)?.[0]);
    assert.ok(Math.abs(mv - 1234) <= 5, `the firmware read ${mv} mV`);
  });
});

describe("test API: expectPin", () => {
  it("toBe, toBeHigh, toBeLow, toggles, toStay, toBecome pass on blink", async () => {
    const board = await flash(await firmware(BLINK));
    board.expectPin(2).toBeLow();
    await board.expectPin(2).toBecome(1, "1s");
    board.expectPin(2).toBeHigh();
    board.expectPin(2).toBe(true);
    await board.expectPin(2).toStay(1, "400ms");
    await board.expectPin(2).toggles(4, "2s");
  });

  it("failures say what was expected, what happened and when", async () => {
    const board = await flash(await firmware(BLINK));
    assert.throws(
      () => board.expectPin(2).toBe(1),
      (e: Error) => {
        assert.equal(e.name, "AssertionError");
        assert.match(
          e.message,
          /^GPIO 2: expected level 1 at 0\.0000\d\d s, but it is 0\n {2}board: esp32-devkitc, running/,
        );
        const frames = (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
        assert.match(frames[0] ?? "", /test-api\.test\.js:\d+:\d+\)?$/, "the stack starts at the test's own line");
        return true;
      },
    );
    await rejectsWith(board.expectPin(2).toggles(5, "2s"), (e) => {
      assert.match(
        e.message,
        new RegExp(
          String.raw`^GPIO 2: expected 5 level changes within 2 s \(0\.0000\d\d s to 2\.0000\d\d s\), saw [34]: ↑ ` +
            String.raw`0\.500040 s, ↓ 1\.000040 s, ↑ 1\.500040 s`,
        ),
      );
    });
    await rejectsWith(board.expectPin(2).toStay(board.pin(2).level, "1s"), (e) =>
      assert.match(e.message, /to stay for 1 s from .*, but it went to [01] at/),
    );
    await rejectsWith(board.expectPin(4).toBecome(1, "100ms"), (e) =>
      assert.match(e.message, /^GPIO 4: expected to become 1 within 100 ms .*, but it stayed 0/),
    );
    assert.throws(
      () => board.expectPin(2).toHaveDuty(0.5),
      /GPIO 2: expected PWM at duty 0\.5 .*, but no PWM channel drives it/,
    );
    assert.throws(() => board.expectPin(99), /GPIO 99 does not exist on esp32-devkitc/);
  });
});

describe("test API: MIoT", () => {
  let board: TestBoard;
  beforeEach(async () => {
    board = await flash(await firmware(SMART_LAMP), {
      seed: 3,
      identity: { did: 123456, token: TOKEN },
      lan: { latencyUs: 2000 },
    });
  });

  it("info, get, set and action resolve in virtual time", async () => {
    const phone = board.miot();
    const info = await phone.info();
    assert.equal(info["model"], "sail.light.lamp1");
    assert.equal(phone.client.did, 123456);
    assert.equal(await phone.get("2.2"), 80);
    assert.equal(await phone.get(2, 1), false);
    const before = board.now;
    await phone.set("2.1", true);
    assert.ok(board.now - before >= 4000, "a round trip on a 2 ms LAN takes at least 4 ms");
    board.expectPin(26).toHaveDuty((0.8 * (4000 - 2700)) / (6500 - 2700));
    await phone.set(2, 3, 6500);
    board.expectPin(25).toHaveDuty(0);
    assert.deepEqual(await phone.action("2.1"), []);
    assert.equal(await phone.get("2.1"), false);
    assert.deepEqual(await phone.action(2, 1, []), []);
    assert.equal(await phone.get("2.1"), true);
  });

  it("a refused value rejects with the device's code", async () => {
    await rejectsWith(board.miot().set("2.2", 0), (e) => {
      assert.ok(e instanceof MiotCodeError);
      assert.equal(e.code, -4005);
      assert.match(e.message, /MIoT set 2\.2 = 0: the device answered -4005 \(VALUE_ERROR\)/);
    });
    await rejectsWith(board.miot().get("9.9"), (e) => assert.ok(e instanceof MiotCodeError && e.code === -4003));
  });

  it("subscribe collects pushes; waitForChange waits for the next change of a property", async () => {
    const phone = board.miot();
    await phone.subscribe();
    board.button(4).press();
    const change = await phone.waitForChange("2.1", "1s");
    assert.equal(change.value, true);
    assert.deepEqual(
      phone.changes().map((c) => [c.siid, c.piid, c.value]),
      [[2, 1, true]],
    );
    assert.equal(phone.pushes[0]?.method, "properties_changed");
    await phone.unsubscribe();
    await rejectsWith(phone.waitForChange("2.1", "200ms"), (e) =>
      assert.match(e.message, /a properties_changed push for 2\.1 did not happen within 200 ms/),
    );
  });

  it("waitForChange keeps a place per property: waiting for one never skips another's earlier change", async () => {
    const phone = board.miot();
    await phone.subscribe();
    await board.miot().set("2.2", 50); // another client's write: pushed as 2.2
    board.button(4).press(); // then 2.1
    assert.equal((await phone.waitForChange("2.1", "1s")).value, true);
    assert.equal((await phone.waitForChange("2.2", "1s")).value, 50, "the earlier 2.2 change is still there");
    await rejectsWith(phone.waitForChange("2.2", "200ms"), (e) => assert.ok(e instanceof TimeoutError));
  });

  it("call sends any method; close rejects what follows", async () => {
    const phone = board.miot();
    await rejectsWith(phone.call("get_prop", ["power"]), (e) => assert.match(e.message, /Method not found/));
    phone.close();
    await rejectsWith(phone.get("2.1"), (e) => assert.match(e.message, /is closed/));
  });

  it("a board whose image has no spec says how to give it one", async () => {
    const blink = await flash(await firmware(BLINK));
    assert.throws(() => blink.miot(), /carries no MIoT spec; add "spec": "spec\.json" to sail\.json and rebuild/);
  });
});

describe("test API: parts, world, not implemented", () => {
  it("a world on the board's clock: the thermostat from the testing guide warms its room", async () => {
    const { VirtualClock } = await import("../host/testing/index.js");
    const { World } = await import("../host/world/world.js");
    const { Sht3x } = await import("../host/parts/sht3x.js");
    const clock = new VirtualClock();
    const world = new World(clock, { outside: 5, thermal: { initialC: 18 } });
    const board = await flash("examples/thermostat", {
      clock,
      world,
      beforeBoot: (b) => {
        b.attachI2c(0, new Sht3x({ environment: world.environmentProvider() }));
      },
    });
    world.addHeater({ powerW: 1500, drivenBy: { board: board.board, gpio: 26 } });
    await board.advance("6 h");
    assert.equal(board.world, world);
    assert.ok(Math.abs(world.state().temperatureC - 21) < 0.6, `room at ${world.state().temperatureC} °C`);
    const energy = board.energy(620);
    assert.ok(energy.mAh > 0 && energy.batteryDays !== null && energy.batteryDays > 0);
    assert.equal(energy.timeUs.idle + energy.timeUs.connecting, energy.durationUs, "awake the whole time");
  });

  it("attachI2c and attachUart hand the part to the board's bus and return it", async () => {
    const board = await flash(await firmware(BLINK));
    const connected: string[] = [];
    const sensor = {
      name: "probe",
      address: 0x44,
      connect: (host: { where: string }) => {
        connected.push(host.where);
      },
      start: () => ({ ack: true }),
      write: () => ({ ack: true }),
      read: () => ({ byte: 0 }),
      stop: () => {},
    };
    assert.equal(board.attachI2c(0, sensor), sensor);
    const meter = {
      name: "meter",
      baud: 9600,
      connect: (host: { where: string }) => {
        connected.push(host.where);
      },
      receive: () => {},
    };
    assert.equal(board.attachUart(2, meter), meter);
    assert.equal(connected.length, 2);
  });

  it("keeps the world it was given", async () => {
    const world = { temperatureC: 21 };
    const board = await flash(await firmware(BLINK), { world });
    assert.equal(board.world, world);
  });

  it('check() throws on a "not implemented" line unless allowed', async () => {
    const board = await flash(await firmware(BLINK));
    board.check();
    board.board.log("W", "SHT3x: command 0xF32D not implemented");
    assert.throws(
      () => board.check(),
      (e: Error) => {
        assert.ok(e instanceof NotImplementedError);
        assert.match(
          e.message,
          new RegExp(
            String.raw`esp32-devkitc: the firmware used something a model does not implement \(1 "not implemented" ` +
              String.raw`line\):\n +0\.0000\d\d {2}W board SHT3x: command 0xF32D not implemented`,
          ),
        );
        assert.match(e.message, /flash with \{ allowNotImplemented: true \}/);
        return true;
      },
    );
    board.check(); // reported once
    board.board.log("W", "feature X not implemented yet", "app");
    board.check(); // the firmware's own line: only models' lines fail a test
    const lenient = await flash(await firmware(BLINK), { allowNotImplemented: true });
    lenient.board.log("W", "UART 2: command 0x42 not implemented");
    lenient.check();
  });

  it(
    'under mocha, a test whose board logged "not implemented" fails after it ran, ' + "and the next test still runs",
    async () => {
      const image = await firmware(BLINK);
      const inner = new Mocha({ reporter: Mocha.reporters.Base });
      inner.suite.afterEach(function () {
        notImplementedHook.call(this);
      });
      inner.suite.addTest(
        new Mocha.Test("meets an unknown command", async () => {
          const b = await flash(image);
          b.board.log("W", "PMS5003: command 0xE4 not implemented");
        }),
      );
      inner.suite.addTest(
        new Mocha.Test("runs after it", async () => {
          await flash(image);
        }),
      );
      const failed: { title: string; message: string }[] = [];
      const passed: string[] = [];
      await new Promise<void>((done) => {
        const runner = inner.run(() => done());
        runner.on("fail", (t: Mocha.Runnable, e: Error) => failed.push({ title: t.title, message: e.message }));
        runner.on("pass", (t: Mocha.Runnable) => passed.push(t.title));
      });
      assert.deepEqual(
        failed.map((f) => f.title),
        ["meets an unknown command"],
      );
      assert.match(failed[0]?.message ?? "", /PMS5003: command 0xE4 not implemented/);
      assert.ok(passed.includes("runs after it"));
    },
  );
});

describe("test API: JUnit XML", () => {
  it("counts per suite and escapes what XML cannot hold", () => {
    const xml = junitXml({
      name: "sail test <lamp>",
      timeSec: 1.23456,
      cases: [
        { suite: "lamp", name: "lights", file: "test/lamp.test.ts", timeSec: 0.5, state: "passed" },
        {
          suite: "lamp",
          name: 'dims & "fades"',
          timeSec: 0.25,
          state: "failed",
          failure: {
            message: "expected <1>\n\x1b[31mgot 2\x1b[0m\x07",
            type: "AssertionError",
            stack: "AssertionError: x\n    at t (a.ts:1:2)",
          },
        },
        { suite: "(root)", name: "later", timeSec: 0, state: "skipped" },
      ],
    });
    assert.equal(
      xml,
      [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<testsuites name="sail test &lt;lamp&gt;" tests="3" failures="1" errors="0" skipped="1" time="1.235">`,
        `  <testsuite name="lamp" tests="2" failures="1" errors="0" skipped="0" time="0.750" file="test/lamp.test.ts">`,
        `    <testcase classname="lamp" name="lights" time="0.500" file="test/lamp.test.ts"/>`,
        `    <testcase classname="lamp" name="dims &amp; &quot;fades&quot;" time="0.250">`,
        `      <failure message="expected &lt;1&gt;&#10;got 2\\x07" type="AssertionError">AssertionError: x`,
        `    at t (a.ts:1:2)</failure>`,
        `    </testcase>`,
        `  </testsuite>`,
        `  <testsuite name="(root)" tests="1" failures="0" errors="0" skipped="1" time="0.000">`,
        `    <testcase classname="(root)" name="later" time="0.000">`,
        `      <skipped/>`,
        `    </testcase>`,
        `  </testsuite>`,
        `</testsuites>`,
        ``,
      ].join("\n"),
    );
  });
});
