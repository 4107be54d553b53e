// AES-128-CBC with PKCS#7 for miIO payloads (docs/reference/miot-protocol.md §2) at one native call
// per packet. Creating a node:crypto cipher per packet costs more than the
// encryption, so each key keeps one CBC cipher and one decipher alive (no
// padding, never finalised). Their chain carries on from the previous packet's
// last ciphertext block L; since a block is encrypted as E(P ⊕ L), feeding the
// first block as P ⊕ IV ⊕ L restarts the chain at the IV, and on decryption
// the first block's output is corrected by ⊕ L ⊕ IV the same way.

import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from "node:crypto";

const BLOCK = 16;

interface Engine {
  readonly encrypt: Cipher;
  readonly decrypt: Decipher;
  /** Last ciphertext block each one has processed (its chain state). */
  encryptChain: Uint8Array;
  decryptChain: Uint8Array;
}

const engines = new Map<string, Engine>();

function engine(key: Uint8Array, iv: Uint8Array): Engine {
  const id =
    Buffer.from(key.buffer, key.byteOffset, key.length).toString("latin1") +
    Buffer.from(iv.buffer, iv.byteOffset, iv.length).toString("latin1");
  let e = engines.get(id);
  if (e === undefined) {
    e = {
      encrypt: createCipheriv("aes-128-cbc", key, iv).setAutoPadding(false),
      decrypt: createDecipheriv("aes-128-cbc", key, iv).setAutoPadding(false),
      encryptChain: new Uint8Array(iv),
      decryptChain: new Uint8Array(iv),
    };
    if (engines.size >= 64) engines.clear(); // a handful of tokens per process; never unbounded
    engines.set(id, e);
  }
  return e;
}

export function encryptCbc(plain: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  const pad = BLOCK - (plain.length % BLOCK);
  const input = new Uint8Array(plain.length + pad);
  input.set(plain);
  input.fill(pad, plain.length);
  const e = engine(key, iv);
  for (let i = 0; i < BLOCK; i++) input[i] = (input[i] as number) ^ (iv[i] as number) ^ (e.encryptChain[i] as number);
  const out = new Uint8Array(e.encrypt.update(input));
  e.encryptChain = out.slice(out.length - BLOCK);
  return out;
}

/** The plaintext, or null when the PKCS#7 padding is not valid. */
export function decryptCbc(body: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array | null {
  if (body.length === 0 || body.length % BLOCK !== 0) return null;
  const e = engine(key, iv);
  const plain = new Uint8Array(e.decrypt.update(body));
  if (plain.length !== body.length) return null;
  for (let i = 0; i < BLOCK; i++) plain[i] = (plain[i] as number) ^ (e.decryptChain[i] as number) ^ (iv[i] as number);
  e.decryptChain = body.slice(body.length - BLOCK);
  const pad = plain[plain.length - 1] as number;
  if (pad < 1 || pad > BLOCK) return null;
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) return null;
  return plain.subarray(0, plain.length - pad);
}
