// What a board refuses to take as an update, and why (one test per reason).

import assert from "node:assert/strict";
import { MANIFEST_SECTION, readManifest, withManifest, type Manifest } from "../host/flash/manifest.js";
import { assertUpdate, checkUpdate, OtaError, type RefusalReason, type UpdatePolicy } from "../host/ota/checks.js";
import { compareSemver } from "../host/ota/semver.js";
import { generateSigningKeys, loadPrivateKey, loadPublicKey, signImage } from "../host/ota/signature.js";
import { readWasm, removeCustomSections } from "../host/wasm/binary.js";
import { BLINK, firmware } from "./support/firmware.js";
import { defined } from "../host/defined.js";

const keys = generateSigningKeys();
const priv = loadPrivateKey(keys.privatePem, "release.pem");
const policy: UpdatePolicy = {
  trustedKey: loadPublicKey(keys.publicPem, "release.pub.pem"),
  board: "esp32-devkitc",
  abi: { major: 1, minor: 3 },
  running: "1.0.0",
};

/** The image with its manifest changed, unsigned. */
function withChanges(image: Uint8Array, changes: Partial<Manifest>): Uint8Array {
  const manifest = defined(readManifest(readWasm(image), "image"), "the manifest");
  return withManifest(image, { ...manifest, ...changes });
}

/** The image with its manifest's version digit changed after signing: still valid wasm, no longer what was signed. */
function tamper(signed: Uint8Array): Uint8Array {
  const at = Buffer.from(signed).indexOf('"version":"') + '"version":"'.length;
  const out = signed.slice();
  out[at] = out[at] === 0x39 ? 0x38 : 0x39;
  return out;
}

function refusal(bytes: Uint8Array, p: UpdatePolicy = policy): { reason: RefusalReason; message: string } {
  const v = checkUpdate(bytes, "update.wasm", p);
  assert.equal(v.accepted, false, "expected a refusal");
  assert.match(v.message, /^update\.wasm: /, "the message names the image");
  return v;
}

describe("OTA update checks", () => {
  let blink: Uint8Array;
  const sign = (bytes: Uint8Array): Uint8Array => signImage(bytes, priv, "update.wasm");
  before(async () => {
    blink = await firmware(BLINK);
  });

  it("accepts a signed image for this board and ABI, newer than the running one, and says what it checked", () => {
    const v = checkUpdate(sign(withChanges(blink, { version: "1.1.0", abi: "1.3" })), "update.wasm", policy);
    assert.equal(v.accepted, true);
    assert.deepEqual(
      v.checks.map((c) => c.name),
      ["wasm", "signature", "manifest", "board", "abi", "version"],
    );
    assert.ok(v.checks.every((c) => !c.skipped));
    assert.equal(v.manifest.version, "1.1.0");
  });

  it("accepts the same version again (a reinstall is not a downgrade) and an older ABI minor", () => {
    assert.equal(checkUpdate(sign(withChanges(blink, { version: "1.0.0", abi: "1.0" })), "u", policy).accepted, true);
  });

  it("skips the board and version checks it was not given, and says so", () => {
    const v = checkUpdate(sign(withChanges(blink, { abi: "1.3" })), "u", { ...policy, board: null, running: null });
    assert.equal(v.accepted, true);
    assert.deepEqual(
      v.checks.filter((c) => c.skipped).map((c) => c.name),
      ["board", "version"],
    );
  });

  it("refuses everything when the board has no trusted key", () => {
    const r = refusal(sign(blink), { ...policy, trustedKey: null });
    assert.equal(r.reason, "no-trusted-key");
    assert.match(r.message, /no trusted key: give the board one/);
  });

  it("refuses what is not WebAssembly", () => {
    const r = refusal(new TextEncoder().encode("<html>404</html>"));
    assert.equal(r.reason, "not-wasm");
    assert.match(r.message, /not a valid WebAssembly image/);
  });

  it("refuses an unsigned image, saying how to sign it", () => {
    const r = refusal(withChanges(blink, { version: "1.1.0" }));
    assert.equal(r.reason, "unsigned");
    assert.match(r.message, /is not signed.*sail ota pack update\.wasm --key/);
  });

  it("refuses a tampered image: the signature does not verify", () => {
    const r = refusal(tamper(sign(withChanges(blink, { version: "1.1.0", abi: "1.3" }))));
    assert.equal(r.reason, "tampered");
    assert.match(r.message, /signature does not verify/);
  });

  it("refuses an image signed by another key, naming both key ids", () => {
    const other = loadPrivateKey(generateSigningKeys().privatePem, "other.pem");
    const r = refusal(signImage(withChanges(blink, { version: "1.1.0" }), other, "u"));
    assert.equal(r.reason, "other-key");
    assert.match(r.message, /signed by key [0-9a-f]{16}, but this board trusts key [0-9a-f]{16}/);
  });

  it("refuses a malformed signature section", () => {
    const signed = sign(withChanges(blink, { version: "1.1.0" }));
    // a section after the signature
    const r = refusal(withManifest(signed, defined(readManifest(readWasm(blink), "x"), "the manifest")));
    assert.equal(r.reason, "bad-signature");
    assert.match(r.message, /not the last section/);
  });

  it("refuses a signed image without a manifest", () => {
    const r = refusal(sign(removeCustomSections(blink, [MANIFEST_SECTION])));
    assert.equal(r.reason, "no-manifest");
    assert.match(r.message, /has no sail\.manifest.*sail build/);
  });

  it("refuses an image built for other boards", () => {
    const r = refusal(sign(withChanges(blink, { version: "1.1.0", boards: ["esp32-c3-devkitm"] })));
    assert.equal(r.reason, "wrong-board");
    assert.match(r.message, /built for esp32-c3-devkitm, not esp32-devkitc/);
  });

  it("takes an image that lists no boards (any board)", () => {
    assert.equal(
      checkUpdate(sign(withChanges(blink, { version: "1.1.0", boards: [], abi: "1.3" })), "u", policy).accepted,
      true,
    );
  });

  it("refuses another ABI major", () => {
    const r = refusal(sign(withChanges(blink, { version: "1.1.0", abi: "2.0" })));
    assert.equal(r.reason, "wrong-abi");
    assert.match(r.message, /built for ABI 2\.0; this board runs ABI 1\.3/);
  });

  it("refuses an ABI minor newer than the board's", () => {
    const r = refusal(sign(withChanges(blink, { version: "1.1.0", abi: "1.4" })));
    assert.equal(r.reason, "wrong-abi");
    assert.match(r.message, /needs ABI 1\.4, newer than this board's 1\.3/);
  });

  it("refuses a downgrade: a lower semver than the running image", () => {
    const r = refusal(sign(withChanges(blink, { version: "0.9.9", abi: "1.3" })));
    assert.equal(r.reason, "downgrade");
    assert.match(r.message, /0\.9\.9 is older than the running 1\.0\.0/);
    assert.equal(
      refusal(sign(withChanges(blink, { version: "1.0.0-rc.1", abi: "1.3" }))).reason,
      "downgrade",
      "a pre-release sorts before its release",
    );
  });

  it("assertUpdate throws an OtaError carrying the reason", () => {
    assert.throws(
      () => assertUpdate(blink, "blink.wasm", policy),
      (e: unknown) => e instanceof OtaError && e.reason === "unsigned",
    );
  });

  it("orders versions as Semantic Versioning 2.0.0 §11 does", () => {
    const ordered = [
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
      "1.0.1",
      "1.2.0",
      "1.10.0",
      "2.0.0",
    ];
    for (let i = 0; i + 1 < ordered.length; i++) {
      const [lower, higher] = [defined(ordered[i], "version"), defined(ordered[i + 1], "version")];
      assert.equal(compareSemver(lower, higher), -1, `${lower} < ${higher}`);
      assert.equal(compareSemver(higher, lower), 1);
    }
    assert.equal(compareSemver("1.2.3+build.5", "1.2.3"), 0, "build metadata is ignored");
  });
});
