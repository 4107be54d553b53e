// `sail verify` as a user runs it: what was compared on agreement, a JUnit
// report, the usage errors; the host runtime under AddressSanitizer and UBSan
// on a trapping firmware; the port's call numbers current; and, with a wasm3
// checkout (SAIL_WASM3_DIR), the wasm3 engine agreeing with the emulator.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBoardProfile } from "../host/boards/profile.js";
import { RUNTIME_DIR, SANITIZER_FLAGS } from "../host/runtime/cc.js";
import { portCallsHeader } from "../host/runtime/port-calls.js";
import { firstDivergence, runStream } from "../host/runtime/verify.js";
import { buildWasm3Runtime } from "../host/runtime/wasm3.js";
import { describe as describeDivergence } from "../host/cli/verify.js";
import { canonicalJunit } from "../host/report/merge.js";
import { BLINK, FADE, FAULTS, firmware } from "./support/firmware.js";
import { compare, faultMode, requireCRuntimeTools } from "./support/verify.js";
import { sail } from "./support/cli.js";

describe("sail verify (command)", function () {
  this.timeout(300_000);

  it("runtime/port/host/sail_port_calls.h is what host/runtime/port-calls.ts writes", () => {
    assert.equal(
      readFileSync(join(RUNTIME_DIR, "port/host/sail_port_calls.h"), "utf8"),
      portCallsHeader(),
      "runtime/port/host/sail_port_calls.h: write it again from portCallsHeader()",
    );
  });

  it("agreeing: exit 0, saying what was compared, and a passing JUnit case", async function () {
    requireCRuntimeTools(this);
    const junit = join(mkdtempSync(join(tmpdir(), "sail-verify-")), "verify.xml");
    const r = await sail("verify", "examples/blink", "--board", "esp32-c3-devkitm", "--for", "2s", "--junit", junit);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^agree: 7 records compared \(logs, pin changes, PWM, LED frames, resets; virtual µs\), 4 events/m,
      "the boot log and the C3's WS2812 frames",
    );
    assert.match(r.stderr, /the emulator \(V8\), then the C runtime \(wasm2c\)/);
    const xml = readFileSync(junit, "utf8");
    assert.match(xml, /tests="1"/);
    assert.doesNotMatch(xml, /<failure/);
  });

  it("--shard k/n verifies a part of the firmwares; the merged JUnit reports equal one run of all", async function () {
    requireCRuntimeTools(this);
    const dir = mkdtempSync(join(tmpdir(), "sail-verify-shard-"));
    const firmwares = ["examples/fade", "examples/blink", "examples/button-led"];
    const common = ["--board", "esp32-devkitc", "--for", "1s"];
    const whole = await sail("verify", ...firmwares, ...common, "--junit", join(dir, "whole.xml"));
    assert.equal(whole.code, 0, whole.stdout + whole.stderr);
    assert.match(whole.stdout, /^3 agree, 0 diverge$/m);
    const first = await sail("verify", ...firmwares, ...common, "--shard", "1/2", "--junit", join(dir, "1.xml"));
    assert.equal(first.code, 0, first.stdout + first.stderr);
    // Sorted by path and dealt round-robin: blink and fade to shard 1, button-led to shard 2.
    assert.match(first.stderr, /shard 1\/2: 2 of 3 firmwares: examples\/blink, examples\/fade/);
    const second = await sail("verify", ...firmwares, ...common, "--shard", "2/2", "--junit", join(dir, "2.xml"));
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.match(second.stderr, /shard 2\/2: 1 of 3 firmwares: examples\/button-led/);
    const merged = await sail(
      "report",
      "merge",
      join(dir, "1.xml"),
      join(dir, "2.xml"),
      "--out",
      join(dir, "merged.xml"),
    );
    assert.equal(merged.code, 0, merged.stderr);
    const read = (f: string): string => canonicalJunit(readFileSync(join(dir, f), "utf8"), f);
    assert.equal(read("merged.xml"), read("whole.xml"));
    assert.match(read("whole.xml"), /tests="3"/);
    const bad = await sail("verify", ...firmwares, "--shard", "3/2");
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /--shard 3\/2: write k\/n with 1 ≤ k ≤ n/);
  });

  it("usage: no firmware, an unknown engine, wasm3 without its checkout, a missing file", async () => {
    const none = await sail("verify");
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give a firmware, a project folder or a \.wasm image \(or several\); usage: sail verify/);
    const engine = await sail("verify", "examples/blink", "--engine", "v8");
    assert.equal(engine.code, 2);
    assert.match(engine.stderr, /--engine v8: the engines are wasm2c and wasm3/);
    const wasm3 = await sail("verify", "examples/blink", "--engine", "wasm3");
    assert.equal(wasm3.code, 2);
    assert.match(wasm3.stderr, /--engine wasm3 needs --wasm3-dir <path> of a wasm3 v0\.5\.0 checkout/);
    const missing = await sail("verify", "no-such-project");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no-such-project: no such file or folder/);
  });

  it("sail verify --help names every option", async () => {
    const r = await sail("verify", "--help");
    for (const option of ["--board", "--scenario", "--for", "--engine", "--wasm3-dir", "--junit"])
      assert.ok((r.stdout + r.stderr).includes(option), option);
  });

  it("under ASan and UBSan the runtime traps on an out-of-bounds load as the emulator does", async function () {
    requireCRuntimeTools(this);
    const c = await compare(FAULTS, "esp32-devkitc", [], 1_000_000, { flags: SANITIZER_FLAGS }, faultMode(3));
    assert.equal(c.divergence, null, c.divergence === null ? "" : describeDivergence(c.divergence));
    assert.match(c.runtime.records.join("\n"), / reset PANIC trap out-of-bounds during TIMER 0/);
  });

  it("the wasm3 engine agrees on blink and fade (SAIL_WASM3_DIR, a wasm3 v0.5.0 checkout)", async function () {
    requireCRuntimeTools(this);
    const wasm3Dir = process.env["SAIL_WASM3_DIR"];
    if (wasm3Dir === undefined || wasm3Dir === "") {
      process.stderr.write("      skipped: set SAIL_WASM3_DIR to a wasm3 v0.5.0 checkout to build the wasm3 engine\n");
      this.skip();
    }
    for (const [project, board] of [
      [BLINK, "esp32-c3-devkitm"],
      [FADE, "esp32-devkitc"],
    ] as const) {
      const image = await firmware(project);
      const r = { image, file: project, profile: loadBoardProfile(board), steps: [], forUs: 3_000_000, seed: 1 };
      const emulator = await runStream(r, null);
      const runtime = await runStream(r, (code) => buildWasm3Runtime(code, { wasm3Dir }));
      const d = firstDivergence(emulator.records, runtime.records);
      assert.equal(d, null, d === null ? "" : describeDivergence(d));
      assert.ok(runtime.frames > 0);
    }
  });
});
