// A scenario's MIoT steps are checked against the image's spec before any
// step runs: an unknown property or action, the wrong access, or a value that
// does not fit (null or a string for an integer) is one message naming the
// file, the step and what is allowed — never a TypeError mid-run.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { Board } from "../host/board/board.js";
import { applyScenario, type Step } from "../host/scenario/scenario.js";
import { firmware, ROOT, SMART_LAMP } from "./support/firmware.js";

const SAIL = join(ROOT, "dist", "host", "cli", "main.js");

describe("scenario MIoT steps", () => {
  const cases: [string, object, RegExp][] = [
    [
      "an unknown property",
      { set: [2, 99, 5] },
      /miot set 2\.99: the spec has no such property \(properties: .*2\.2 brightness/,
    ],
    [
      "null for an integer",
      { set: [2, 2, null] },
      /miot set 2\.2 \(brightness\): null is not a uint8 from 1 to 100 in steps of 1/,
    ],
    ["a string for an integer", { set: [2, 2, "50"] }, /miot set 2\.2 \(brightness\): "50" is not a uint8 from 1/],
    ["a value out of range", { set: [2, 2, 101] }, /miot set 2\.2 \(brightness\): 101 is not a uint8 from 1 to 100/],
    [
      "a read-only property set",
      { set: [1, 1, "x"] },
      /miot set 1\.1 \(manufacturer\) is not writable \(access: read\)/,
    ],
    [
      "an unknown action",
      { action: [2, 9, []] },
      /miot action 2\.9: the spec has no such action \(actions: 2\.1 toggle\)/,
    ],
    [
      "an action with inputs it does not take",
      { action: [2, 1, [1]] },
      /miot action 2\.1 \(toggle\) takes 0 input\(s\), got 1/,
    ],
    ["an unknown property read", { get: [7, 1] }, /miot get 7\.1: the spec has no such property/],
  ];
  for (const [what, miot, message] of cases) {
    it(`refuses ${what} before any step runs`, async () => {
      const board = Board.load("esp32-devkitc");
      await board.flash(await firmware(SMART_LAMP));
      const steps = [
        { atUs: 0, press: "boot" },
        { atUs: 0, miot },
      ] as Step[];
      assert.throws(
        () => applyScenario(board, steps, "lamp.json"),
        (e: unknown) =>
          e instanceof Error &&
          e.name === "SailError" &&
          /^lamp\.json: steps\[1\]: /.test(e.message) &&
          message.test(e.message),
      );
      await board.advance("1s");
      assert.equal(board.resets.length, 0, "nothing ran");
    });
  }

  it("sail profile names the scenario file and the step, exit 1, no stack trace", async () => {
    const scenario = join(ROOT, "build", "scenario-bad-set.json");
    await writeFile(scenario, JSON.stringify({ steps: [{ at: "1s", miot: { set: [2, 2, null] } }] }));
    const lamp = join(ROOT, "build", "scenario-lamp.wasm");
    await writeFile(lamp, await firmware(SMART_LAMP));
    const r = await promisify(execFile)(process.execPath, [SAIL, "profile", lamp, "--scenario", scenario], {
      cwd: ROOT,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (e: unknown) => e as { code: number; stderr: string },
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /scenario-bad-set\.json: steps\[0\]: miot set 2\.2 \(brightness\): null is not a uint8/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
