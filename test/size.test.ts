// `sail size`: the size report of the blink example, bucket by bucket.

import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBoardProfile } from "../host/boards/profile.js";
import { sizeCommand } from "../host/cli/size.js";
import { ImageError } from "../host/errors.js";
import { MANIFEST_SECTION } from "../host/flash/manifest.js";
import { formatSizeReport, sizeReport, type SizeReport } from "../host/profiler/size.js";
import { BLINK, firmware } from "./support/firmware.js";

/** Runs the command with console.log and stderr captured. */
async function runSize(
  values: Record<string, string | boolean>,
  positionals: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be restored, not called
  const write = process.stderr.write;
  console.log = (...args: unknown[]): void => {
    out.push(args.join(" "));
  };
  process.stderr.write = (chunk: string | Uint8Array): boolean => {
    err.push(String(chunk));
    return true;
  };
  try {
    const code = await sizeCommand.run(values, positionals);
    return { code, stdout: out.join("\n"), stderr: err.join("") };
  } finally {
    console.log = log;
    process.stderr.write = write;
  }
}

describe("sail size", () => {
  const devkitc = loadBoardProfile("esp32-devkitc");
  let bytes: Uint8Array;
  let report: SizeReport;
  before(async () => {
    bytes = await firmware(BLINK);
    report = sizeReport(bytes, "build/blink.wasm", devkitc);
  });

  it("the total is the file's length, and against the partition", () => {
    assert.equal(report.total, bytes.length);
    assert.deepEqual(report.partition, { name: "sail_0", size: 655360 });
    assert.equal(report.fractionOfPartition, bytes.length / 655360);
  });

  it("code, data, custom sections and other add up to the total", () => {
    const custom = report.customSections.reduce((n, s) => n + s.bytes, 0);
    assert.ok(report.code > 0 && report.data.bytes > 0 && custom > 0 && report.other > 0, JSON.stringify(report));
    assert.equal(report.code + report.data.bytes + custom + report.other, report.total);
    assert.equal(
      report.functions.reduce((n, f) => n + f.bytes, 0),
      report.code,
    );
  });

  it("lists the defined functions by name, largest first", () => {
    assert.ok(report.functions.length > 1);
    for (let i = 1; i < report.functions.length; i++) {
      assert.ok(
        (report.functions[i - 1]?.bytes ?? 0) >= (report.functions[i]?.bytes ?? 0),
        `functions[${i}] is larger than the one before`,
      );
    }
    const names = report.functions.map((f) => f.name);
    assert.ok(names.includes("events/sail_event"), names.join(", "));
    assert.ok(
      names.some((n) => n.endsWith("/sail_setup")),
      names.join(", "),
    );
    assert.equal(new Set(report.functions.map((f) => f.index)).size, report.functions.length);
  });

  it("counts the data segments and gives where static data ends", () => {
    assert.ok(report.data.segments >= 1);
    assert.ok(report.data.staticDataEnd >= report.data.bytes);
  });

  it("lists imports with signatures, exports and custom sections", () => {
    const imports = report.imports.map((i) => `${i.module}.${i.name} ${i.signature}`);
    assert.ok(imports.includes("sail.gpio_write (i32, i32) -> i32"), imports.join("\n"));
    const exports = report.exports.map((e) => e.name);
    for (const e of ["sail_setup", "sail_event", "sail_abi_version"])
      assert.ok(exports.includes(e), `${e} in ${exports.join(", ")}`);
    const sections = report.customSections.map((s) => s.name);
    assert.ok(sections.includes(MANIFEST_SECTION), sections.join(", "));
    assert.ok(sections.includes("name"), sections.join(", "));
  });

  it("compares the memory with the board's RAM budget", () => {
    assert.ok(report.memory.initialPages >= 1);
    assert.equal(report.memory.ramBudget, devkitc.app.ramBytes);
  });

  it("formats a table that names the partition and the biggest function", () => {
    const text = formatSizeReport(report);
    const first = text.split("\n")[0] ?? "";
    assert.match(first, /^blink\.wasm: [\d,]+ B = (\d+\.\d|< 0\.1) % of the 640 KiB sail_0 partition$/);
    assert.ok(first.includes(report.total.toLocaleString("en")), first);
    assert.ok(text.includes(report.functions[0]?.name ?? "?"));
    assert.match(text, /sail\.gpio_write +\(i32, i32\) -> i32/);
    assert.match(text, /sail_event +function/);
    assert.match(text, /RAM budget 128 KiB/);
  });

  it("refuses a file that is not WebAssembly, naming it", () => {
    assert.throws(
      () => sizeReport(new TextEncoder().encode("not wasm"), "x.wasm", devkitc),
      (e: unknown) => e instanceof ImageError && /x\.wasm: not a WebAssembly binary/.test(e.message),
    );
  });

  it("refuses a LEB128 longer than a u32's 5 bytes (the spec's limit), as V8 does", () => {
    // A module with one empty type section whose size is written in 6 bytes (0x80 ×5, then 0x00).
    const sixByteSize = new Uint8Array([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0, 0x01, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00,
    ]);
    assert.equal(WebAssembly.validate(sixByteSize), false, "V8 refuses it too");
    assert.throws(
      () => sizeReport(sixByteSize, "long.wasm", devkitc),
      (e: unknown) => e instanceof ImageError && /long\.wasm: .*LEB128 too long/.test(e.message),
    );
  });

  describe("the command", () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), "sail-size-"));
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("without a firmware exits 2 with the usage", async () => {
      const r = await runSize({}, []);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /sail size: which firmware\?/);
    });

    it("prints the table, or the report as JSON", async () => {
      const file = join(dir, "blink.wasm");
      await writeFile(file, bytes);
      const table = await runSize({ board: "esp32-devkitc" }, [file]);
      assert.equal(table.code, 0, table.stderr);
      assert.match(table.stdout, /^blink\.wasm: .* of the 640 KiB sail_0 partition$/m);
      const json = await runSize({ json: true }, [file]);
      assert.equal(json.code, 0, json.stderr);
      const parsed = JSON.parse(json.stdout) as SizeReport;
      assert.equal(parsed.total, bytes.length);
      assert.equal(parsed.functions.length, report.functions.length);
    });

    it("names a missing file", async () => {
      const r = await runSize({}, [join(dir, "nope.wasm")]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /nope\.wasm: no such file or folder/);
    });
  });
});
