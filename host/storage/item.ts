// Values as NVS items (ESP-IDF `nvs_types.hpp`, `nvs_page.cpp` readItem/
// writeItem): an integer is one I64 entry; a string or blob is a head entry
// {size, crc32 of the bytes} plus the bytes in the entries that follow it; a
// namespace is a U8 entry in namespace 0 whose key is its name and whose
// value is its index. A string is stored as UTF-8 with its NUL terminator,
// which counts in its size, as `nvs_set_str` stores it.

import {
  ENTRIES_PER_PAGE,
  ENTRY_BYTES,
  ITEM_TYPE,
  NS_INDEX_MAX,
  NS_NAMESPACES,
  VALUE_BYTES_MAX,
  entryAt,
  entryState,
  ENTRY_STATE,
  makeEntryHead,
  readEntryHead,
  readVarData,
  spanOf,
  valueCrc,
  varData,
  isErased,
  CHUNK_NONE,
  INT_SIGNED,
  INT_TYPES,
  INT_WIDTH_MASK,
} from "./format.js";
import { defined } from "../defined.js";

/** What a key holds: an integer (i64), a UTF-8 string, or bytes. */
export type KvValue = bigint | string | Uint8Array;
export type KvType = "int" | "str" | "blob";

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const UNUSED = 0xff;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export function typeOf(value: KvValue): KvType {
  return typeof value === "bigint" ? "int" : typeof value === "string" ? "str" : "blob";
}

export function sameValue(a: KvValue, b: KvValue): boolean {
  if (typeof a === "bigint" || typeof b === "bigint" || typeof a === "string" || typeof b === "string") return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function inI64Range(v: bigint): boolean {
  return v >= I64_MIN && v <= I64_MAX;
}

/** The bytes a string or blob stores: a string as UTF-8 and a NUL. */
export function storedBytes(value: string | Uint8Array): Uint8Array {
  if (typeof value !== "string") return value;
  const text = utf8.encode(value);
  const out = new Uint8Array(text.length + 1);
  out.set(text);
  return out;
}

/** All entries of one item, ready to program at a free slot. */
export function encodeItem(ns: number, key: string, value: KvValue | number): Uint8Array {
  if (typeof value === "number") {
    // a namespace entry
    const data = new Uint8Array(8).fill(UNUSED);
    data[0] = value;
    return makeEntryHead(NS_NAMESPACES, ITEM_TYPE.U8, 1, key, data);
  }
  if (typeof value === "bigint") {
    const data = new Uint8Array(8);
    new DataView(data.buffer).setBigInt64(0, value, true);
    return makeEntryHead(ns, ITEM_TYPE.I64, 1, key, data);
  }
  const bytes = storedBytes(value);
  const span = spanOf(bytes.length);
  const out = new Uint8Array(span * ENTRY_BYTES).fill(UNUSED);
  out.set(makeEntryHead(ns, typeof value === "string" ? ITEM_TYPE.STR : ITEM_TYPE.BLOB, span, key, varData(bytes)));
  out.set(bytes, ENTRY_BYTES);
  return out;
}

/** One item found in a page image. */
export interface PageItem {
  readonly ns: number;
  readonly key: string;
  /** A namespace entry's value is its index. */
  readonly value: KvValue | number;
  readonly index: number;
  readonly span: number;
}

/**
 * What sits at entry `i` of a page image, judged by its head:
 * - `free`: never written (all 0xFF, bitmap empty);
 * - `item`: committed (bitmap WRITTEN) with good CRCs, a live candidate;
 * - `dead`: uncommitted or erased; `span` entries are skipped (1 when the head is unreadable);
 * - `bad`: committed, but its CRCs or fields are wrong: corruption, `problem` says what.
 */
export type Slot =
  | { readonly kind: "free" }
  | { readonly kind: "item"; readonly item: PageItem }
  | { readonly kind: "dead"; readonly span: number }
  | { readonly kind: "bad"; readonly span: number; readonly problem: string };

export function readSlot(page: Uint8Array, i: number): Slot {
  const at = entryAt(i);
  const entry = page.subarray(at, at + ENTRY_BYTES);
  const state = entryState(page, i);
  if (state === ENTRY_STATE.EMPTY && isErased(entry)) return { kind: "free" };
  const head = readEntryHead(entry);
  const spanFits = head.span >= 1 && i + head.span <= ENTRIES_PER_PAGE;
  if (state !== ENTRY_STATE.WRITTEN) {
    // Not committed, or erased: a head with a good CRC vouches for its span, so
    // its data entries (which may look like anything) are skipped with it.
    return { kind: "dead", span: head.crcOk && spanFits ? head.span : 1 };
  }
  if (isErased(entry)) return { kind: "bad", span: 1, problem: `entry ${i}: marked written but never written` };
  // The key as it reads: with a bad CRC any byte may be the damaged one, but it is the best name there is.
  const named = head.key === null ? "" : ` (key ${JSON.stringify(head.key)})`;
  if (!head.crcOk) return { kind: "bad", span: 1, problem: `entry ${i}${named}: CRC mismatch` };
  const bad = (problem: string): Slot => ({
    kind: "bad",
    span: spanFits ? head.span : 1,
    problem: `entry ${i}: ${problem}`,
  });
  if (!spanFits) return bad(`span ${head.span} runs past the page's ${ENTRIES_PER_PAGE} entries`);
  if (head.key === null) return bad("the key is not 1..15 printable ASCII characters");
  if (head.chunk !== CHUNK_NONE)
    return bad(
      `key ${JSON.stringify(head.key)} is chunk ${head.chunk} of a multi-page blob, which this store does not write`,
    );
  const key = head.key;
  const item = (value: KvValue | number): Slot => ({
    kind: "item",
    item: { ns: head.ns, key, value, index: i, span: head.span },
  });
  if (head.ns === NS_NAMESPACES) {
    if (head.type !== ITEM_TYPE.U8 || head.span !== 1)
      return bad(`namespace entry ${JSON.stringify(head.key)} has type 0x${head.type.toString(16)}`);
    const index = defined(head.data[0], "namespace index");
    if (index === NS_NAMESPACES || index > NS_INDEX_MAX)
      return bad(`namespace ${JSON.stringify(head.key)} has index ${index}`);
    return item(index);
  }
  if (INT_TYPES.has(head.type)) {
    if (head.span !== 1) return bad(`integer ${JSON.stringify(head.key)} has span ${head.span}`);
    return item(readInt(head.type, head.data));
  }
  switch (head.type) {
    case ITEM_TYPE.STR:
    case ITEM_TYPE.BLOB: {
      const { size, crc } = readVarData(head.data);
      if (size > VALUE_BYTES_MAX || spanOf(size) !== head.span)
        return bad(`${JSON.stringify(head.key)} says ${size} bytes in ${head.span} entries`);
      const bytes = page.slice(at + ENTRY_BYTES, at + ENTRY_BYTES + size);
      if (valueCrc(bytes) !== crc) return bad(`${JSON.stringify(head.key)}: data CRC mismatch`);
      if (head.type === ITEM_TYPE.BLOB) return item(bytes);
      return item(fromUtf8.decode(size > 0 && bytes[size - 1] === 0 ? bytes.subarray(0, size - 1) : bytes));
    }
    default:
      return bad(`${JSON.stringify(head.key)} has type 0x${head.type.toString(16)}, which this store does not read`);
  }
}

/** An integer item's value, little-endian in the low bytes of data[8] (`nvs_set_u8` … `nvs_set_i64`). */
function readInt(type: number, data: Uint8Array): bigint {
  const bits = BigInt((type & INT_WIDTH_MASK) * 8);
  let v = 0n;
  for (let i = (type & INT_WIDTH_MASK) - 1; i >= 0; i--) v = (v << 8n) | BigInt(data[i] ?? 0); // an 8-byte data field
  return type & INT_SIGNED ? BigInt.asIntN(Number(bits), v) : v;
}
