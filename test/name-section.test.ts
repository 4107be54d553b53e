// A damaged name section: V8 accepts the image (custom sections never fail
// validation) but binaryen cannot parse it and throws a plain object that
// printed as "[object Object]". Every reader of images refuses it in one
// message naming the file, the name section and the fix; the sail verbs exit
// 1 or 2 with that line, never a stack trace. The damaged images are made by
// code from the blink example (test/support/image-mutants.ts).

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadBoardProfile } from "../host/boards/profile.js";
import { ImageError } from "../host/errors.js";
import { flashImage } from "../host/flash/flash.js";
import { meterImage } from "../host/flash/meter.js";
import { instrumentForProfiler } from "../host/profiler/instrument.js";
import { BLINK, firmware, ROOT } from "./support/firmware.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";
import { uleb } from "../host/wasm/binary.js";
import { DAMAGED_NAME_SECTIONS, withNameSection } from "./support/image-mutants.js";

const run = promisify(execFile);
const SAIL = join(ROOT, "dist/host/cli/main.js");
const NAMED =
  /the name section \(custom section "name": function and local names\) is damaged \(.+ at byte \d+\): rebuild the/;

async function refusedOrRead(what: string, work: () => Promise<unknown>): Promise<"refused" | "read"> {
  try {
    await work();
    return "read";
  } catch (e) {
    assert.ok(e instanceof ImageError, `${what}: threw ${e instanceof Error ? e.name : typeof e}: ${String(e)}`);
    assert.doesNotMatch(e.message, /\[object Object\]/, what);
    assert.match(e.message, /^damaged\.wasm: /, what);
    return "refused";
  }
}

describe("damaged name sections", () => {
  let blink: Uint8Array;
  /** Not metered (as asc leaves it): what sail build and flashing a bare image meter. */
  let raw: Uint8Array;
  before(async () => {
    blink = await firmware(BLINK);
    raw = await compileSnippet(
      "names-raw",
      `${ENTRY}import { log } from "../../assembly/sail";\nexport function sail_setup(): void { log.info("up"); }\n`,
    );
  });

  for (const [label, body] of Object.entries(DAMAGED_NAME_SECTIONS)) {
    it(`${label}: flash, metering and the profiler refuse it naming the section, or read it`, async () => {
      const bytes = withNameSection(blink, body);
      assert.ok(WebAssembly.validate(bytes), "V8 accepts it");
      const profile = loadBoardProfile("esp32-devkitc");
      const bare = withNameSection(raw, body);
      const outcomes = [
        await refusedOrRead(`flash ${label}`, () => flashImage(bytes, profile, "damaged.wasm")),
        await refusedOrRead(`meter ${label}`, () => meterImage(bare, "damaged.wasm")),
        await refusedOrRead(`profile ${label}`, () => instrumentForProfiler(bare, "damaged.wasm")),
      ];
      // The three readers agree: one image is either refused by all or read by all.
      assert.equal(new Set(outcomes).size, 1, `${label}: ${outcomes.join(", ")}`);
    });
  }

  it("a name section that names a global sail_fuel: a bare image is metered under names of its own", async () => {
    const name = [...new TextEncoder().encode("sail_fuel")];
    const globals = [1, 0, name.length, ...name];
    const bytes = withNameSection(raw, [7, ...uleb(globals.length), ...globals]); // subsection 7: global names
    // The metering names its global apart from any name in the image (docs/decisions.md D99), so nothing clashes.
    const flashed = await flashImage(bytes, loadBoardProfile("esp32-devkitc"), "damaged.wasm");
    assert.ok(
      flashed.notes.some((n) => /metered for the watchdog/.test(n)),
      flashed.notes.join("; "),
    );
  });

  it("the sections binaryen cannot parse are refused with the fix, in the library and the CLI (exit 1)", async () => {
    const profile = loadBoardProfile("esp32-devkitc");
    const unreadable = [
      "a subsection length past the section's end",
      "a name cut short by the section's end",
      "a count of names larger than the subsection holds",
    ];
    for (const label of unreadable) {
      const bytes = withNameSection(blink, DAMAGED_NAME_SECTIONS[label] ?? []);
      await assert.rejects(flashImage(bytes, profile, "damaged.wasm"), (e: unknown) => {
        assert.ok(e instanceof ImageError);
        assert.match(e.message, NAMED, label);
        return true;
      });
      await assert.rejects(meterImage(withNameSection(raw, DAMAGED_NAME_SECTIONS[label] ?? []), "damaged.wasm"), NAMED);
    }
    const file = join(ROOT, "build", "damaged-names.wasm");
    await writeFile(file, withNameSection(blink, DAMAGED_NAME_SECTIONS[unreadable[0] ?? ""] ?? []));
    for (const args of [
      ["run", file, "--for", "1s"],
      ["profile", file, "--board", "esp32-devkitc", "--for", "1s"],
    ]) {
      const r = await run(process.execPath, [SAIL, ...args], { cwd: ROOT }).then(
        (o) => ({ code: 0, ...o }),
        (e: unknown) => e as { code: number; stdout: string; stderr: string },
      );
      assert.ok(r.code === 1 || r.code === 2, `${args[0] ?? ""}: exit ${r.code}`);
      assert.match(r.stderr, NAMED, args[0]);
      assert.match(r.stderr, /damaged-names\.wasm/);
      assert.doesNotMatch(r.stderr + r.stdout, /\[object Object\]|\n\s+at /, `${args[0] ?? ""}: no stack trace`);
      assert.doesNotMatch(r.stderr + r.stdout, /parse exception/, "binaryen's own text stays out");
    }
    // A name section binaryen reads with warnings runs, and its warnings do not leak out (at exit, say).
    await writeFile(file, withNameSection(blink, DAMAGED_NAME_SECTIONS["an out-of-range function index"] ?? []));
    const ran = await run(process.execPath, [SAIL, "run", file, "--for", "1s"], { cwd: ROOT });
    assert.doesNotMatch(ran.stdout + ran.stderr, /warning: function index out of bounds/);
  });
});
