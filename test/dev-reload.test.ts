// sail dev's reload, in headless Chromium: a copy of the thermostat is edited
// while it runs; the page shows the new image's behaviour, the target the
// user set before (kept in the key-value store) survives the dev reflash,
// and a build error shows on the page while the board keeps its last good image.

import assert from "node:assert/strict";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DevSession } from "../host/dev/session.js";
import { requireChromium, type HeadlessBrowser } from "./support/browser.js";
import { OUTPUT, moveSlider, openDev, until, waitForProperty } from "./support/dev-page.js";
import { ROOT } from "./support/firmware.js";

/** Two folders below the repository root, as the examples are: their relative imports of the SDK still resolve. */
const COPY = join(ROOT, "build/dev-reload-thermostat");
const SOURCE = join(COPY, "assembly/index.ts");

describe("sail dev reload (headless Chromium)", function () {
  let opened: { session: DevSession; browser: HeadlessBrowser } | null = null;

  before(async function () {
    requireChromium(this);
    await mkdir(OUTPUT, { recursive: true });
    await rm(COPY, { recursive: true, force: true });
    await cp(join(ROOT, "examples/thermostat"), COPY, {
      recursive: true,
      filter: (src) => !src.includes("/build"),
    });
  });

  after(async () => {
    await opened?.browser.close();
    await opened?.session.close();
    await rm(COPY, { recursive: true, force: true });
  });

  it("a saved edit runs, the key-value store kept; a build error shows and the board runs on", async () => {
    opened = await openDev(COPY, true);
    const { page, session } = { page: opened.browser.page, session: opened.session };
    const did = session.rig.board.identity.did;
    await waitForProperty(page, "1.4", "1.0.0");
    await moveSlider(page, '[data-set="2.3"]', 25); // the firmware keeps the target in its key-value store
    await waitForProperty(page, "2.3", 25);

    const original = await readFile(SOURCE, "utf8");
    assert.ok(original.includes('firmwareRevision = "1.0.0"'));
    await writeFile(SOURCE, original.replace('firmwareRevision = "1.0.0"', 'firmwareRevision = "1.0.1-dev"'));
    await waitForProperty(page, "1.4", "1.0.1-dev");
    await waitForProperty(page, "2.3", 25);
    assert.equal(session.rig.board.resetReason, "SW", "a dev reflash resets with reason SW");
    assert.equal(session.rig.board.identity.did, did, "the identity is kept");
    const log = await page.locator("sail-log").textContent();
    assert.match(log ?? "", /reset SW during dev: dev reflash: thermostat 1\.0\.0/);

    await writeFile(SOURCE, `${original}\nthis line is not AssemblyScript\n`);
    await until(page, '!document.querySelector("#build-error").hidden');
    const shownError = (await page.locator("#build-error").textContent()) ?? "";
    assert.match(shownError, /Build failed; the board keeps running the last good image/);
    assert.match(shownError, /index\.ts/, "the message names the file");
    await page.screenshot({ path: join(OUTPUT, "build-error.png"), fullPage: true });
    assert.equal(session.rig.board.state, "running");
    assert.equal(session.rig.board.image?.manifest?.name, "thermostat");
    await waitForProperty(page, "1.4", "1.0.1-dev");

    await writeFile(SOURCE, original);
    await until(page, 'document.querySelector("#build-error").hidden');
    await waitForProperty(page, "1.4", "1.0.0");
    await waitForProperty(page, "2.3", 25);
  });
});
