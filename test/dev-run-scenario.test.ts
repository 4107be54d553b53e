// `sail run --scenario`: the scenario format sail profile takes drives a run
// without a browser; a step the board cannot take is refused before any time
// runs, naming the file and the step.

import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, SMART_LAMP } from "./support/firmware.js";
import { sail } from "./support/cli.js";

describe("sail run --scenario", () => {
  it("the smart lamp's scenario switches it on, dims it, and its wall button turns it off, at its times", async () => {
    const r = await sail("run", SMART_LAMP, "--scenario", `${SMART_LAMP}/scenario.json`, "--for", "6s", "--trace");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /scenario examples\/smart-lamp\/scenario\.json: 6 steps/);
    assert.match(r.stdout, /^ +1\.0004\d\d +pin +GPIO25 pwm 52\.64 %/m, "on at 1 s (80 %)");
    assert.match(r.stdout, /^ +2\.0004\d\d +pin +GPIO25 pwm 26\.32 %/m, "brightness 40 at 2 s");
    assert.match(r.stdout, /^ +4\.000449 +pin +GPIO4 ↓ 0/m, "the wall button pressed at 4 s");
    assert.match(r.stdout, /^ +4\.03\d+ +pin +GPIO25 pwm 0\.00 %/m, "off after the 30 ms debounce");
  });

  it("a step the board cannot take is refused naming the file and the step; nothing runs", async () => {
    const file = join(ROOT, "build", "dev-run-bad-scenario.json");
    await writeFile(file, JSON.stringify({ steps: [{ at: "1s", press: "doorbell" }] }));
    const r = await sail("run", SMART_LAMP, "--scenario", file, "--for", "2s");
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr,
      /dev-run-bad-scenario\.json: steps\[0\]: esp32-devkitc has no button "doorbell" \(buttons: boot\)/,
    );
    assert.doesNotMatch(r.stderr, /^ran /m);
  });
});
