// Pure miIO LAN codec: header, hello, AES-128-CBC payload, MD5 checksum, JSON
// with exact int64; no I/O, no clock (docs/reference/miot-protocol.md §1, §2, §8).

import { createHash, hash, timingSafeEqual } from "node:crypto";
import { decryptCbc, encryptCbc } from "./aes-cbc.js";
import { MiioDropError, SailError } from "../errors.js";

export { MiioDropError } from "../errors.js";

export const MIIO_PORT = 54321; // §1 Transport
export const MAX_DATAGRAM = 1400; // Sail's policy, §8

const MAGIC = 0x2131; // §1
const HEADER_SIZE = 32; // §1, also the whole hello
const CHECKSUM_AT = 16; // §1: bytes 16..31
const TOKEN_SIZE = 16; // §2
const AES_BLOCK = 16;
/** Largest plaintext whose PKCS#7 ciphertext still fits one datagram. */
const MAX_PAYLOAD = Math.floor((MAX_DATAGRAM - HEADER_SIZE) / AES_BLOCK) * AES_BLOCK - 1;
const XHA_PROBE_MARK = [0x4d, 0x44, 0x49, 0x44]; // "MDID" at 16..19, §1

import type { DropReason } from "../errors.js";
export type { DropReason };

export interface MiioHeader {
  did: number;
  stamp: number;
}

/** key = MD5(token), iv = MD5(key ‖ token) (§2). */
export function deriveKeys(token: Uint8Array): { key: Uint8Array; iv: Uint8Array } {
  if (token.length !== TOKEN_SIZE) throw new SailError(`miIO token must be ${TOKEN_SIZE} bytes; got ${token.length}`);
  const id = Buffer.from(token.buffer, token.byteOffset, TOKEN_SIZE).toString("latin1");
  let keys = derivedKeys.get(id);
  if (keys === undefined) {
    const key = md5(token);
    keys = { key, iv: md5(key, token) };
    if (derivedKeys.size >= 64) derivedKeys.clear(); // a handful of tokens per process; never unbounded
    derivedKeys.set(id, keys);
  }
  return keys;
}

/** Two MD5s per packet add up at thousands of packets a second: derive once per token. */
const derivedKeys = new Map<string, { key: Uint8Array; iv: Uint8Array }>();

/** The 32-hex-digit token as users write it, as 16 bytes. Messages never echo the token. */
export function parseToken(hex: string): Uint8Array {
  if (hex.length !== 2 * TOKEN_SIZE) {
    throw new SailError(
      `miIO token must be ${2 * TOKEN_SIZE} hex digits (${TOKEN_SIZE} bytes); got ${hex.length} characters`,
    );
  }
  const bad = hex.search(/[^0-9a-fA-F]/);
  if (bad !== -1)
    throw new SailError(`miIO token must be ${2 * TOKEN_SIZE} hex digits; character ${bad + 1} is not one (0-9, a-f)`);
  return new Uint8Array(Buffer.from(hex, "hex"));
}

/** The client's hello: `21 31 00 20` + 28 × 0xFF (§1). Shared: send it, do not modify it. */
export const HELLO: Uint8Array = Uint8Array.of(0x21, 0x31, 0x00, 0x20, ...new Array<number>(28).fill(0xff));

/** A discovery hello: the classic one, or XHA's probe (4..15 FF, "MDID", virtual did, zeros). */
export function isHello(bytes: Uint8Array): boolean {
  if (bytes.length !== HEADER_SIZE || readU16(bytes, 0) !== MAGIC || readU16(bytes, 2) !== HEADER_SIZE) return false;
  if (allFF(bytes, 4, HEADER_SIZE)) return true;
  // Bytes 20..31 of the probe are the client's random id and padding: not checked.
  return allFF(bytes, 4, CHECKSUM_AT) && XHA_PROBE_MARK.every((b, i) => bytes[CHECKSUM_AT + i] === b);
}

/**
 * The device's hello reply: real did, its stamp, and a slot of 16 × 0xFF, never
 * the token nor random bytes, which clients would adopt as the token (Sail's policy),
 * except in the setup network (`setupToken`).
 * did and stamp must be non-zero: npm `miio` hangs on a zero stamp and drops did 0 (§1, §7).
 */
export function encodeHelloReply(did: number, stamp: number, setupToken?: Uint8Array): Uint8Array {
  checkUint32("hello reply did", did, 1);
  checkUint32("hello reply stamp", stamp, 1);
  const out = new Uint8Array(HEADER_SIZE).fill(0xff, CHECKSUM_AT);
  // A device in its own setup network gives its token in the slot, as unprovisioned devices do
  // (§1 "token leak"): it is how the client that provisions it learns the key (docs/miot.md).
  if (setupToken !== undefined) out.set(setupToken.subarray(0, TOKEN_SIZE), CHECKSUM_AT);
  writeHeader(out, HEADER_SIZE, { did, stamp });
  return out;
}

/** A whole packet: header, AES-128-CBC/PKCS#7 payload, MD5 checksum (§1, §2). */
export function encodePacket(header: MiioHeader, payload: Uint8Array, token: Uint8Array): Uint8Array {
  checkUint32("packet did", header.did, 0);
  checkUint32("packet stamp", header.stamp, 0);
  if (payload.length > MAX_PAYLOAD) {
    throw new SailError(
      `miIO payload is ${payload.length} bytes; at most ${MAX_PAYLOAD} fit a ${MAX_DATAGRAM}-byte datagram`,
    );
  }
  const { key, iv } = deriveKeys(token);
  const body = encryptCbc(payload, key, iv);
  const out = new Uint8Array(HEADER_SIZE + body.length);
  writeHeader(out, out.length, header);
  out.set(body, HEADER_SIZE);
  out.set(checksumOf(out, token), CHECKSUM_AT);
  return out;
}

/**
 * Checks a received packet in Sail's drop order and decrypts it. Throws
 * MiioDropError for a datagram to drop; a foreign did is the session's call.
 */
export function decodePacket(
  bytes: Uint8Array,
  token: Uint8Array,
): { header: MiioHeader; payload: Uint8Array; checksum: Uint8Array } {
  const { key, iv } = deriveKeys(token);
  if (bytes.length > MAX_DATAGRAM)
    throw new MiioDropError("too-long", `${bytes.length} bytes; the limit is ${MAX_DATAGRAM}`);
  if (bytes.length < 2 || readU16(bytes, 0) !== MAGIC)
    throw new MiioDropError("bad-magic", "does not start with 21 31");
  if (bytes.length < HEADER_SIZE)
    throw new MiioDropError("bad-length", `${bytes.length} bytes, shorter than the ${HEADER_SIZE}-byte header`);
  const length = readU16(bytes, 2);
  // The signed length field is what stops data being appended to a packet (§8 weakness 3).
  if (length !== bytes.length)
    throw new MiioDropError("bad-length", `length field says ${length}, datagram is ${bytes.length} bytes`);
  const body = bytes.subarray(HEADER_SIZE);
  if (body.length % AES_BLOCK !== 0)
    throw new MiioDropError("not-block-aligned", `payload of ${body.length} bytes is not a multiple of ${AES_BLOCK}`);
  const checksum = new Uint8Array(bytes.subarray(CHECKSUM_AT, HEADER_SIZE)); // a copy, even of a Buffer
  if (!timingSafeEqual(checksum, checksumOf(bytes, token)))
    throw new MiioDropError("bad-checksum", "MD5 checksum does not match this device's token");
  const plain = decryptCbc(body, key, iv);
  if (plain === null) throw new MiioDropError("bad-padding", "payload does not decrypt to valid PKCS#7 padding");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    header: { did: view.getUint32(8), stamp: view.getUint32(12) },
    payload: withoutTrailingNuls(plain),
    checksum,
  };
}

/** UTF-8 JSON, no trailing NUL; bigint values are written as plain integer literals. */
export function encodeJson(value: unknown): Uint8Array {
  if (!containsBigint(value)) {
    const fast = JSON.stringify(value) as string | undefined;
    if (fast !== undefined) return new TextEncoder().encode(fast);
  }
  const text = writeJson(value, new Set());
  if (text === undefined) throw new SailError(`encodeJson: a ${typeof value} has no JSON form`);
  return new TextEncoder().encode(text);
}

/** Parses UTF-8 JSON; integers beyond ±(2^53 − 1) come back as exact bigints (docs/decisions.md D46). */
export function decodeJson(payload: Uint8Array): unknown {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(payload);
    // Only a run of 16+ digits can be an integer past 2^53: the native parser is exact for everything else.
    if (!/\d{16}/.test(text)) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // fall through: the exact reader gives the precise reason
      }
    }
    return new JsonReader(text).document();
  } catch (e) {
    if (e instanceof MiioDropError) throw e;
    // TextDecoder's TypeError, or a RangeError from nesting deeper than the stack.
    throw new MiioDropError("bad-json", e instanceof TypeError ? "payload is not valid UTF-8" : String(e));
  }
}

function containsBigint(value: unknown, depth = 0): boolean {
  if (typeof value === "bigint") return true;
  if (typeof value !== "object" || value === null || depth > 64) return depth > 64;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (containsBigint(v, depth + 1)) return true;
  return false;
}

/** MD5 of the whole packet with the token in place of the checksum (§2). */
function checksumOf(packet: Uint8Array, token: Uint8Array): Uint8Array {
  // One-shot hash over a copy with the token in the slot: cheaper than a hash object per packet.
  const signed = Buffer.from(packet);
  signed.set(token, CHECKSUM_AT);
  return new Uint8Array(hash("md5", signed, "buffer"));
}

function md5(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash("md5");
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

function writeHeader(out: Uint8Array, length: number, header: MiioHeader): void {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint16(0, MAGIC);
  view.setUint16(2, length);
  view.setUint32(4, 0); // so XHA, which reads 4..11 as one 64-bit did, sees the same did (§1)
  view.setUint32(8, header.did);
  view.setUint32(12, header.stamp);
}

function checkUint32(what: string, value: number, min: 0 | 1): void {
  if (!Number.isInteger(value) || value < min || value > 0xffff_ffff) {
    throw new SailError(`miIO ${what} must be an integer from ${min} to 4294967295; got ${value}`);
  }
}

function readU16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function allFF(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0xff) return false;
  return true;
}

/** python-miio appends one NUL before encrypting, and devices often send one (§2). */
function withoutTrailingNuls(plain: Uint8Array): Uint8Array {
  let end = plain.length;
  while (end > 0 && plain[end - 1] === 0) end--;
  return new Uint8Array(plain.subarray(0, end));
}

/** JSON.stringify's output, except that a bigint is written as its integer literal. */
function writeJson(value: unknown, open: Set<object>): string | undefined {
  if (typeof value === "bigint") return value.toString();
  // JSON.stringify gives undefined for undefined, functions and symbols, as the callers expect.
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  if ("toJSON" in value && typeof value.toJSON === "function")
    return writeJson((value as { toJSON(): unknown }).toJSON(), open);
  if (open.has(value)) throw new SailError("encodeJson: the value contains a cycle");
  open.add(value);
  const text = Array.isArray(value)
    ? `[${Array.from(value, (item: unknown) => writeJson(item, open) ?? "null").join(",")}]`
    : `{${Object.entries(value)
        .flatMap(([k, v]) => {
          const item = writeJson(v, open);
          return item === undefined ? [] : [`${JSON.stringify(k)}:${item}`];
        })
        .join(",")}}`;
  open.delete(value);
  return text;
}

// RFC 8259 tokens; a string token is handed to JSON.parse to decode its escapes.
const WHITESPACE = /[ \t\n\r]*/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw U+0000..U+001F in strings; the class excludes them
const STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;
const LITERAL = /true|false|null/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/** A strict JSON reader that keeps integers exact where JSON.parse would round them. */
class JsonReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  document(): unknown {
    const value = this.value();
    if (this.peek() !== undefined) throw this.error("text after the JSON value");
    return value;
  }

  private value(): unknown {
    switch (this.peek()) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case '"':
        return this.string();
      case "t":
      case "f":
      case "n":
        return this.literal();
      default:
        return this.number();
    }
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.items("{", "}", () => {
      const key = this.string();
      this.expect(":");
      // defineProperty, not assignment: a "__proto__" key stays plain data, as with JSON.parse.
      Object.defineProperty(out, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
    });
    return out;
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.items("[", "]", () => out.push(this.value()));
    return out;
  }

  /** The open bracket, zero or more comma-separated items, the close bracket. */
  private items(open: string, close: string, item: () => void): void {
    this.expect(open);
    if (this.eat(close)) return;
    do item();
    while (this.eat(","));
    this.expect(close);
  }

  private string(): string {
    return JSON.parse(this.match(STRING, "a string")[0]) as string;
  }

  private number(): number | bigint {
    const [text, fraction, exponent] = this.match(NUMBER, "a value");
    const value = Number(text);
    return fraction === undefined && exponent === undefined && !Number.isSafeInteger(value) ? BigInt(text) : value;
  }

  private literal(): boolean | null {
    const [word] = this.match(LITERAL, "true, false or null");
    return word === "null" ? null : word === "true";
  }

  /** The token at the reading position, after any white space. */
  private match(pattern: RegExp, what: string): RegExpExecArray {
    this.peek();
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (found === null) throw this.error(`expected ${what}`);
    this.pos = pattern.lastIndex;
    return found;
  }

  /** Skips white space; the next character, or undefined at the end. */
  private peek(): string | undefined {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.text);
    this.pos = WHITESPACE.lastIndex;
    return this.text[this.pos];
  }

  private eat(char: string): boolean {
    const found = this.peek() === char;
    if (found) this.pos++;
    return found;
  }

  private expect(char: string): void {
    if (!this.eat(char)) throw this.error(`expected "${char}"`);
  }

  private error(what: string): MiioDropError {
    return new MiioDropError("bad-json", `${what} at character ${this.pos}`);
  }
}
