// Driving sail dev's page in headless Chromium for the tests: start a session
// on a free port, open its page, read what it shows and move its controls as
// a hand would. In-page code is given as text or typed by what it uses: the
// tests are compiled without the DOM's types.

import { join } from "node:path";
import type { Page } from "playwright-core";
import { DevSession } from "../../host/dev/session.js";
import { launchBrowser, type HeadlessBrowser } from "./browser.js";
import { ROOT } from "./firmware.js";

export const OUTPUT = join(ROOT, "build/test-output/dev");
/** Generous: the machine may be loaded; nothing here measures time. */
export const WAIT = { timeout: 60_000 };

export async function openDev(
  projectDir: string,
  watch = false,
  board = "esp32-devkitc",
  /** What the page shows once it is up: the MIoT panel by default, for a firmware without a spec the pins. */
  ready = 'document.querySelector("[data-prop]") !== null',
): Promise<{ session: DevSession; browser: HeadlessBrowser }> {
  const session = await DevSession.start({
    projectDir,
    board,
    http: { host: "127.0.0.1", port: 0 },
    miot: null,
    watch,
  });
  const browser = await launchBrowser().catch(async (e: unknown) => {
    await session.close();
    throw e;
  });
  await browser.page.goto(session.url);
  await until(browser.page, ready);
  return { session, browser };
}

/** The JSON value the MIoT panel shows for siid.piid, once it has one. */
export async function propertyShown(page: Page, key: string): Promise<unknown> {
  const text = await page.locator(`[data-prop="${key}"]`).getAttribute("data-value", WAIT);
  return text === null ? undefined : (JSON.parse(text) as unknown);
}

/** Waits until `expression`, JavaScript run in the page, is true (the page's DOM is not typed here). */
export async function until(page: Page, expression: string): Promise<void> {
  await page.waitForFunction(expression, undefined, WAIT);
}

/** The page expression for the value shown for siid.piid, as JSON text. */
export const shown = (key: string): string =>
  `document.querySelector('[data-prop="${key}"]')?.getAttribute("data-value")`;
export const duty = (gpio: number): string =>
  `Number(document.querySelector('[data-led="${gpio}"]')?.getAttribute("data-duty"))`;
export const level = (gpio: number): string =>
  `document.querySelector('[data-gpio="${gpio}"]')?.getAttribute("data-level")`;
export const clockUs = 'Number(document.querySelector("[data-clock]")?.getAttribute("data-us"))';

/** Waits until the panel shows `value` for siid.piid. */
export async function waitForProperty(page: Page, key: string, value: unknown): Promise<void> {
  await until(page, `${shown(key)} === ${JSON.stringify(JSON.stringify(value))}`);
}

/** Moves a range input to `value` as a hand would: the value changes, then input and change fire. */
export async function moveSlider(page: Page, selector: string, value: number): Promise<void> {
  // In the page: no DOM types here, so the element and Event are described by what is used of them.
  await page.locator(selector).evaluate((element: unknown, v: number) => {
    const input = element as { value: string; dispatchEvent(event: unknown): boolean };
    const PageEvent = (globalThis as unknown as { Event: new (type: string, init: object) => unknown }).Event;
    input.value = String(v);
    input.dispatchEvent(new PageEvent("input", { bubbles: true }));
    input.dispatchEvent(new PageEvent("change", { bubbles: true }));
  }, value);
}

export async function ledDuty(page: Page, gpio: number): Promise<number> {
  return Number(await page.locator(`[data-led="${gpio}"]`).getAttribute("data-duty", WAIT));
}
