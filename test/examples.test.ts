// The examples on emulated boards: what a user would see on the pins.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { BLINK, BUTTON_LED, FADE, firmware } from "./support/firmware.js";

describe("examples", () => {
  describe("blink", () => {
    {
      const board = "esp32-devkitc";
      it(`makes exactly 10 rising edges on GPIO 2 in 10 s of virtual time on ${board}`, async () => {
        const b = Board.load(board);
        await b.flash(await firmware(BLINK));
        await b.advance("10s");
        const rising = b.pin(2).edges("rising");
        assert.equal(rising.length, 10);
        // 1 Hz: rising edges one second apart, on a grid that does not drift.
        for (let i = 1; i < rising.length; i++)
          assert.equal((rising[i]?.timeUs ?? 0) - (rising[i - 1]?.timeUs ?? 0), 1_000_000);
        assert.equal(b.resets.length, 0);
      });
    }

    it("lights the ESP32-C3-DevKitM's RGB LED on GPIO 8 white for 500 ms a second, 10 times in 10 s", async () => {
      const b = Board.load("esp32-c3-devkitm");
      await b.flash(await firmware(BLINK));
      await b.advance("10s");
      const frames = b.trace.leds(8);
      const lit = frames.filter((f) => f.colours[0] === 0x202020);
      assert.equal(lit.length, 10);
      assert.equal(frames.filter((f) => f.colours[0] === 0).length, 11, "dark at setup, then after each lit half");
      for (let i = 1; i < lit.length; i++) assert.equal((lit[i]?.timeUs ?? 0) - (lit[i - 1]?.timeUs ?? 0), 1_000_000);
      assert.equal(b.pin(2).edges("any").length, 0, "GPIO 2 is not the C3's LED");
      await b.advance("600ms");
      assert.equal(b.ledOn, true);
      assert.deepEqual(b.onboardLeds?.rgb(0), [0x20, 0x20, 0x20]);
      await b.advance("500ms");
      assert.equal(b.ledOn, false);
      assert.equal(b.resets.length, 0);
    });

    it("lights the board's LED half of the time", async () => {
      const b = Board.load("esp32-devkitc");
      await b.flash(await firmware(BLINK));
      await b.advance("600ms");
      assert.equal(b.ledOn, true);
      await b.advance("500ms");
      assert.equal(b.ledOn, false);
    });
  });

  describe("button-led", () => {
    it("toggles the LED once per press of the BOOT button, even with contact bounce", async () => {
      const b = Board.load("esp32-devkitc");
      await b.flash(await firmware(BUTTON_LED));
      const boot = b.button("boot");
      await b.advance("100ms");
      assert.equal(b.ledOn, false);

      boot.press({ bounceUs: 1500 });
      await b.advance("100ms");
      assert.equal(b.ledOn, true, "first press turns the LED on");
      assert.ok(b.pin(0).edges("falling").length > 1, "the contact bounced");

      boot.release({ bounceUs: 1500 });
      await b.advance("100ms");
      assert.equal(b.ledOn, true, "releasing does not toggle");

      boot.press({ bounceUs: 1500 });
      await b.advance("100ms");
      boot.release();
      await b.advance("100ms");
      assert.equal(b.ledOn, false, "second press turns it off");
      assert.equal(b.pin(2).edges("any").length, 2);
      assert.ok(b.logs.some((l) => l.source === "app" && l.text === "LED off"));
    });

    it("ignores a glitch shorter than the debounce time", async () => {
      const b = Board.load("esp32-devkitc");
      await b.flash(await firmware(BUTTON_LED));
      await b.advance("50ms");
      b.pin(0).drive(0);
      await b.advance("5ms");
      b.pin(0).release();
      await b.advance("100ms");
      assert.equal(b.ledOn, false);
    });
  });

  describe("fade", () => {
    it("ramps the PWM duty up for a second, then down", async () => {
      const b = Board.load("esp32-devkitc");
      await b.flash(await firmware(FADE));
      await b.advance("2.1s");
      const changes = b.trace.pwm(2);
      assert.equal(changes[0]?.freqHz, 5000);
      const up = changes.filter((c) => c.timeUs <= 1_000_100).map((c) => c.dutyFraction);
      const down = changes.filter((c) => c.timeUs > 1_000_100 && c.timeUs <= 2_000_100).map((c) => c.dutyFraction);
      assert.ok(up.length >= 45, `${up.length} steps up`);
      for (let i = 1; i < up.length; i++) assert.ok((up[i] ?? 0) > (up[i - 1] ?? 0), "duty rises");
      assert.equal(up.at(-1), 1);
      for (let i = 1; i < down.length; i++) assert.ok((down[i] ?? 0) < (down[i - 1] ?? 0), "duty falls");
      assert.equal(b.pin(2).pwm?.bits, 13);
    });
  });
});
