// The manifest names the metering an image carries ("sail-meter@1"); a board
// checks it with that version's checker, takes an image without the field as
// version 1, and refuses a version it does not know. A forged image makes
// `sail run` exit with the refusal instead of spinning.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { Board } from "../host/board/board.js";
import { ImageError } from "../host/errors.js";
import { readManifest, withManifest, type Manifest } from "../host/flash/manifest.js";
import { readWasm } from "../host/wasm/binary.js";
import { BLINK, firmware, ROOT } from "./support/firmware.js";
import { bareImage, CHARGE, CHECK, forgedImage } from "./support/forge.js";

const run = promisify(execFile);

async function blinkManifest(): Promise<Manifest> {
  const manifest = readManifest(readWasm(await firmware(BLINK)), "blink");
  assert.ok(manifest !== null);
  return manifest;
}

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await Board.load("esp32-devkitc").flash(bytes, "app.wasm");
  } catch (e) {
    assert.ok(e instanceof ImageError, `expected ImageError, got ${String(e)}`);
    return e.message;
  }
  assert.fail("the image was accepted");
}

describe("metering versions", () => {
  it("sail build names its metering in the manifest, and the image runs", async () => {
    const manifest = await blinkManifest();
    assert.equal(manifest.metering, "sail-meter@1");
    const board = Board.load("esp32-devkitc");
    await board.flash(await firmware(BLINK));
    assert.equal(board.state, "running");
  });

  it("an image built before the field existed is checked as sail-meter@1 and runs", async () => {
    const { metering, ...before } = await blinkManifest();
    assert.equal(metering, "sail-meter@1");
    const image = withManifest(await firmware(BLINK), before);
    assert.equal(readManifest(readWasm(image), "old")?.metering, undefined);
    const board = Board.load("esp32-devkitc");
    await board.flash(image);
    await board.advance(600_000);
    assert.equal(board.pin(2).level, 1, "blink turned GPIO 2 on at 500 ms");
    assert.equal(board.resets.length, 0);
  });

  it("refuses a metering version this board does not know, naming the ones it knows", async () => {
    const image = withManifest(await firmware(BLINK), { ...(await blinkManifest()), metering: "sail-meter@2" });
    assert.match(
      await refusal(image),
      /^app\.wasm: sail\.manifest metering: "sail-meter@2" is not a metering this board knows /,
    );
    assert.match(await refusal(image), /\(it knows sail-meter@1\); rebuild it with this SDK's sail build$/);
  });

  it("refuses a metering field that is not <algorithm>@<version>", async () => {
    const image = withManifest(await firmware(BLINK), { ...(await blinkManifest()), metering: "fast" });
    assert.match(await refusal(image), /sail\.manifest\): metering: must name the metering as "<algorithm>@<version>"/);
  });

  it("refuses a manifest that names a metering the code does not carry", async () => {
    const stripped = withManifest(bareImage(""), await blinkManifest());
    assert.match(await refusal(stripped), /says the code is metered \(sail-meter@1\) but it does not export sail_fuel/);
  });

  it("sail run --for 1s on a forged image exits 1 with the refusal instead of spinning", async () => {
    const file = join(ROOT, "build", "meter-forged.wasm");
    const constant = "(if (i32.const 0) (then (call $meter)))";
    await writeFile(file, forgedImage(`${CHARGE(0)} ${CHECK} (loop $spin ${CHARGE(1)} ${constant} (br $spin))`));
    // The timeout only stops a hang from hanging the suite; the run ends at once.
    const r = await run(process.execPath, [join(ROOT, "dist/host/cli/main.js"), "run", file, "--for", "1s"], {
      cwd: ROOT,
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (e: unknown) => e as { code: number; stderr: string; killed: boolean },
    );
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /meter-forged\.wasm: exports sail_fuel but is not metered as sail build meters: function setup: a loop does not/,
    );
    assert.match(r.stderr, /rebuild it with sail build/);
  });
});
