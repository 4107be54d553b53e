// The core's update check (runtime/core/sail_update.c, libsodium) against the
// emulator's (host/ota/checks.ts): the ten signed examples accepted with the
// same key id, and every refusal given with the emulator's reason and its
// message word for word, under AddressSanitizer and UBSan.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash, type KeyObject } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ABI_VERSION } from "../host/abi/table.js";
import { defined } from "../host/defined.js";
import { FlashChip } from "../host/flash/chip.js";
import { MANIFEST_SECTION, readManifest, withManifest, type Manifest } from "../host/flash/manifest.js";
import { FlashRegion } from "../host/flash/region.js";
import { checkUpdate, OtaError, type UpdatePolicy } from "../host/ota/checks.js";
import { SeededRandom } from "../host/random.js";
import { OtaManager } from "../host/ota/manager.js";
import { generateSigningKeys, loadPrivateKey, loadPublicKey, signImage } from "../host/ota/signature.js";
import { C_PACKAGES } from "../host/runtime/cc.js";
import { buildUpdateTool, hasSodium, SODIUM_PACKAGE } from "../host/runtime/update-c.js";
import { appendCustomSection, readWasm, removeCustomSections } from "../host/wasm/binary.js";
import { firmware, SMART_LAMP } from "./support/firmware.js";
import { EXAMPLES } from "./support/runtime-c.js";
import { requireTool } from "./support/tools.js";

const FILE = "update.wasm";
const keys = generateSigningKeys();
const priv = loadPrivateKey(keys.privatePem, "release.pem");
const pub = loadPublicKey(keys.publicPem, "release.pub.pem");
const other = loadPrivateKey(generateSigningKeys().privatePem, "other.pem");
const POLICY: UpdatePolicy = { trustedKey: pub, board: "esp32-devkitc", abi: ABI_VERSION, running: "1.0.0" };

interface Verdict {
  /** "accepted" or the refusal reason. */
  readonly reason: string;
  /** The refusal's message, or "<name> <version> key <id>" when accepted. */
  readonly message: string;
}

function rawKey(key: KeyObject): string {
  const x = key.export({ format: "jwk" }).x;
  assert.ok(typeof x === "string");
  return Buffer.from(x, "base64url").toString("hex");
}

function emulator(bytes: Uint8Array, policy: UpdatePolicy): Verdict {
  const v = checkUpdate(bytes, FILE, policy);
  if (!v.accepted) return { reason: v.reason, message: v.message };
  return { reason: "accepted", message: `${v.manifest.name} ${v.manifest.version} key ${v.keyId}` };
}

/** What the core says, through runtime/test/sail_check_update.c. */
function core(tool: string, bytes: Uint8Array, policy: UpdatePolicy, sha256?: string): Verdict {
  const dir = mkdtempSync(join(tmpdir(), "sail-update-"));
  writeFileSync(join(dir, FILE), bytes);
  const abi = `${policy.abi.major}.${policy.abi.minor}`;
  const key = policy.trustedKey === null ? "-" : rawKey(policy.trustedKey);
  const args = [join(dir, FILE), FILE, key, policy.board ?? "-", abi, policy.running ?? "-"];
  const run = spawnSync(tool, sha256 === undefined ? args : [...args, sha256], { encoding: "utf8" });
  assert.equal(run.stderr, "", "no sanitizer report, no usage error");
  assert.ok(run.status === 0 || run.status === 1, `exit ${String(run.status)}: ${run.stdout}`);
  const [head = "", second = ""] = run.stdout.split("\n");
  if (run.status === 0) return { reason: "accepted", message: head.replace(/^accepted /, "") };
  return { reason: head.replace(/^refused /, ""), message: second };
}

function withChanges(image: Uint8Array, changes: Partial<Manifest>): Uint8Array {
  const manifest = defined(readManifest(readWasm(image), "image"), "the manifest");
  return withManifest(image, { ...manifest, ...changes });
}

/** The manifest's version digit changed after signing: still valid wasm, no longer what was signed. */
function tamper(signed: Uint8Array): Uint8Array {
  const at = Buffer.from(signed).indexOf('"version":"') + '"version":"'.length;
  const out = signed.slice();
  out[at] = out[at] === 0x39 ? 0x38 : 0x39;
  return out;
}

describe("runtime update check (C) against the emulator's", function () {
  this.timeout(120_000);
  let tool: string;
  let lamp: Uint8Array;
  const sign = (bytes: Uint8Array): Uint8Array => signImage(bytes, priv, FILE);

  before(async function () {
    const cc = requireTool(this, ["cc", "gcc", "clang"], C_PACKAGES);
    if (!hasSodium(cc)) {
      const message = `sodium.h not found: install the Debian package ${SODIUM_PACKAGE}`;
      if (process.env["CI"] === "true") throw new Error(message);
      process.stderr.write(`      skipped: ${message}\n`);
      this.skip();
    }
    tool = buildUpdateTool(cc);
    lamp = await firmware(SMART_LAMP);
  });

  it("accepts the ten signed examples, naming the same key id", async () => {
    assert.equal(EXAMPLES.length, 10);
    for (const example of EXAMPLES) {
      const signed = sign(await firmware(example));
      const board = defined(readManifest(readWasm(signed), example)?.boards[0], "a board");
      const policy = { ...POLICY, board };
      const expected = emulator(signed, policy);
      assert.equal(expected.reason, "accepted", `${example}: ${expected.message}`);
      assert.deepEqual(core(tool, signed, policy), expected, example);
    }
  });

  const refusals: readonly {
    readonly what: string;
    readonly reason: string;
    readonly image: (lamp: Uint8Array) => Uint8Array;
    readonly policy?: Partial<UpdatePolicy>;
  }[] = [
    { what: "a byte changed after signing", reason: "tampered", image: (b) => tamper(sign(b)) },
    {
      what: "the signature's last byte changed",
      reason: "tampered",
      image: (b) => {
        const out = sign(b);
        out[out.length - 1] = (defined(out[out.length - 1], "a byte") ^ 1) & 0xff;
        return out;
      },
    },
    { what: "another key", reason: "other-key", image: (b) => signImage(b, other, FILE) },
    { what: "another board", reason: "wrong-board", image: sign, policy: { board: "esp32-s3-devkitc-1" } },
    {
      what: "a newer ABI minor",
      reason: "wrong-abi",
      image: (b) => sign(withChanges(b, { abi: `${ABI_VERSION.major}.${ABI_VERSION.minor + 1}` })),
    },
    { what: "another ABI major", reason: "wrong-abi", image: (b) => sign(withChanges(b, { abi: "2.0" })) },
    { what: "a downgrade", reason: "downgrade", image: sign, policy: { running: "1.0.1" } },
    {
      what: "a pre-release of the running version",
      reason: "downgrade",
      image: (b) => sign(withChanges(b, { version: "1.0.0-rc.1" })),
    },
    {
      what: "a numeric pre-release below an alphanumeric one",
      reason: "downgrade",
      image: (b) => sign(withChanges(b, { version: "2.0.0-9" })),
      policy: { running: "2.0.0-alpha" },
    },
    {
      what: "a shorter pre-release of the same identifiers",
      reason: "downgrade",
      image: (b) => sign(withChanges(b, { version: "1.0.0-alpha" })),
      policy: { running: "1.0.0-alpha.1" },
    },
    {
      what: "a lower major written with more digits in the minor",
      reason: "downgrade",
      image: (b) => sign(withChanges(b, { version: "9.99.99" })),
      policy: { running: "10.0.0" },
    },
    { what: "an unsigned image", reason: "unsigned", image: (b) => b },
    { what: "no trusted key", reason: "no-trusted-key", image: sign, policy: { trustedKey: null } },
    { what: "not wasm", reason: "not-wasm", image: () => new TextEncoder().encode("#!/bin/sh\necho hi\n") },
    { what: "a cut image", reason: "not-wasm", image: (b) => sign(b).subarray(0, 1000) },
    {
      what: "a section after the signature",
      reason: "bad-signature",
      image: (b) => appendCustomSection(sign(b), "extra", new Uint8Array(4)),
    },
    {
      what: "no manifest",
      reason: "no-manifest",
      image: (b) => sign(removeCustomSections(b, [MANIFEST_SECTION])),
    },
  ];
  for (const r of refusals) {
    it(`refuses ${r.what} as the emulator does (${r.reason})`, () => {
      const bytes = r.image(lamp);
      const policy = { ...POLICY, ...r.policy };
      const expected = emulator(bytes, policy);
      assert.equal(expected.reason, r.reason, expected.message);
      assert.deepEqual(core(tool, bytes, policy), expected);
    });
  }

  it("accepts a reinstall, a later pre-release and any version when no running one is given", () => {
    const cases: readonly [string, string | null][] = [
      ["1.0.0", "1.0.0"],
      ["1.0.0-rc.10", "1.0.0-rc.9"],
      ["1.0.0-alpha", "1.0.0-1"],
      ["1.10.0", "1.9.9"],
      ["1.0.0+build.5", "1.0.0"],
      ["1.0.0-alpha.1", "1.0.0-alpha"],
      ["1.0.0-beta", "1.0.0-alpha.beta"],
      ["1.0.0", "1.0.0-rc.1+build.2"],
      ["10.0.0", "9.99.99"],
      ["0.0.1", null],
    ];
    for (const [version, running] of cases) {
      const bytes = sign(withChanges(lamp, { version }));
      const policy = { ...POLICY, running };
      const expected = emulator(bytes, policy);
      assert.equal(expected.reason, "accepted", `${version} over ${String(running)}: ${expected.message}`);
      assert.deepEqual(core(tool, bytes, policy), expected, `${version} over ${String(running)}`);
    }
  });

  it("refuses an image whose SHA-256 is not the announced one, as the board's download does", () => {
    const signed = sign(lamp);
    const announced = createHash("sha256").update("another image").digest("hex");
    const chip = new FlashChip(4 * 1024 * 1024);
    const board = new OtaManager({
      slots: [new FlashRegion(chip, 0x10000, 0x180000, "sail_0"), new FlashRegion(chip, 0x190000, 0x180000, "sail_1")],
      otadata: new FlashRegion(chip, 0xd000, 0x2000, "sail_otadata"),
      trustedKey: keys.publicPem,
      board: "esp32-devkitc",
    });
    const update = board.begin(signed.length, { file: FILE, sha256: announced });
    update.write(signed);
    let expected: Verdict | null = null;
    try {
      update.finish();
    } catch (e) {
      assert.ok(e instanceof OtaError);
      expected = { reason: e.reason, message: e.message };
    }
    assert.equal(expected?.reason, "sha-mismatch");
    assert.deepEqual(core(tool, signed, POLICY, announced), expected);
  });

  it("gives the emulator's verdict on 160 seeded mutations of the signed image and of its manifest", () => {
    const random = new SeededRandom(13);
    const signed = sign(lamp);
    const manifestAt = Buffer.from(lamp).indexOf('{"name"');
    assert.ok(manifestAt > 0, "the lamp's manifest");
    const seen = new Map<string, number>();
    for (let i = 0; i < 160; i++) {
      let bytes: Uint8Array;
      if (i % 2 === 0) {
        bytes = signed.slice();
        bytes[random.nextU32() % bytes.length] = random.nextU32() & 0xff;
      } else {
        const unsigned = lamp.slice();
        unsigned[manifestAt + (random.nextU32() % 120)] = random.nextU32() & 0xff;
        bytes = sign(unsigned);
      }
      const expected = emulator(bytes, POLICY);
      const got = core(tool, bytes, POLICY);
      assert.equal(got.reason, expected.reason, `mutation ${i}: ${expected.message}`);
      // A JSON syntax error is described by each side's own parser (V8's words are not reproduced).
      const json = "sail.manifest is not valid UTF-8 JSON: ";
      const at = expected.message.indexOf(json);
      if (at < 0) assert.equal(got.message, expected.message, `mutation ${i}`);
      else {
        assert.equal(got.message.slice(0, at + json.length), expected.message.slice(0, at + json.length));
        assert.match(got.message, /; build it with `sail build`$/);
      }
      seen.set(expected.reason, (seen.get(expected.reason) ?? 0) + 1);
    }
    assert.ok(seen.size >= 3, `reasons met: ${JSON.stringify([...seen])}`);
  });
});
