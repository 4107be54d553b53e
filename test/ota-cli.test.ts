// `sail ota keygen | pack | verify` as a user runs them: output, files and exit codes.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { MANIFEST_SECTION, readManifest, withManifest } from "../host/flash/manifest.js";
import { readSignature } from "../host/ota/signature.js";
import { readWasm, removeCustomSections } from "../host/wasm/binary.js";
import { BLINK, firmware } from "./support/firmware.js";
import { defined } from "../host/defined.js";

const run = promisify(execFile);
const SAIL = fileURLToPath(new URL("../host/cli/main.js", import.meta.url));

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe("sail ota", () => {
  let dir: string;
  let image: string;

  async function sail(...args: string[]): Promise<Outcome> {
    try {
      const { stdout, stderr } = await run(process.execPath, [SAIL, "ota", ...args], { cwd: dir });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "sail-ota-"));
    image = join(dir, "blink.wasm");
    await writeFile(image, await firmware(BLINK));
    const keygen = await sail("keygen", "--out", "release");
    assert.equal(keygen.code, 0, keygen.stderr);
    const pack = await sail("pack", "blink.wasm", "--key", "release.pem");
    assert.equal(pack.code, 0, pack.stderr);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("--help shows the three verbs and the options", async () => {
    const r = await sail("--help");
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^usage: sail ota keygen --out <name> \| sail ota pack .* \| sail ota verify /m);
    assert.match(r.stdout, /--pub <public\.pem>/);
  });

  it("keygen writes a private key readable by its owner only, and the public key", async () => {
    assert.equal((await stat(join(dir, "release.pem"))).mode & 0o777, 0o600);
    assert.match(await readFile(join(dir, "release.pem"), "utf8"), /^-----BEGIN PRIVATE KEY-----/);
    assert.match(await readFile(join(dir, "release.pub.pem"), "utf8"), /^-----BEGIN PUBLIC KEY-----/);
  });

  it("keygen refuses to overwrite a key, and exits 1", async () => {
    const before = await readFile(join(dir, "release.pem"), "utf8");
    const r = await sail("keygen", "--out", "release");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /release\.pem already exists; a key is never overwritten/);
    assert.equal(await readFile(join(dir, "release.pem"), "utf8"), before);
  });

  it("keygen without --out is a usage error (exit 2)", async () => {
    const r = await sail("keygen");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /give --out <name>/);
  });

  it("pack writes <image>.signed.wasm with its SHA-256, or the -o file", async () => {
    const signed = new Uint8Array(await readFile(join(dir, "blink.signed.wasm")));
    assert.ok(readSignature(signed, "blink.signed.wasm") !== null);
    const r = await sail("pack", "blink.wasm", "--key", "release.pem", "-o", "out.wasm");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^signed blink 1\.0\.0 → out\.wasm: [\d,]+ bytes, key id [0-9a-f]{16}$/m);
    assert.match(r.stdout, /^sha256 [0-9a-f]{64}$/m);
    assert.ok(readSignature(new Uint8Array(await readFile(join(dir, "out.wasm"))), "out.wasm") !== null);
  });

  it("pack refuses an image without a manifest, an already signed image, and a public key (exit 1)", async () => {
    await writeFile(
      join(dir, "bare.wasm"),
      removeCustomSections(new Uint8Array(await readFile(image)), [MANIFEST_SECTION]),
    );
    const bare = await sail("pack", "bare.wasm", "--key", "release.pem");
    assert.equal(bare.code, 1);
    assert.match(bare.stderr, /bare\.wasm: has no sail\.manifest section/);
    const twice = await sail("pack", "blink.signed.wasm", "--key", "release.pem", "-o", "twice.wasm");
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /is already signed/);
    const pub = await sail("pack", "blink.wasm", "--key", "release.pub.pem", "-o", "x.wasm");
    assert.equal(pub.code, 1);
    assert.match(pub.stderr, /release\.pub\.pem: not a PEM private key/);
  });

  it("verify prints every check and exits 0 when accepted", async () => {
    const r = await sail(
      "verify",
      "blink.signed.wasm",
      "--pub",
      "release.pub.pem",
      "--board",
      "esp32-devkitc",
      "--running",
      "0.9.0",
    );
    assert.equal(r.code, 0, r.stderr);
    for (const check of ["wasm", "signature", "manifest", "board", "abi", "version"])
      assert.match(r.stdout, new RegExp(`^  ✓ ${check} `, "m"));
    assert.match(r.stdout, /^accepted: blink 1\.0\.0/m);
  });

  it("verify says which checks it skipped", async () => {
    const r = await sail("verify", "blink.signed.wasm", "--pub", "release.pub.pem");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}- board +not checked/m);
    assert.match(r.stdout, /^ {2}- version +not checked/m);
  });

  it("verify exits 1 with the reason: downgrade, wrong board, unsigned, another key, tampered", async () => {
    await sail("keygen", "--out", "other");
    const signed = new Uint8Array(await readFile(join(dir, "blink.signed.wasm")));
    const tampered = signed.slice();
    const at = Buffer.from(tampered).indexOf('"version":"') + '"version":"'.length;
    tampered[at] = 0x39; // claims version 9.x
    await writeFile(join(dir, "tampered.wasm"), tampered);
    const blink = new Uint8Array(await readFile(image));
    const manifest = defined(readManifest(readWasm(blink), "blink"), "the manifest");
    await writeFile(join(dir, "devkitc-only.wasm"), withManifest(blink, { ...manifest, boards: ["esp32-devkitc"] }));
    assert.equal((await sail("pack", "devkitc-only.wasm", "--key", "release.pem")).code, 0);
    const cases: [string[], RegExp][] = [
      [
        ["blink.signed.wasm", "--pub", "release.pub.pem", "--running", "2.0.0"],
        /refused \(downgrade\): .*blink 1\.0\.0 is older than the running 2\.0\.0/,
      ],
      [
        ["devkitc-only.signed.wasm", "--pub", "release.pub.pem", "--board", "esp32-c3-devkitm"],
        /refused \(wrong-board\): .*not esp32-c3-devkitm/,
      ],
      [["blink.wasm", "--pub", "release.pub.pem"], /refused \(unsigned\): blink\.wasm: is not signed/],
      [["blink.signed.wasm", "--pub", "other.pub.pem"], /refused \(other-key\): .*but this board trusts key/],
      [
        ["tampered.wasm", "--pub", "release.pub.pem"],
        /refused \(tampered\): tampered\.wasm: signature does not verify/,
      ],
    ];
    for (const [args, pattern] of cases) {
      const r = await sail("verify", ...args);
      assert.equal(r.code, 1, args.join(" "));
      assert.match(r.stderr, pattern);
      assert.match(r.stdout, /^ {2}✗ \w+ +refused/m);
    }
  });

  it("verify refuses an image whose section name is not UTF-8 in one line naming the file (exit 1)", async () => {
    const signed = new Uint8Array(await readFile(join(dir, "blink.signed.wasm")));
    // A custom section (id 0, 3 bytes: name length 1, the name 0xff, one byte of payload) before the rest.
    const bad = new Uint8Array([...signed.subarray(0, 8), 0x00, 0x03, 0x01, 0xff, 0x00, ...signed.subarray(8)]);
    await writeFile(join(dir, "bad-name.wasm"), bad);
    const r = await sail("verify", "bad-name.wasm", "--pub", "release.pub.pem");
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /bad-name\.wasm: .*a name at byte 10 is not valid UTF-8/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
  });

  it("verify names an unknown --board and the known ones (exit 2)", async () => {
    const r = await sail("verify", "blink.signed.wasm", "--pub", "release.pub.pem", "--board", "esp32-s3-box");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--board esp32-s3-box: no such board profile; known: esp32-c3-devkitm, esp32-devkitc/);
  });

  it("verify refuses an image built for a newer ABI", async () => {
    const bytes = new Uint8Array(await readFile(image));
    const m = defined(readManifest(readWasm(bytes), "blink"), "the manifest");
    await writeFile(join(dir, "future.wasm"), withManifest(bytes, { ...m, abi: "99.0" }));
    assert.equal((await sail("pack", "future.wasm", "--key", "release.pem")).code, 0);
    const r = await sail("verify", "future.signed.wasm", "--pub", "release.pub.pem");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /refused \(wrong-abi\): .*built for ABI 99\.0/);
  });

  it("usage errors exit 2: no verb, no key, a --running that is not semver", async () => {
    assert.equal((await sail()).code, 2);
    assert.equal((await sail("sign", "blink.wasm")).code, 2);
    assert.equal((await sail("pack", "blink.wasm")).code, 2);
    assert.equal((await sail("verify", "blink.signed.wasm")).code, 2);
    const r = await sail("verify", "blink.signed.wasm", "--pub", "release.pub.pem", "--running", "v1");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--running "v1" is not a semantic version/);
  });

  it("a missing file exits 1 naming it", async () => {
    const r = await sail("verify", "nope.wasm", "--pub", "release.pub.pem");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /nope\.wasm: cannot read the image/);
  });
});
