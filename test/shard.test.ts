// Sharding (docs/testing.md "Sharding", docs/decisions.md D127): `--shard k/n`
// deals items round-robin by sorted key; `sail fleet rollout --shard` and
// `sail test --shard` run their part; `sail report merge` joins the parts
// into the report one machine writes for the same seeds — compared here
// field for field, times, timestamps and hostnames aside.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify, stripVTControlCharacters } from "node:util";
import { SailError } from "../host/errors.js";
import type { RolloutReport } from "../host/fleet/rollout.js";
import { canonicalJunit, canonicalRollout } from "../host/report/merge.js";
import { parseShard, pickShard } from "../host/report/shard.js";
import { ENV_IMAGE, ENV_PROJECT } from "../host/testing/env.js";
import { ROOT } from "./support/firmware.js";
import { rolloutLamps } from "./rollout-lamps.js";

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SAIL = join(DIST, "host", "cli", "main.js");
const WORK = join(ROOT, "build", "shard-test");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function sail(cwd: string, ...args: string[]): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== ENV_PROJECT && k !== ENV_IMAGE));
  const plain = (code: number, stdout: string, stderr: string): Run => ({
    code,
    stdout: stripVTControlCharacters(stdout),
    stderr: stripVTControlCharacters(stderr),
  });
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SAIL, ...args], {
      cwd,
      env,
      maxBuffer: 64 << 20,
    });
    return plain(0, stdout, stderr);
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return plain(x.code, x.stdout, x.stderr);
  }
}

describe("sharding: --shard k/n and sail report merge", function () {
  this.timeout(600_000);

  before(async () => {
    await rm(WORK, { recursive: true, force: true });
    await mkdir(WORK, { recursive: true });
  });

  it("--shard k/n deals every item to exactly one shard by sorted key, and refuses k outside 1..n", () => {
    const files = ["test/c.test.ts", "test/a.test.ts", "test/e.test.ts", "test/b.test.ts", "test/d.test.ts"];
    const shards = [1, 2].map((k) => pickShard(files, (f) => f, parseShard(`${k}/2`)));
    assert.deepEqual(shards, [
      ["test/a.test.ts", "test/c.test.ts", "test/e.test.ts"],
      ["test/b.test.ts", "test/d.test.ts"],
    ]);
    assert.deepEqual(
      pickShard([30, 4, 100, 7], (n) => n, parseShard("2/3")),
      [7],
    );
    for (const bad of ["0/8", "9/8", "2", "a/b"])
      assert.throws(
        () => parseShard(bad),
        (e: unknown) => e instanceof SailError && e.message.startsWith(`--shard ${bad}: write k/n with 1 ≤ k ≤ n`),
      );
  });

  it("sail fleet rollout in three shards, merged, equals the one-machine rollout and its abort decision", async () => {
    const lamps = await rolloutLamps();
    await writeFile(join(WORK, "old.signed.wasm"), lamps.images.old);
    await writeFile(join(WORK, "new.signed.wasm"), lamps.images.unconfirmed);
    await writeFile(join(WORK, "key.pub.pem"), lamps.publicPem);
    const args = [
      ...["fleet", "rollout", "--from", "old.signed.wasm", "--to", "new.signed.wasm", "--key", "key.pub.pem"],
      ...["--devices", "60", "--seed", "7", "--min-devices", "3", "--rate", "30/min", "--workers", "1"],
    ];
    const whole = await sail(WORK, ...args, "--json", "whole.json", "--html", "whole.html");
    assert.equal(whole.code, 1, whole.stderr);
    assert.match(whole.stderr, /^stage +ends at +offered +updated +confirmed/m);
    assert.match(whole.stdout, /HALTED at stage \d \(\d+ %\): rollback \d+\.\d% > 1%/);
    const html = await readFile(join(WORK, "whole.html"), "utf8");
    assert.match(html, /<svg[^>]*>/);
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href="http/, "the page needs nothing from the network");

    for (const k of [1, 2, 3]) {
      const part = await sail(WORK, ...args, "--shard", `${k}/3`, "--json", `shard-${k}.json`);
      assert.equal(part.code, 0, part.stderr);
      assert.match(part.stdout, /every stage ran; sail report merge applies the abort rules/);
    }
    const missing = await sail(WORK, "report", "merge", "shard-1.json", "shard-3.json", "--out", "merged.json");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /only 2 of 3 shards given; the missing ones: 2/);

    const merged = await sail(
      WORK,
      "report",
      "merge",
      "shard-3.json",
      "shard-1.json",
      "shard-2.json",
      "--out",
      "m.json",
    );
    assert.equal(merged.code, 1, merged.stderr);
    const read = async (f: string): Promise<RolloutReport> =>
      JSON.parse(await readFile(join(WORK, f), "utf8")) as RolloutReport;
    const [one, joined] = [await read("whole.json"), await read("m.json")];
    assert.equal(joined.devices.length, 60);
    assert.equal(joined.outcome, "halted");
    assert.equal(canonicalRollout(joined), canonicalRollout(one));
  });

  it("sail test in two shards by test file, merged, equals the one-machine JUnit XML", async () => {
    const pkg = join(WORK, "sail-sdk");
    await mkdir(pkg, { recursive: true });
    for (const e of ["package.json", "assembly", "asconfig.json", "boards", "templates", "schemas", "docs"])
      await symlink(join(ROOT, e), join(pkg, e));
    await symlink(join(ROOT, "node_modules"), join(pkg, "node_modules"));
    await symlink(DIST, join(pkg, "dist"));
    const created = await sail(WORK, "new", "hall-light", "--sail", pkg);
    assert.equal(created.code, 0, created.stderr);
    const project = join(WORK, "hall-light");
    await mkdir(join(project, "node_modules"), { recursive: true });
    await symlink(pkg, join(project, "node_modules", "sail-sdk"));
    const plain = (suite: string, body: string): string =>
      [
        `import assert from "node:assert/strict";`,
        `import { flash } from "sail-sdk/test";`,
        `describe("${suite}", () => {`,
        `  it("boots and runs a second", async () => {`,
        `    const board = await flash();`,
        `    await board.advance("1s");`,
        `    ${body}`,
        `  });`,
        `});`,
      ].join("\n");
    await writeFile(join(project, "test", "a-boot.test.js"), plain("boot", "assert.ok(true);"));
    await writeFile(join(project, "test", "b-fail.test.js"), plain("fail", "assert.equal(1 + 1, 3);"));

    const one = await sail(project, "test", "--junit", "one.xml");
    assert.equal(one.code, 1, one.stdout + one.stderr);
    assert.match(one.stdout, /^2 passed, 1 failed$/m);
    const parts = [await sail(project, "test", "--shard", "1/2", "--junit", "s1.xml")];
    parts.push(await sail(project, "test", "--shard", "2/2", "--junit", "s2.xml"));
    // Sorted test files: a-boot, b-fail, light; shard 1 takes the first and third.
    assert.match(parts[0]?.stdout ?? "", /^2 passed, 0 failed$/m);
    assert.match(parts[1]?.stdout ?? "", /^0 passed, 1 failed$/m);
    const merged = await sail(project, "report", "merge", "s2.xml", "s1.xml", "--out", "merged.xml");
    assert.equal(merged.code, 0, merged.stderr);
    const xml = async (f: string): Promise<string> => canonicalJunit(await readFile(join(project, f), "utf8"), f);
    assert.equal(await xml("merged.xml"), await xml("one.xml"));
    assert.match(await xml("merged.xml"), /tests="3" failures="1"/);
  });
});
