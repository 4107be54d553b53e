// The runtime's C on the ESP32-C3's instruction set: the core's unit tests,
// the frame codec's shared vectors and the image loader built for rv32imc with
// picolibc and run under qemu-system-riscv32, printing what the host build
// prints for the ten examples and for seeded mutations of them (a 32-bit
// size_t, alignment and the compiler's view of C11 are what this catches);
// and the whole runtime (core, host port, wasm2c engine, the translated
// image) running blink and the thermostat there as sail verify's C side,
// record for record with the emulator, its pipe over two FIFOs.
// Without the tools the tests are skipped naming the Debian packages, and fail
// under CI=true (docs/decisions.md D97).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Board } from "../host/board/board.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { Sht3x } from "../host/parts/sht3x.js";
import type { Step } from "../host/scenario/scenario.js";
import { SeededRandom } from "../host/random.js";
import { LOADER_SOURCES, RUNTIME_DIR } from "../host/runtime/cc.js";
import { RuntimePipe } from "../host/runtime/pipe.js";
import { buildRv32, missingRv32Tools, qemuArgs, QEMU_RV32, runRv32, RV32_PACKAGES } from "../host/runtime/rv32.js";
import { firmware } from "./support/firmware.js";
import { describe as describeDivergence } from "../host/cli/verify.js";
import { mutateImage } from "./support/image-mutants.js";
import { EXAMPLES, loaderTool } from "./support/runtime-c.js";
import { compareRv32, requireCRuntimeTools, type Compared } from "./support/verify.js";
import { sail } from "./support/cli.js";

const c3 = loadBoardProfile("esp32-c3-devkitm");
const MUTANTS = 20; // two of each example

/** The sail command as a user runs it. */
const S = 1_000_000;

function agree(c: Compared): void {
  assert.equal(c.divergence, null, c.divergence === null ? "" : describeDivergence(c.divergence));
  assert.ok(c.runtime.frames > 0, "the rv32 runtime's port was called");
}

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

  it("runs blink as sail verify's C side: the C3's WS2812 lit white at the emulator's virtual µs", async function () {
    requireRv32(this);
    requireCRuntimeTools(this);
    const c = await compareRv32("examples/blink", "esp32-c3-devkitm", [], 3 * S);
    agree(c);
    const white = c.runtime.records.filter((r) => / leds GPIO8 202020$/.test(r));
    assert.equal(white.length, 3, `lit at 0.5, 1.5 and 2.5 s: ${white.join(", ")}`);
  });

  it("runs the thermostat as sail verify's C side: SHT3x reads, an MIoT set, the relay after 5 min", async function () {
    requireRv32(this);
    requireCRuntimeTools(this);
    const steps: Step[] = [
      { atUs: 1 * S, miot: { set: [2, 3, 26] } },
      { atUs: 2 * S, miot: { get: [2, 3] } },
    ];
    // 18 °C at the sensor: below the new set point, so the relay closes once its minimum off time has passed.
    const sensor = (board: Board): void => {
      board.attachI2c(0, new Sht3x({ noise: false, environment: { temperatureC: 18, humidityPct: 40 } }));
    };
    const c = await compareRv32("examples/thermostat", "esp32-devkitc", steps, 310 * S, sensor);
    agree(c);
    const text = c.runtime.records.join("\n");
    assert.match(text, / log I app "thermostat: on, auto, target 26.00 °C"/);
    assert.match(text, /^300\d{6} pin GPIO26=1$/m);
    assert.match(text, / log I app "heater on at 18.00 °C, set point 26.00"/);
  });

  it("sail verify --target rv32: fade's PWM steps agree, exit 0; the usage errors name the targets", async function () {
    requireRv32(this);
    requireCRuntimeTools(this);
    const r = await sail("verify", "examples/fade", "--board", "esp32-c3-devkitm", "--for", "2s", "--target", "rv32");
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /then the C runtime \(wasm2c on rv32imc under QEMU\)/);
    const compared = /^agree: (\d+) records compared/m.exec(r.stdout);
    assert.ok(compared !== null && Number(compared[1]) > 50, r.stdout);
    const unknown = await sail("verify", "examples/fade", "--target", "xtensa");
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--target xtensa: the targets are host and rv32/);
    const wasm3 = await sail("verify", "examples/fade", "--target", "rv32", "--engine", "wasm3", "--wasm3-dir", "w3");
    assert.equal(wasm3.code, 2);
    assert.match(wasm3.stderr, /--target rv32 runs the wasm2c engine; leave out --engine wasm3/);
  });

  it("a guest that exits without opening its FIFOs is reported with what it said, not waited on", function () {
    requireRv32(this);
    const elf = buildRv32({
      name: "test_frame",
      sources: ["core/sail_frame.c", "core/sail_abi_table.c", "test/test_frame.c"],
      includeDirs: ["core"],
    });
    // test_frame takes one argument, its vectors file: given the pipe's three, it prints its usage and stops.
    const pipe = new RuntimePipe(QEMU_RV32, [], (replies, requests) => qemuArgs(elf, ["--pipe", replies, requests]));
    try {
      assert.throws(() => pipe.read(), /the C runtime \(qemu-system-riscv32\) exited: usage: /);
    } finally {
      pipe.close();
    }
  });
});
