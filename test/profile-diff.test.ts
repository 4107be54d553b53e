// `sail profile --diff old.json new.json [--fail-over 10%]` (docs/profiling.md "Comparing two
// runs"): per function and per event what changed between two --json reports, exiting 1
// past the regression given; a file that is not such a report is refused naming the field.

import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FADE, ROOT } from "./support/firmware.js";
import { sail } from "./support/cli.js";

const OLD = join(ROOT, "build", "profile-diff-old.json");
const SLOWER = join(ROOT, "build", "profile-diff-slower.json");
const BROKEN = join(ROOT, "build", "profile-diff-broken.json");

interface Report {
  functions: { name: string; calls: number; inclusive: number }[];
  events: { name: string; us: { p99: number } }[];
}

describe("sail profile --diff", () => {
  before(async () => {
    const made = await sail("profile", FADE, "--for", "2s", "--json", OLD);
    assert.equal(made.code, 0, made.stderr);
    // The same run with the tick 20% slower and its handler 20% more instructions per call.
    const report = JSON.parse(await readFile(OLD, "utf8")) as Report;
    for (const e of report.events) if (e.name.includes("index/tick")) e.us.p99 *= 1.2;
    for (const f of report.functions) if (f.name === "index/tick") f.inclusive *= 1.2;
    await writeFile(SLOWER, JSON.stringify(report));
    await writeFile(BROKEN, JSON.stringify({ functions: [], events: [{ name: "tick" }] }));
  });

  it("a report against itself: every row unchanged, exit 0 even with --fail-over 0%", async () => {
    const r = await sail("profile", "--diff", OLD, OLD, "--fail-over", "0%");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^event {4}TIMER 0 \(index\/tick\) +[\d.]+ µs → [\d.]+ µs \(\+0\.0%\)$/m);
    assert.match(r.stdout, /^function index\/tick +[\d.]+ instr → [\d.]+ instr \(\+0\.0%\)$/m);
  });

  it("shows the slower tick first, +20.0%, per event and per function", async () => {
    const r = await sail("profile", "--diff", OLD, SLOWER);
    assert.equal(r.code, 0, "no --fail-over: a report, not a check");
    const rows = r.stdout.split("\n").slice(1, 3);
    assert.ok(
      rows.every((l) => l.includes("index/tick") && l.endsWith("(+20.0%)")),
      rows.join("\n"),
    );
  });

  it("--fail-over 10% exits 1 naming what grew; 25% passes", async () => {
    const over = await sail("profile", "--diff", OLD, SLOWER, "--fail-over", "10%");
    assert.equal(over.code, 1);
    assert.match(over.stderr, /regression: event TIMER 0 \(index\/tick\) .* \(\+20\.0%\) is more than 10%/);
    assert.match(over.stderr, /regression: function index\/tick .* is more than 10% \(instructions per call\)/);
    const under = await sail("profile", "--diff", OLD, SLOWER, "--fail-over", "25%");
    assert.equal(under.code, 0, under.stderr);
  });

  it("refuses a file that is not a --json report, naming the file and the field", async () => {
    const r = await sail("profile", "--diff", OLD, BROKEN);
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr,
      /profile-diff-broken\.json: events\[0\] \(name, us\.p99\) is missing .*write it again with --json/,
    );
    const pct = await sail("profile", "--diff", OLD, OLD, "--fail-over", "ten");
    assert.match(pct.stderr, /--fail-over ten: give a percentage, e\.g\. --fail-over 10%/);
  });
});
