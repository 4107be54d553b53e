// The on-flash format of an NVS page, as ESP-IDF v5 lays it out and reads it
// (`nvs_page.hpp`, `nvs_types.hpp`; version 2 pages): one 4 KiB sector = a
// 32-byte header {state u32, seq u32, version u8, reserved[19], crc32 of bytes
// 4..27}, a 32-byte entry-state bitmap (2 bits an entry) and 126 entries of 32
// bytes. An item is one entry {ns u8, type u8, span u8, chunk u8, crc32 u32,
// key[16], data[8]}; a string or blob is that entry followed by span − 1
// entries of raw data in the same page. Every state change only clears bits.
// Blobs use the one-page BLOB type (0x41), which v5 still reads; its multi-page
// BLOB_IDX/BLOB_DATA chunks are neither written nor read here.
//
// Two additions live where ESP-IDF does not look: a page that received another
// page's items names it in reserved bytes 12..15 ("moved-from", under the
// header CRC), and the bitmap's unused last 4 bits (pseudo-entries 126 and 127)
// record that the move's copy and the source's erase are done, so mount can
// finish a move a power cut interrupted.

import { crc32Le } from "./crc32.js";
import { defined } from "../defined.js";

export const PAGE_BYTES = 4096;
export const BITMAP_AT = 32;
export const ENTRIES_AT = 64;
export const ENTRY_BYTES = 32;
/** (4096 − 64) / 32 (`Page::ENTRY_COUNT`). */
export const ENTRIES_PER_PAGE = 126;
/** Entries covered by one 32-bit bitmap word. */
export const ENTRIES_PER_BITMAP_WORD = 16;
/** A string or blob fills at most the 125 data entries after its head: 4000 bytes. */
export const VALUE_BYTES_MAX = (ENTRIES_PER_PAGE - 1) * ENTRY_BYTES;
/** `NVS_VERSION` of ESP-IDF v4+ pages. */
export const FORMAT_VERSION = 0xfe;
/** ESP ROM crc32_le seed NVS uses everywhere. */
export const CRC_SEED = 0xffffffff;
export const ERASED_U32 = 0xffffffff;
/** moved-from of a page that did not receive a move. */
export const NO_PAGE = 0xffffffff;

const AT_STATE = 0;
const AT_SEQ = 4;
const AT_VERSION = 8;
const AT_MOVED_FROM = 12;
const AT_CRC = 28;
/** Bitmap pseudo-entries (past the 126 real ones) marking a move's progress in the receiving page. */
export const COPY_DONE_ENTRY = 126;
export const MOVE_DONE_ENTRY = 127;
export const HEADER_BODY_AT = AT_SEQ;
export const HEADER_BYTES = 32;

/** `Page::PageState`: each state clears one more bit than the one before. */
export const PAGE_STATE = {
  EMPTY: 0xffffffff,
  ACTIVE: 0xfffffffe,
  FULL: 0xfffffffc,
  FREEING: 0xfffffff8,
} as const;

/** `EntryState` (2 bits): 0b01 never appears in a clean write and reads as erased. */
export const ENTRY_STATE = { EMPTY: 0b11, WRITTEN: 0b10, ERASED: 0b00 } as const;

/** `ItemType` codes used here; namespaces are U8 items in namespace 0. */
export const ITEM_TYPE = { U8: 0x01, I64: 0x18, STR: 0x21, BLOB: 0x41 } as const;
/**
 * Integer types by code (`ItemType`): the low nibble is the width in bytes,
 * 0x10 marks signed. This store writes I64 and reads them all.
 */
export const INT_WIDTH_MASK = 0x0f;
export const INT_SIGNED = 0x10;
export const INT_TYPES: ReadonlySet<number> = new Set([0x01, 0x11, 0x02, 0x12, 0x04, 0x14, 0x08, 0x18]);
/** Namespace index that holds the namespace entries (`Storage::createOrOpenNamespace`). */
export const NS_NAMESPACES = 0;
/** Highest namespace index (254 namespaces, `NVS_NAMESPACE_MAX`). */
export const NS_INDEX_MAX = 254;
/** chunkIndex of an item that is not a chunk of a multi-page blob. */
export const CHUNK_NONE = 0xff;
const KEY_AT = 8;
const KEY_BYTES = 16;
const DATA_AT = 24;

export interface PageHeader {
  readonly state: number;
  readonly seq: number;
  readonly version: number;
  readonly movedFrom: number;
  /** This page holds every item moved from `movedFrom`, committed. */
  readonly copyDone: boolean;
  /** The `movedFrom` page has been erased. */
  readonly moveDone: boolean;
  readonly crcOk: boolean;
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

export function readHeader(page: Uint8Array): PageHeader {
  const v = view(page);
  return {
    state: v.getUint32(AT_STATE, true),
    seq: v.getUint32(AT_SEQ, true),
    version: v.getUint8(AT_VERSION),
    movedFrom: v.getUint32(AT_MOVED_FROM, true),
    copyDone: entryState(page, COPY_DONE_ENTRY) === ENTRY_STATE.ERASED,
    moveDone: entryState(page, MOVE_DONE_ENTRY) === ENTRY_STATE.ERASED,
    crcOk: v.getUint32(AT_CRC, true) === crc32Le(CRC_SEED, page.subarray(AT_SEQ, AT_CRC)),
  };
}

/** Header bytes 4..31 of a fresh page (the state stays erased: it is written last). */
export function headerBody(seq: number, movedFrom: number): Uint8Array {
  const h = new Uint8Array(HEADER_BYTES).fill(0xff);
  const v = view(h);
  v.setUint32(AT_SEQ, seq, true);
  h[AT_VERSION] = FORMAT_VERSION;
  v.setUint32(AT_MOVED_FROM, movedFrom, true);
  v.setUint32(AT_CRC, crc32Le(CRC_SEED, h.subarray(AT_SEQ, AT_CRC)), true);
  return h.subarray(HEADER_BODY_AT);
}

export function u32le(value: number): Uint8Array {
  const b = new Uint8Array(4);
  view(b).setUint32(0, value >>> 0, true);
  return b;
}

/** State of entry `i` in a page image's bitmap. */
export function entryState(page: Uint8Array, i: number): number {
  // A page image is a whole page, so the bitmap byte of any entry index is in it (per byte, no call).
  return ((page[BITMAP_AT + (i >> 2)] as number) >> ((i & 3) * 2)) & 0b11;
}

/** Byte offset of entry `i` within its page. */
export function entryAt(i: number): number {
  return ENTRIES_AT + i * ENTRY_BYTES;
}

/** Entries a value of `bytes` bytes takes: its head plus ceil(bytes / 32). */
export function spanOf(bytes: number): number {
  return 1 + Math.ceil(bytes / ENTRY_BYTES);
}

/** `Item::calculateCrc32`: over ns, type, span, chunk, key and data (the crc field skipped). */
export function entryCrc(entry: Uint8Array): number {
  return crc32Le(crc32Le(CRC_SEED, entry.subarray(0, 4)), entry.subarray(KEY_AT));
}

export function valueCrc(data: Uint8Array): number {
  return crc32Le(CRC_SEED, data);
}

export interface EntryHead {
  readonly ns: number;
  readonly type: number;
  readonly span: number;
  readonly chunk: number;
  /** The key, or null when it is not NUL-terminated printable ASCII. */
  readonly key: string | null;
  readonly data: Uint8Array;
  readonly crcOk: boolean;
}

export function readEntryHead(entry: Uint8Array): EntryHead {
  let key: string | null = null;
  const nul = entry.subarray(KEY_AT, KEY_AT + KEY_BYTES).indexOf(0);
  if (nul > 0) {
    key = String.fromCharCode(...entry.subarray(KEY_AT, KEY_AT + nul));
    if (!/^[\x20-\x7e]+$/.test(key)) key = null;
  }
  return {
    ns: defined(entry[0], "entry namespace"),
    type: defined(entry[1], "entry type"),
    span: defined(entry[2], "entry span"),
    chunk: defined(entry[3], "entry chunk"),
    key,
    data: entry.subarray(DATA_AT, DATA_AT + 8),
    crcOk: view(entry).getUint32(4, true) === entryCrc(entry),
  };
}

/** A head entry: `data8` is the 8-byte data field (the value, or size + value CRC). */
export function makeEntryHead(ns: number, type: number, span: number, key: string, data8: Uint8Array): Uint8Array {
  const e = new Uint8Array(ENTRY_BYTES);
  e[0] = ns;
  e[1] = type;
  e[2] = span;
  e[3] = CHUNK_NONE;
  for (let i = 0; i < key.length; i++) e[KEY_AT + i] = key.charCodeAt(i); // zero-padded, as strncpy leaves it
  e.set(data8, DATA_AT);
  view(e).setUint32(4, entryCrc(e), true);
  return e;
}

/** data[8] of a string or blob head: size u16, 0xFFFF, crc32 of the value. */
export function varData(value: Uint8Array): Uint8Array {
  const d = new Uint8Array(8).fill(0xff);
  view(d).setUint16(0, value.length, true);
  view(d).setUint32(4, valueCrc(value), true);
  return d;
}

export function readVarData(data8: Uint8Array): { size: number; crc: number } {
  const v = view(data8);
  return { size: v.getUint16(0, true), crc: v.getUint32(4, true) };
}

export function isErased(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0xff) return false;
  return true;
}
