// Memory limits in the image (docs/fidelity.md "Memory"): `sail build`
// writes the memory maximum into the image, the board runs those bytes
// without rewriting them, refuses an image whose maximum exceeds its budget,
// and memory.grow past the maximum returns -1 as on wasm3.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { join } from "node:path";
import { Board } from "../host/board/board.js";
import { BuildError } from "../host/errors.js";
import { buildProject, compileAssemblyScript } from "../host/build/build.js";
import { withManifest } from "../host/flash/manifest.js";
import { meterImage } from "../host/flash/meter.js";
import { readWasm, removeCustomSections } from "../host/wasm/binary.js";
import { BLINK, firmware, ROOT } from "./support/firmware.js";

const STACK = "test/fixtures/stack";

async function project(sailJson: object): Promise<string> {
  // Inside the repository's (ignored) build folder, so the probe's relative SDK imports resolve.
  await mkdir(join(ROOT, "build", "memory-test"), { recursive: true });
  const dir = await mkdtemp(join(ROOT, "build", "memory-test", "project-"));
  await cp(join(ROOT, STACK, "assembly"), join(dir, "assembly"), { recursive: true });
  await cp(join(ROOT, STACK, "asconfig.json"), join(dir, "asconfig.json"));
  await writeFile(
    join(dir, "sail.json"),
    JSON.stringify({ name: "mem", version: "0.1.0", model: "sail.test.mem", ...sailJson }),
  );
  return dir;
}

describe("memory maximum in the image", () => {
  it("sail build writes the smallest RAM budget among the boards as the maximum (one board: its budget)", async () => {
    assert.equal(readWasm(await firmware(STACK)).memory?.max, 1); // esp32-devkitc 128 KiB and esp32-c3-devkitm 64 KiB
    const esp32Only = await buildProject(await project({ boards: ["esp32-devkitc"] }));
    assert.equal(readWasm(esp32Only.bytes).memory?.max, 2);
  });

  it("sail.json's memoryPages is written as stated; more than a board gives is refused naming the field", async () => {
    const one = await buildProject(await project({ boards: ["esp32-devkitc"], memoryPages: 1 }));
    assert.equal(readWasm(one.bytes).memory?.max, 1);
    const dir = await project({ boards: ["esp32-devkitc", "esp32-c3-devkitm"], memoryPages: 2 });
    await assert.rejects(
      buildProject(dir),
      (e: unknown) =>
        e instanceof BuildError &&
        e.message.includes("sail.json: memoryPages: 2 pages (128 KiB) is more than esp32-c3-devkitm gives the app") &&
        e.message.includes("(64 KiB, app.ramBytes): lower it to 1 or remove esp32-c3-devkitm from boards"),
    );
  });

  it("binaryen's metering keeps the memory maximum", async () => {
    const wasm = await compileAssemblyScript(
      [
        join(ROOT, BLINK, "assembly/index.ts"),
        "--runtime",
        "stub",
        "--exportStart",
        "_start",
        "--maximumMemory",
        "3",
        "--outFile",
        "probe.wasm",
      ],
      "blink",
    );
    assert.equal(readWasm(wasm).memory?.max, 3);
    assert.equal(readWasm(await meterImage(wasm, "blink")).memory?.max, 3);
  });

  for (const boardId of ["esp32-devkitc", "esp32-c3-devkitm"]) {
    it(`${boardId} runs a built image with the same bytes; memory.grow past its maximum returns -1`, async () => {
      const bytes = await firmware(STACK);
      const board = Board.load(boardId);
      board.pin(18).drive(1); // probe 4: memory.grow(1) with one page declared
      const image = await board.flash(bytes);
      assert.equal(image.bytes, bytes);
      assert.deepEqual(image.notes, []);
      assert.equal(readWasm(image.code).memory?.max, 1);
      await board.advance("250ms");
      assert.ok(board.logs.some((l) => l.text === "stack: probe 4 returned -1"));
    });
  }

  it("a board refuses an image whose maximum exceeds its budget, naming the file, the field and the fix", async () => {
    // Built as sail build builds, for any board, with two pages: the C3 gives the app one.
    const wasm = await compileAssemblyScript(
      [
        join(ROOT, BLINK, "assembly/index.ts"),
        "--runtime",
        "stub",
        "--exportStart",
        "_start",
        "--maximumMemory",
        "2",
        "--outFile",
        "big.wasm",
      ],
      "blink",
    );
    const manifest = { name: "big", version: "0.1.0", model: "sail.test.big", boards: [], abi: "1.3", built: "-" };
    const image = withManifest(await meterImage(wasm, "big"), manifest);
    const c3 = Board.load("esp32-c3-devkitm");
    await assert.rejects(
      c3.flash(image, "big.wasm"),
      new RegExp(
        String.raw`big\.wasm: declares a memory maximum of 2 pages \(128 KiB\); esp32-c3-devkitm gives the app ` +
          String.raw`64 KiB \(app\.ramBytes\): set "memoryPages": 1 in sail\.json and rebuild`,
      ),
    );
    const esp32 = Board.load("esp32-devkitc");
    assert.equal((await esp32.flash(image, "big.wasm")).bytes, image);
  });

  it("sail run runs a bare .wasm as a new file next to it, says so, and leaves the original as it was", async () => {
    const dir = await mkdtemp(join(ROOT, "build", "memory-test", "cli-"));
    const bare = await compileAssemblyScript(
      [join(ROOT, BLINK, "assembly/index.ts"), "--runtime", "stub", "--exportStart", "_start", "--outFile", "b.wasm"],
      "blink",
    );
    const file = join(dir, "blink.wasm");
    await writeFile(file, removeCustomSections(bare, ["sail.manifest"]));
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [
      join(ROOT, "dist/host/cli/main.js"),
      ...["run", file, "--board", "esp32-c3-devkitm", "--for", "1s"],
    ]);
    const out = stdout + stderr;
    assert.ok(out.includes(`${file} is a bare .wasm: wrote ${join(dir, "blink.sail.wasm")}`), out);
    const written = readWasm(new Uint8Array(await readFile(join(dir, "blink.sail.wasm"))));
    assert.equal(written.memory?.max, 1);
    assert.ok(written.exports.some((e) => e.name === "sail_fuel"));
    assert.deepEqual(new Uint8Array(await readFile(file)), removeCustomSections(bare, ["sail.manifest"]));
  });
});
