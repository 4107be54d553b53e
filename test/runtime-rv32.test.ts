// The runtime's C on the ESP32-C3's instruction set: the core's unit tests,
// the frame codec's shared vectors and the image loader built for rv32imc with
// picolibc and run under qemu-system-riscv32, printing what the host build
// prints for the eight examples and for seeded mutations of them (a 32-bit
// size_t, alignment and the compiler's view of C11 are what this catches).
// Without the tools the tests are skipped naming the Debian packages, and fail
// under CI=true (docs/decisions.md D97).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBoardProfile } from "../host/boards/profile.js";
import { SeededRandom } from "../host/random.js";
import { LOADER_SOURCES, RUNTIME_DIR } from "../host/runtime/cc.js";
import { buildRv32, missingRv32Tools, runRv32, RV32_PACKAGES } from "../host/runtime/rv32.js";
import { firmware } from "./support/firmware.js";
import { mutateImage } from "./support/image-mutants.js";
import { EXAMPLES, loaderTool } from "./support/runtime-c.js";

const c3 = loadBoardProfile("esp32-c3-devkitm");
const MUTANTS = 20; // two of each example

/** Skips the test (fails it under CI=true) when a tool of the rv32 build is missing. */
function requireRv32(context: Mocha.Context): void {
  const missing = missingRv32Tools();
  if (missing.length === 0) return;
  const message = `${missing.join(", ")} not found: install the Debian packages ${RV32_PACKAGES}`;
  if (process.env["CI"] === "true") throw new Error(message);
  process.stderr.write(`      skipped: ${message}\n`);
  context.skip();
}

/** sail_check_image's arguments for an image file on the C3. */
function checkArgs(file: string): string[] {
  const { partition } = c3.app;
  return [file, "app.wasm", c3.id, partition.name, String(partition.size), String(c3.app.ramBytes)];
}

describe("the runtime on rv32imc under QEMU (the ESP32-C3's instruction set)", function () {
  this.timeout(300_000);

  it("passes the core's unit tests", function () {
    requireRv32(this);
    const elf = buildRv32({
      name: "test_loader",
      sources: [...LOADER_SOURCES, "test/test_loader.c"],
      includeDirs: ["core"],
    });
    const run = runRv32(elf, []);
    assert.match(run.stdout, /^\d+ passed, 0 failed$/m, run.stdout + run.stderr);
    assert.equal(run.status, 0);
  });

  it("reads every shared frame vector as the file says", function () {
    requireRv32(this);
    const elf = buildRv32({
      name: "test_frame",
      sources: ["core/sail_frame.c", "core/sail_abi_table.c", "test/test_frame.c"],
      includeDirs: ["core"],
    });
    const run = runRv32(elf, [join(RUNTIME_DIR, "test/frames.txt")]);
    assert.match(run.stdout, /^\d+ passed, 0 failed$/m, run.stdout + run.stderr);
    assert.equal(run.status, 0);
  });

  it("loads the ten examples and refuses mutations of them as the host build does, word for word", async function () {
    requireRv32(this);
    const host = loaderTool(this, "sail_check_image");
    const elf = buildRv32({
      name: "sail_check_image",
      sources: [...LOADER_SOURCES, "test/sail_check_image.c"],
      includeDirs: ["core"],
    });
    const dir = mkdtempSync(join(tmpdir(), "sail-rv32-"));
    const rng = new SeededRandom(2026);
    let loaded = 0;
    let refused = 0;
    assert.equal(EXAMPLES.length, 10);
    for (const example of EXAMPLES) {
      const image = await firmware(example);
      const cases = [{ what: example, bytes: image }];
      for (let i = 0; i < MUTANTS / EXAMPLES.length; i++) {
        const mutant = mutateImage(rng, image);
        cases.push({ what: `${example}, ${mutant.kind} mutant ${i}`, bytes: mutant.bytes });
      }
      for (const { what, bytes } of cases) {
        const file = join(dir, "app.wasm");
        writeFileSync(file, bytes);
        const want = spawnSync(host, checkArgs(file), { encoding: "utf8" });
        assert.equal(want.stderr, "", "no sanitizer report");
        const got = runRv32(elf, checkArgs(file));
        assert.equal(got.stdout, want.stdout, `${what}: rv32 prints what the host build prints`);
        assert.equal(got.status, want.status, `${what}: the same exit status`);
        if (got.status === 0) loaded++;
        else refused++;
      }
    }
    assert.ok(loaded >= 8, `${loaded} loaded`);
    assert.ok(refused >= 1, `${refused} refused`);
  });
});
