// JSON nested far deeper than the stack (100,000 levels) in a MIoT spec, on
// its own or inside an image's sail.spec section, or in a board profile, is
// refused with a message naming the file and the field — never a stack overflow.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Board } from "../host/board/board.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { ImageError, ProfileError, SpecError } from "../host/errors.js";
import { SPEC_SECTION } from "../host/flash/manifest.js";
import { loadSpec } from "../host/miot/spec.js";
import { appendCustomSection } from "../host/wasm/binary.js";
import { BLINK, firmware, ROOT } from "./support/firmware.js";

const DEEP = "[".repeat(100_000) + "]".repeat(100_000);

describe("deeply nested JSON", () => {
  it("a spec that is a 100,000-deep array is refused, naming the file", () => {
    const file = join(mkdtempSync(join(tmpdir(), "sail-deep-")), "spec.json");
    writeFileSync(file, DEEP);
    assert.throws(
      () => loadSpec(file),
      (e: unknown) =>
        e instanceof SpecError && /spec\.json: \(root\): must be an object, got an array too deeply/.test(e.message),
    );
  });

  it("a spec with a 100,000-deep description is refused, naming the field", () => {
    const file = join(mkdtempSync(join(tmpdir(), "sail-deep-")), "spec.json");
    const lamp = JSON.parse(readFileSync(join(ROOT, "examples", "smart-lamp", "spec.json"), "utf8")) as object;
    writeFileSync(file, JSON.stringify({ ...lamp, description: "@" }).replace('"@"', DEEP));
    assert.throws(
      () => loadSpec(file),
      (e: unknown) => e instanceof SpecError && /spec\.json: description: .*too deeply nested to print/.test(e.message),
    );
  });

  it("a board profile with a 100,000-deep value is refused, naming the field", () => {
    const file = join(mkdtempSync(join(tmpdir(), "sail-deep-")), "board.json");
    const profile = JSON.parse(readFileSync(join(ROOT, "boards", "esp32-devkitc.json"), "utf8")) as {
      chip: Record<string, unknown>;
    };
    profile.chip["cpuMhz"] = "@";
    writeFileSync(file, JSON.stringify(profile).replace('"@"', DEEP));
    assert.throws(
      () => loadBoardProfile(file),
      (e: unknown) =>
        e instanceof ProfileError && /\.chip\.cpuMhz: .*got an array too deeply nested to print/.test(e.message),
    );
  });

  it("an image whose sail.spec is 100,000 deep is refused at flashing, naming the image", async () => {
    const image = appendCustomSection(await firmware(BLINK), SPEC_SECTION, new TextEncoder().encode(DEEP));
    const board = Board.load("esp32-devkitc");
    await assert.rejects(
      board.flash(image, "deep.wasm"),
      (e: unknown) => e instanceof ImageError && /deep\.wasm: .*too deeply nested to print/.test(e.message),
    );
  });
});
