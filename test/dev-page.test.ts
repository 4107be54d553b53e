// sail dev's page in headless Chromium: the smart lamp's wall button and
// brightness, the thermostat following the room, pause and step. What is
// asserted is what the page shows (LED brightness, property values, the
// clock), after a real click or slider move; screenshots go to
// build/test-output/dev/.

import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { DevSession } from "../host/dev/session.js";
import { requireChromium, type HeadlessBrowser } from "./support/browser.js";
import {
  OUTPUT,
  clockUs,
  duty,
  ledDuty,
  level,
  moveSlider,
  openDev,
  propertyShown,
  shown,
  until,
  waitForProperty,
} from "./support/dev-page.js";
import { ROOT } from "./support/firmware.js";

describe("sail dev page (headless Chromium)", function () {
  let opened: { session: DevSession; browser: HeadlessBrowser } | null = null;

  before(async function () {
    requireChromium(this);
    await mkdir(OUTPUT, { recursive: true });
  });

  afterEach(async () => {
    await opened?.browser.close();
    await opened?.session.close();
    opened = null;
  });

  it("smart lamp: the wall button lights the LEDs and sets on; brightness from the panel sets the duty", async () => {
    opened = await openDev(join(ROOT, "examples/smart-lamp"));
    const { page, session } = { page: opened.browser.page, session: opened.session };
    await until(page, `${shown("2.1")} != null`);
    // Pushes reach subscribers once the radio is up, as a phone would see them.
    await until(page, "window.sailPage.nowUs > 2e6");
    const before = await propertyShown(page, "2.1");
    assert.equal(before, false, "the lamp boots off");
    assert.equal(await ledDuty(page, 25), 0);

    // A finger holds a button a moment; the firmware debounces 30 ms.
    await page.locator('button[data-button="wall"]').click({ delay: 150 });
    await waitForProperty(page, "2.1", true);
    await until(page, `${duty(25)} > 0`);
    const lit = (await ledDuty(page, 25)) + (await ledDuty(page, 26));
    assert.ok(Math.abs(lit - 0.8) < 0.01, `warm + cold duty is the brightness 80 %, got ${lit}`);

    await moveSlider(page, '[data-set="2.2"]', 40);
    await waitForProperty(page, "2.2", 40);
    await until(page, `Math.abs(${duty(25)} + ${duty(26)} - 0.4) < 0.01`);
    const pwm = (session.rig.board.pin(25).duty ?? 0) + (session.rig.board.pin(26).duty ?? 0);
    assert.ok(Math.abs(pwm - 0.4) < 0.01, `the board's PWM follows: ${pwm}`);
    await page.screenshot({ path: join(OUTPUT, "smart-lamp.png"), fullPage: true });
  });

  it("thermostat: dragging the room temperature down closes the heater relay and the panel follows", async () => {
    opened = await openDev(join(ROOT, "examples/thermostat"));
    const page = opened.browser.page;
    await waitForProperty(page, "2.5", 0); // Idle
    // The relay keeps each position 5 minutes: run at ×100 (3 s of wall time). As fast as the host can, the heater
    // would warm the room back past 14 °C between two 50 ms batches on a fast host, and the page never see it cold.
    await page.locator('button[data-speed="100"]').click();
    await moveSlider(page, '[data-world="temperatureC"]', 12);
    await until(page, `Number(${shown("3.1")}) < 14`);
    // Heating (2.5 = 1) with the relay on GPIO 26 closed, in the same batch.
    await until(page, `${shown("2.5")} === "1" && ${level(26)} === "1"`);
    await page.locator('button[data-speed="1"]').click();
    await page.screenshot({ path: join(OUTPUT, "thermostat.png"), fullPage: true });
  });

  it("blink on the ESP32-C3: the on-board WS2812 on GPIO 8 shows the colour it was sent, then goes dark", async () => {
    opened = await openDev(join(ROOT, "examples/blink"), false, "esp32-c3-devkitm", `${clockUs} > 0`);
    const page = opened.browser.page;
    const led = `document.querySelector('[data-led="8"]')`;
    // Colour and brightness are checked in one evaluation, so both come from the same batch while blink toggles;
    // a page that never shows them times the wait out and fails.
    // Blink sends its WS2812 a dim white, 0x202020 (examples/blink): the bulb shows it at 0x20 / 255.
    await until(
      page,
      `${led}?.dataset.rgb === "#202020" && Math.abs(Number(${led}?.dataset.duty) - 0x20 / 255) < 0.001`,
    );
    await until(page, `${led}?.dataset.rgb === "#000000" && Number(${led}?.dataset.duty) === 0`);
    const sent = opened.session.rig.board.ledColours(8);
    assert.ok(sent !== null && sent.length === 1, "the C3's on-board LED is one WS2812");
  });

  it("pause holds the virtual clock; step advances it by exactly 100 ms", async () => {
    opened = await openDev(join(ROOT, "examples/smart-lamp"));
    const page = opened.browser.page;
    const clock = page.locator("[data-clock]");
    await page.locator('button[data-time="pause"]').click();
    await until(page, `document.querySelector('[data-time="pause"]')?.getAttribute("aria-pressed") === "true"`);
    const paused = Number(await clock.getAttribute("data-us"));
    const seen = Number(await page.evaluate("window.sailPage.batches"));
    await until(page, `window.sailPage.batches > ${seen + 5}`);
    assert.equal(Number(await clock.getAttribute("data-us")), paused, "paused: the clock stands");
    await page.locator('button[data-time="step"]').click();
    await until(page, `${clockUs} !== ${paused}`);
    assert.equal(Number(await clock.getAttribute("data-us")), paused + 100_000);
    await page.locator('button[data-time="pause"]').click();
    await until(page, `${clockUs} > ${paused + 100_000}`);
  });
});
