// How an image sits in an app slot (ota_0, ota_1): a 64-byte header (magic,
// layout version, length, SHA-256 of the image, CRC-32 of the header) at the
// slot's start, the image bytes after it. The header is programmed last, after
// the bytes are read back and checked, so a slot cut short by a power loss
// reads as empty or invalid, never as a broken image. (ESP-IDF's own app
// image carries a SHA-256 the bootloader checks the same way: `esp_image_format.h`.)

import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { SlotError } from "../errors.js";
import { SECTOR_BYTES } from "../flash/chip.js";
import type { FlashRegion } from "../flash/region.js";

export { SlotError } from "../errors.js";

/** "SAIL" in flash byte order. */
export const SLOT_MAGIC = 0x4c494153;
export const SLOT_LAYOUT_VERSION = 1;
export const SLOT_HEADER_BYTES = 64;
const SHA256_BYTES = 32;
/** Header fields: magic u32, version u32, length u32, reserved u32, sha256[32], crc32 u32 (of bytes 0..47). */
const AT_MAGIC = 0;
const AT_VERSION = 4;
const AT_LENGTH = 8;
const AT_SHA = 16;
const AT_CRC = AT_SHA + SHA256_BYTES;
/** Bytes programmed per write when a whole image is written at once (one flash page run). */
export const SLOT_WRITE_CHUNK = 4096;

export type SlotContents =
  | { readonly status: "empty" }
  | { readonly status: "invalid"; readonly problem: string }
  | { readonly status: "valid"; readonly bytes: Uint8Array; readonly sha256: Uint8Array };

/** Largest image a slot of this region can hold. */
export function slotCapacity(region: FlashRegion): number {
  return region.size - SLOT_HEADER_BYTES;
}

const sha256 = (bytes: Uint8Array): Uint8Array => new Uint8Array(createHash("sha256").update(bytes).digest());
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** Reads a slot as the bootloader does: the header, then the image checked against its SHA-256. */
export function readSlot(region: FlashRegion): SlotContents {
  const header = region.read(0, SLOT_HEADER_BYTES);
  if (header.every((b) => b === 0xff)) return { status: "empty" };
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const where = `slot ${region.name}`;
  if (view.getUint32(AT_MAGIC, true) !== SLOT_MAGIC)
    return { status: "invalid", problem: `${where} has no image header (bad magic)` };
  if (view.getUint32(AT_CRC, true) !== crc32(header.subarray(0, AT_CRC)))
    return { status: "invalid", problem: `${where}: its header is torn (CRC-32 mismatch)` };
  const version = view.getUint32(AT_VERSION, true);
  if (version !== SLOT_LAYOUT_VERSION)
    return {
      status: "invalid",
      problem: `${where} uses slot layout ${version}; this board reads layout ${SLOT_LAYOUT_VERSION}`,
    };
  const length = view.getUint32(AT_LENGTH, true);
  if (length > slotCapacity(region))
    return { status: "invalid", problem: `${where} claims ${length} bytes; it holds at most ${slotCapacity(region)}` };
  const bytes = region.read(SLOT_HEADER_BYTES, length);
  const expected = header.slice(AT_SHA, AT_SHA + SHA256_BYTES);
  const actual = sha256(bytes);
  if (!sameBytes(actual, expected))
    return {
      status: "invalid",
      problem:
        `${where}: the image's SHA-256 ${hex(actual).slice(0, 16)}… does not ` +
        `match its header's ${hex(expected).slice(0, 16)}… (torn or damaged)`,
    };
  return { status: "valid", bytes, sha256: actual };
}

/**
 * Writes one image into a slot: `beginSlotWrite` erases what it needs,
 * `write` programs chunks in order, `end` reads the bytes back, checks them and
 * only then programs the header that makes the slot bootable.
 */
export class SlotWriter {
  #written = 0;
  #hash = createHash("sha256");
  #done = false;

  private constructor(
    readonly region: FlashRegion,
    readonly length: number,
    readonly onProgress: ((written: number, total: number) => void) | null,
  ) {}

  /** Erases the sectors the image will use (the header's first). The old image is gone from here on. */
  static begin(region: FlashRegion, length: number, onProgress?: (written: number, total: number) => void): SlotWriter {
    if (!Number.isInteger(length) || length <= 0)
      throw new SlotError(`an image for slot ${region.name} must have a positive length, got ${length}`);
    if (length > slotCapacity(region)) {
      throw new SlotError(
        `an image of ${length.toLocaleString("en")} bytes does not fit slot ${region.name}, ` +
          `which holds at most ${slotCapacity(region).toLocaleString("en")}; make the image smaller`,
      );
    }
    const span = Math.ceil((SLOT_HEADER_BYTES + length) / SECTOR_BYTES) * SECTOR_BYTES;
    region.erase(0, span);
    return new SlotWriter(region, length, onProgress ?? null);
  }

  get written(): number {
    return this.#written;
  }

  /** Programs the next chunk of the image. */
  write(chunk: Uint8Array): void {
    if (this.#done) throw new SlotError(`slot ${this.region.name}: write after end`);
    if (this.#written + chunk.length > this.length) {
      throw new SlotError(
        `slot ${this.region.name}: ${this.#written + chunk.length} ` +
          `bytes written, more than the ${this.length} announced at begin`,
      );
    }
    this.region.write(SLOT_HEADER_BYTES + this.#written, chunk);
    this.#hash.update(chunk);
    this.#written += chunk.length;
    this.onProgress?.(this.#written, this.length);
  }

  /**
   * Reads the image back and checks it against what was written; `accept`
   * (which may throw to refuse it) sees the bytes as they now are in flash.
   * Only then is the header programmed. Returns what `accept` returned.
   */
  end<T>(accept: (image: Uint8Array) => T): T {
    if (this.#done) throw new SlotError(`slot ${this.region.name}: end called twice`);
    this.#done = true;
    if (this.#written !== this.length) {
      throw new SlotError(
        `slot ${this.region.name}: ${this.#written} of ${this.length} bytes written; the image is incomplete`,
      );
    }
    const digest = new Uint8Array(this.#hash.digest());
    const image = this.region.read(SLOT_HEADER_BYTES, this.length);
    if (!sameBytes(sha256(image), digest))
      throw new SlotError(
        `slot ${this.region.name}: the bytes read back differ from those written (flash write failed)`,
      );
    const result = accept(image);
    const header = new Uint8Array(SLOT_HEADER_BYTES).fill(0xff);
    const view = new DataView(header.buffer);
    view.setUint32(AT_MAGIC, SLOT_MAGIC, true);
    view.setUint32(AT_VERSION, SLOT_LAYOUT_VERSION, true);
    view.setUint32(AT_LENGTH, this.length, true);
    view.setUint32(AT_LENGTH + 4, 0, true);
    header.set(digest, AT_SHA);
    view.setUint32(AT_CRC, crc32(header.subarray(0, AT_CRC)), true);
    this.region.write(0, header.subarray(0, AT_CRC + 4));
    return result;
  }
}

/** Writes a whole image into a slot in `SLOT_WRITE_CHUNK` pieces. */
export function writeSlot(
  region: FlashRegion,
  image: Uint8Array,
  onProgress?: (written: number, total: number) => void,
): void {
  const writer = SlotWriter.begin(region, image.length, onProgress);
  for (let at = 0; at < image.length; at += SLOT_WRITE_CHUNK) writer.write(image.subarray(at, at + SLOT_WRITE_CHUNK));
  writer.end(() => undefined);
}
