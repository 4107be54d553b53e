// Flashing refuses what the board cannot run, and each refusal names the
// file and the offending import, function, feature or limit.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { ImageError } from "../host/errors.js";
import { flashImage } from "../host/flash/flash.js";
import { appendCustomSection, readWasm } from "../host/wasm/binary.js";
import { loadBoardProfile } from "../host/boards/profile.js";
import { BLINK, BUTTON_LED, firmware } from "./support/firmware.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const devkitc = loadBoardProfile("esp32-devkitc");
const c3 = loadBoardProfile("esp32-c3-devkitm");

async function refusal(bytes: Uint8Array, profile = devkitc, file = "app.wasm"): Promise<string> {
  try {
    await flashImage(bytes, profile, file);
  } catch (e) {
    assert.ok(e instanceof ImageError, `expected ImageError, got ${String(e)}`);
    assert.ok(e.message.startsWith(`${file}: `), `names the file: ${e.message}`);
    return e.message;
  }
  assert.fail("the image was accepted");
}

describe("flashing", () => {
  it("accepts a built image and boots it", async () => {
    const board = Board.load("esp32-devkitc");
    const image = await board.flash(await firmware(BLINK));
    assert.equal(image.manifest?.name, "blink");
    assert.equal(image.notes.length, 0);
    assert.equal(board.state, "running");
  });

  it("runs a raw .wasm as a new, named image (metered, with the memory maximum) and says so", async () => {
    const raw = await compileSnippet(
      "raw",
      `${ENTRY}import { Pin } from "../../assembly/sail";\nexport ` +
        `function sail_setup(): void { new Pin(2).output(true); }\n`,
    );
    assert.equal(
      readWasm(raw).exports.some((e) => e.name === "sail_fuel"),
      false,
    );
    const board = Board.load("esp32-devkitc");
    const copy = raw.slice();
    const image = await board.flash(raw);
    assert.ok(
      image.notes.some((n) =>
        /^firmware\.wasm is a bare \.wasm \(not metered, no memory maximum\): it runs as firmware\.sail\.wasm/.test(n),
      ),
    );
    assert.equal(image.file, "firmware.sail.wasm");
    assert.deepEqual(raw, copy);
    const info = readWasm(image.bytes);
    assert.ok(info.exports.some((e) => e.name === "sail_fuel"));
    assert.equal(info.memory?.max, 2);
    assert.ok(image.notes.some((n) => /without a sail.manifest/.test(n)));
    assert.equal(board.pin(2).level, 1);
  });

  it("refuses bytes that are not WebAssembly", async () => {
    assert.match(await refusal(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])), /not valid WebAssembly/);
  });

  it("refuses an import the ABI does not have, naming it", async () => {
    const wasm = await compileSnippet(
      "unknown-import",
      `${ENTRY}@external("sail", "gpio_toggle") declare function gpio_toggle(pin: ` +
        `i32): void;\nexport function sail_setup(): void { gpio_toggle(2); }\n`,
    );
    assert.match(
      await refusal(wasm),
      /imports sail\.gpio_toggle, which ABI 1\.3 on this board does not have; sail has: log_write, /,
    );
  });

  it("refuses an import with the wrong signature, naming both signatures", async () => {
    const wasm = await compileSnippet(
      "wrong-signature",
      `${ENTRY}@external("sail", "gpio_write") declare function gpio_write(pin: ` +
        `i32): i32;\nexport function sail_setup(): void { gpio_write(2); }\n`,
    );
    assert.match(
      await refusal(wasm),
      /imports sail\.gpio_write as \(i32\) -> i32; the ABI defines sail\.gpio_write\(i32, i32\) -> i32/,
    );
  });

  it("refuses a wasm feature the board's interpreter lacks, naming the feature and the function", async () => {
    const wasm = await compileSnippet(
      "simd",
      `${ENTRY}import { gpio_read, gpio_write } from "../../assembly/sail/bindings";\nexport ` +
        `function sail_setup(): void { useVectors(); }\nfunction useVectors(): void { const v ` +
        `= i32x4.splat(gpio_read(4)); gpio_write(2, i32x4.extract_lane(v, 1)); }\n`,
      ["--enable", "simd", "-O0"],
    );
    assert.match(
      await refusal(wasm),
      /function simd\/useVectors uses the wasm feature "simd", which wasm3 0\.5\.0 on esp32-devkitc does not support/,
    );
  });

  it("refuses an image that needs more memory than the board's RAM budget", async () => {
    const wasm = await compileSnippet("big-memory", `${ENTRY}export function sail_setup(): void {}\n`, [
      "--initialMemory",
      "3",
    ]);
    assert.match(await refusal(wasm), /starts with 3 pages \(192 KiB\) of memory; esp32-devkitc gives the app 128 KiB/);
    assert.match(await refusal(wasm, c3), /esp32-c3-devkitm gives the app 64 KiB/);
  });

  it("caps memory growth at the RAM budget, so memory.grow fails as on the board", async () => {
    const wasm = await compileSnippet(
      "grow",
      `${ENTRY}import { log } from "../../assembly/sail";\nexport function sail_setup(): ` +
        `void { log.info(memory.grow(1).toString() + " " + memory.grow(1).toString()); }\n`,
      ["--runtime", "minimal"],
    );
    const board = Board.load("esp32-devkitc");
    await board.flash(wasm);
    // 128 KiB budget: the second page is granted, a third is not.
    assert.ok(
      board.logs.some((l) => l.source === "app" && l.text === "1 -1"),
      JSON.stringify(board.logs),
    );
  });

  it("refuses an image larger than the app partition", async () => {
    const blink = await firmware(BLINK);
    const padded = appendCustomSection(blink, "padding", new Uint8Array(1_600_000));
    assert.match(
      await refusal(padded),
      /is \d{6,7} bytes; the sail_0 image partition of esp32-devkitc holds 655360 bytes/,
    );
  });

  it("refuses an image built for other boards", async () => {
    assert.match(
      await refusal(await firmware(BUTTON_LED), c3),
      /is built for esp32-devkitc; it cannot be flashed onto esp32-c3-devkitm/,
    );
  });

  it("refuses a firmware built for another ABI major version", async () => {
    const wasm = await compileSnippet(
      "abi2",
      `export { sail_event } from "../../assembly/sail";\nexport const ` +
        `sail_abi_version: i32 = 2 << 16;\nexport function sail_setup(): void {}\n`,
    );
    assert.match(
      await refusal(wasm),
      /is built for ABI 2\.0; this board speaks ABI 1\.3 \(major versions must match\)/,
    );
  });

  it("refuses a firmware without the entry points, saying how to add them", async () => {
    const wasm = await compileSnippet("no-setup", `${ENTRY}export function setup(): void {}\n`);
    assert.match(await refusal(wasm), /does not export sail_setup/);
  });

  it("refuses a firmware that imports its memory", async () => {
    const wasm = await compileSnippet("import-memory", `${ENTRY}export function sail_setup(): void {}\n`, [
      "--importMemory",
    ]);
    assert.match(await refusal(wasm), /imports memory env\.memory; a Sail board gives firmware only functions/);
  });
});

describe("flashing hostile images", () => {
  it("refuses an image that exports sail_fuel without being metered, instead of hanging", async () => {
    const wasm = await compileSnippet(
      "forged-meter",
      `${ENTRY}import { gpio_read } from "../../assembly/sail/bindings";\nexport let sail_fuel: ` +
        `i32 = 0;\nexport function sail_setup(): void { while (gpio_read(4) >= 0) {} }\n`,
    );
    assert.match(
      await refusal(wasm),
      /exports sail_fuel but is not metered as sail build meters: .*does not import sail\.meter_exhausted/,
    );
  });

  it("refuses an image with a wasm start function", async () => {
    const { compileAssemblyScript } = await import("../host/build/build.js");
    const { writeFile, mkdir } = await import("node:fs/promises");
    const path = await import("node:path");
    const { ROOT } = await import("./support/firmware.js");
    const dir = path.join(ROOT, "build", "test-snippets");
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, "start.ts"),
      `${ENTRY}import { gpio_write } from "../../assembly/sail/bindings";\ngpio_write(2, ` +
        `1);\nexport function sail_setup(): void {}\n`,
    );
    // Its own empty config: the repository's asconfig.json would add --exportStart.
    await writeFile(path.join(dir, "no-options.json"), "{}");
    const wasm = await compileAssemblyScript(
      [
        path.join(dir, "start.ts"),
        "--config",
        path.join(dir, "no-options.json"),
        "--runtime",
        "stub",
        "--outFile",
        "start.wasm",
      ],
      "start",
    );
    assert.match(
      await refusal(wasm),
      /has a wasm start function, which would run while the board instantiates it; build with --exportStart _start/,
    );
  });

  it("refuses data placed outside the memory the image starts with", async () => {
    const { loadBinaryen } = await import("../host/wasm/binaryen.js");
    const b = await loadBinaryen();
    const binaryen = (await import("binaryen")).default;
    const m = new binaryen.Module();
    m.setMemory(1, 1, "memory", [{ offset: m.i32.const(70_000), data: new Uint8Array([1, 2, 3]), passive: false }]);
    m.addFunction("setup", binaryen.none, binaryen.none, [], m.nop());
    m.addFunction(
      "event",
      binaryen.createType([binaryen.i32, binaryen.i32, binaryen.i64, binaryen.i64]),
      binaryen.i32,
      [],
      m.i32.const(0),
    );
    m.addGlobal("abi", binaryen.i32, false, m.i32.const(0x10001));
    m.addFunctionExport("setup", "sail_setup");
    m.addFunctionExport("setup", "_start");
    m.addFunctionExport("event", "sail_event");
    m.addGlobalExport("abi", "sail_abi_version");
    const wasm = m.emitBinary();
    m.dispose();
    assert.ok(b, "binaryen loads");
    assert.match(
      await refusal(wasm),
      /static data ends at byte 70003, past the 65536 bytes of memory the image starts with/,
    );
  });

  it("keeps a memory maximum the image declares below the board's budget", async () => {
    const wasm = await compileSnippet(
      "max-memory",
      `${ENTRY}import { log } from "../../assembly/sail";\nexport function ` +
        `sail_setup(): void { log.info(memory.grow(1).toString()); }\n`,
      ["--runtime", "minimal", "--maximumMemory", "1"],
    );
    const board = Board.load("esp32-devkitc");
    await board.flash(wasm);
    assert.ok(board.logs.some((l) => l.source === "app" && l.text === "-1"));
  });
});
