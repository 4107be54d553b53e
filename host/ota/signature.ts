// The `sail.signature` custom section (docs/decisions.md D1): Ed25519 (RFC 8032) over
// every byte of the image before the section, which must be the file's last.
// Keys are PEM files (PKCS#8 private, SPKI public) as node:crypto writes them.

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import { ImageError, KeyError } from "../errors.js";
import { appendCustomSection, readWasm, WasmFormatError, type WasmInfo } from "../wasm/binary.js";
import { defined } from "../defined.js";

export { KeyError } from "../errors.js";

export const SIGNATURE_SECTION = "sail.signature";
/** First payload byte: the signature algorithm. 1 = Ed25519, the only one. */
export const ALGORITHM_ED25519 = 1;
/** Bytes of the key id: the start of SHA-256 over the 32-byte raw public key. */
export const KEY_ID_BYTES = 8;
/** An Ed25519 signature (RFC 8032 §5.1.6). */
export const ED25519_SIGNATURE_BYTES = 64;
/** Payload: algorithm (1) + key id (8) + signature (64). */
export const SIGNATURE_PAYLOAD_BYTES = 1 + KEY_ID_BYTES + ED25519_SIGNATURE_BYTES;

export interface SigningKeysPem {
  readonly privatePem: string;
  readonly publicPem: string;
}

/** The signature an image carries. */
export interface ImageSignature {
  /** Hex key id of the key that signed (as `keyId` prints it). */
  readonly keyId: string;
  readonly signature: Uint8Array;
  /** The signed bytes are the image's first `signedLength` bytes. */
  readonly signedLength: number;
}

export function generateSigningKeys(): SigningKeysPem {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privatePem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    publicPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
}

/** An Ed25519 private key from PEM text; `where` names the file in errors. */
export function loadPrivateKey(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new KeyError(
      `${where}: not a PEM private key; give the <name>.pem that \`sail ota keygen\` wrote (not the .pub.pem)`,
    );
  }
  if (key.asymmetricKeyType !== "ed25519")
    throw new KeyError(
      `${where}: is a ${key.asymmetricKeyType ?? "unknown"} key; Sail ` +
        `images are signed with Ed25519 (make one with \`sail ota keygen\`)`,
    );
  return key;
}

/** An Ed25519 public key from PEM text; a private key is refused. */
export function loadPublicKey(pem: string, where: string): KeyObject {
  if (pem.includes("PRIVATE KEY")) {
    throw new KeyError(
      `${where}: is a private key; a board is given the public half ` +
        `(<name>.pub.pem), the private key stays with whoever signs`,
    );
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new KeyError(`${where}: not a PEM public key; give the <name>.pub.pem that \`sail ota keygen\` wrote`);
  }
  if (key.asymmetricKeyType !== "ed25519")
    throw new KeyError(`${where}: is a ${key.asymmetricKeyType ?? "unknown"} key; Sail images are signed with Ed25519`);
  return key;
}

/** The key id of a public key (or of a private key's public half), 16 hex digits. */
export function keyId(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  const jwk = pub.export({ format: "jwk" });
  if (typeof jwk.x !== "string") throw new KeyError("the key has no Ed25519 public part");
  return createHash("sha256")
    .update(Buffer.from(jwk.x, "base64url"))
    .digest()
    .subarray(0, KEY_ID_BYTES)
    .toString("hex");
}

function parseImage(bytes: Uint8Array, file: string): WasmInfo {
  try {
    return readWasm(bytes);
  } catch (e) {
    if (e instanceof WasmFormatError) throw new ImageError(file, `is not a valid WebAssembly image: ${e.message}`);
    throw e;
  }
}

/**
 * The image's signature, or null when it carries none. Throws ImageError for a
 * signature the board could never accept: two of them, one that is not the
 * last section, an unknown algorithm, a payload of the wrong size.
 */
export function readSignature(
  bytes: Uint8Array,
  file: string,
  info: WasmInfo = parseImage(bytes, file),
): ImageSignature | null {
  const sections = info.customSections.filter((s) => s.name === SIGNATURE_SECTION);
  if (sections.length === 0) return null;
  if (sections.length > 1)
    throw new ImageError(
      file,
      `has ${sections.length} ${SIGNATURE_SECTION} sections; an ` +
        `image carries one, last (sign the unsigned build again)`,
    );
  const s = defined(sections[0], "signature section");
  const end = s.data.byteOffset - bytes.byteOffset + s.data.length;
  if (end !== bytes.length) {
    throw new ImageError(
      file,
      `${SIGNATURE_SECTION} is not the last section (${bytes.length - end} bytes ` +
        `follow it); nothing may be added after signing: sign the final image`,
    );
  }
  if (s.data.length !== SIGNATURE_PAYLOAD_BYTES) {
    throw new ImageError(
      file,
      `${SIGNATURE_SECTION} holds ${s.data.length} bytes; an Ed25519 signature ` +
        `section holds ${SIGNATURE_PAYLOAD_BYTES} (algorithm, key id, signature)`,
    );
  }
  if (s.data[0] !== ALGORITHM_ED25519)
    throw new ImageError(
      file,
      `${SIGNATURE_SECTION} uses algorithm ${s.data[0]}; this board knows ${ALGORITHM_ED25519} (Ed25519) only`,
    );
  return {
    keyId: Buffer.from(s.data.subarray(1, 1 + KEY_ID_BYTES)).toString("hex"),
    signature: s.data.slice(1 + KEY_ID_BYTES),
    signedLength: s.start,
  };
}

/** The image with a signature section appended. Refuses an image that is already signed. */
export function signImage(bytes: Uint8Array, privateKey: KeyObject, file: string): Uint8Array {
  const info = parseImage(bytes, file);
  if (info.customSections.some((s) => s.name === SIGNATURE_SECTION)) {
    throw new ImageError(
      file,
      `is already signed (it has a ${SIGNATURE_SECTION} section); ` +
        `a second one would be refused: sign the unsigned build`,
    );
  }
  const payload = new Uint8Array(SIGNATURE_PAYLOAD_BYTES);
  payload[0] = ALGORITHM_ED25519;
  payload.set(Buffer.from(keyId(privateKey), "hex"), 1);
  payload.set(sign(null, bytes, privateKey), 1 + KEY_ID_BYTES);
  return appendCustomSection(bytes, SIGNATURE_SECTION, payload);
}

/** Whether the signature holds over the image's signed bytes for this public key. */
export function verifyImageSignature(bytes: Uint8Array, sig: ImageSignature, publicKey: KeyObject): boolean {
  return verify(null, bytes.subarray(0, sig.signedLength), publicKey, sig.signature);
}
