// The sail.signature section: Ed25519 over every byte before it, last in the file.

import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { ImageError } from "../host/errors.js";
import {
  generateSigningKeys,
  KeyError,
  keyId,
  loadPrivateKey,
  loadPublicKey,
  readSignature,
  signImage,
  SIGNATURE_PAYLOAD_BYTES,
  SIGNATURE_SECTION,
  verifyImageSignature,
} from "../host/ota/signature.js";
import { appendCustomSection, readWasm } from "../host/wasm/binary.js";
import { BLINK, firmware } from "./support/firmware.js";
import { defined } from "../host/defined.js";

describe("OTA image signature", () => {
  const keys = generateSigningKeys();
  const priv = loadPrivateKey(keys.privatePem, "release.pem");
  const pub = loadPublicKey(keys.publicPem, "release.pub.pem");
  let image: Uint8Array;
  before(async () => {
    image = await firmware(BLINK);
  });

  it("appends one sail.signature section, last, that verifies with the public key", () => {
    const signed = signImage(image, priv, "blink.wasm");
    assert.deepEqual(signed.subarray(0, image.length), image, "the signed bytes are the image, unchanged");
    const sections = readWasm(signed).customSections;
    assert.equal(sections.at(-1)?.name, SIGNATURE_SECTION);
    assert.equal(sections.at(-1)?.data.length, SIGNATURE_PAYLOAD_BYTES);
    const sig = readSignature(signed, "blink.signed.wasm");
    assert.ok(sig !== null);
    assert.equal(sig.signedLength, image.length);
    assert.equal(sig.keyId, keyId(pub));
    assert.equal(verifyImageSignature(signed, sig, pub), true);
  });

  it("the signed image still loads as WebAssembly (interpreters skip custom sections)", async () => {
    const signed = signImage(image, priv, "blink.wasm");
    await WebAssembly.compile(signed);
  });

  it("does not verify once any signed byte changes", () => {
    const signed = signImage(image, priv, "blink.wasm");
    const sig = defined(readSignature(signed, "x"), "the signature");
    for (const at of [0x10, Math.floor(image.length / 2), image.length - 1]) {
      const tampered = signed.slice();
      tampered[at] = defined(tampered[at], "byte") ^ 0x01;
      assert.equal(verifyImageSignature(tampered, sig, pub), false, `flip at byte ${at}`);
    }
  });

  it("does not verify with another key", () => {
    const other = loadPublicKey(generateSigningKeys().publicPem, "other.pub.pem");
    const signed = signImage(image, priv, "blink.wasm");
    assert.equal(verifyImageSignature(signed, defined(readSignature(signed, "x"), "the signature"), other), false);
    assert.notEqual(keyId(other), keyId(pub));
  });

  it("an unsigned image has no signature", () => {
    assert.equal(readSignature(image, "blink.wasm"), null);
  });

  it("refuses to sign an image twice", () => {
    const signed = signImage(image, priv, "blink.wasm");
    assert.throws(
      () => signImage(signed, priv, "blink.signed.wasm"),
      (e: unknown) =>
        e instanceof ImageError && /already signed/.test(e.message) && /blink\.signed\.wasm/.test(e.message),
    );
  });

  it("refuses an image with two signature sections", () => {
    const signed = signImage(image, priv, "blink.wasm");
    const twice = appendCustomSection(
      signed,
      SIGNATURE_SECTION,
      defined(readWasm(signed).customSections.at(-1), "the last section").data,
    );
    assert.throws(() => readSignature(twice, "twice.wasm"), /twice\.wasm: has 2 sail\.signature sections/);
  });

  it("refuses a signature that is not the last section", () => {
    const signed = signImage(image, priv, "blink.wasm");
    const after = appendCustomSection(signed, "extra", new Uint8Array([1, 2, 3]));
    assert.throws(() => readSignature(after, "after.wasm"), /not the last section \(\d+ bytes follow it\)/);
  });

  it("refuses a signature section of the wrong size or algorithm", () => {
    assert.throws(
      () => readSignature(appendCustomSection(image, SIGNATURE_SECTION, new Uint8Array(10)), "short.wasm"),
      /holds 10 bytes/,
    );
    const payload = new Uint8Array(SIGNATURE_PAYLOAD_BYTES);
    payload[0] = 7;
    assert.throws(
      () => readSignature(appendCustomSection(image, SIGNATURE_SECTION, payload), "alg.wasm"),
      /algorithm 7/,
    );
  });

  it("refuses to sign what is not WebAssembly", () => {
    assert.throws(
      () => signImage(new TextEncoder().encode("hello"), priv, "notes.txt"),
      /notes\.txt: is not a valid WebAssembly image/,
    );
  });

  it("refuses keys that are not Ed25519, not PEM, or private where public is due", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const rsaPem = rsa.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    assert.throws(
      () => loadPrivateKey(rsaPem, "rsa.pem"),
      (e: unknown) => e instanceof KeyError && /rsa\.pem: is a rsa key; .*Ed25519/.test(e.message),
    );
    assert.throws(() => loadPrivateKey("not a key", "junk.pem"), /junk\.pem: not a PEM private key/);
    assert.throws(() => loadPrivateKey(keys.publicPem, "release.pub.pem"), /not a PEM private key/);
    assert.throws(() => loadPublicKey(keys.privatePem, "release.pem"), /release\.pem: is a private key/);
  });
});
