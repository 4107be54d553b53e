// Page-level flash operations of the NVS store (ESP-IDF `nvs_page.cpp`): each
// is one program or erase of the partition, and a power cut may strike inside
// any of them. Programs only clear bits, so every state change here is written
// as a word whose other bits are 1 and leaves its neighbours untouched.

import type { FlashRegion } from "../flash/region.js";
import {
  BITMAP_AT,
  COPY_DONE_ENTRY,
  ENTRIES_PER_BITMAP_WORD,
  ENTRY_BYTES,
  ENTRY_STATE,
  ERASED_U32,
  HEADER_BODY_AT,
  MOVE_DONE_ENTRY,
  PAGE_BYTES,
  PAGE_STATE,
  entryAt,
  headerBody,
  u32le,
} from "./format.js";

const BITS_PER_ENTRY = 2;
const BITMAP_WORD_BYTES = 4;

export class PageFlash {
  constructor(readonly region: FlashRegion) {}

  get count(): number {
    return this.region.size / PAGE_BYTES;
  }

  /** The partition-relative byte offset of a page. */
  offset(page: number): number {
    return page * PAGE_BYTES;
  }

  read(page: number): Uint8Array {
    return this.region.read(this.offset(page), PAGE_BYTES);
  }

  readEntries(page: number, index: number, span: number): Uint8Array {
    return this.region.read(this.offset(page) + entryAt(index), span * ENTRY_BYTES);
  }

  erase(page: number): void {
    this.region.erase(this.offset(page), PAGE_BYTES);
  }

  /** Sets up an erased page: seq, version, moved-from and CRC first, the ACTIVE state last. */
  initialize(page: number, seq: number, movedFrom: number): void {
    this.region.write(this.offset(page) + HEADER_BODY_AT, headerBody(seq, movedFrom));
    this.setState(page, PAGE_STATE.ACTIVE);
  }

  setState(page: number, state: number): void {
    this.region.write(this.offset(page), u32le(state));
  }

  writeEntries(page: number, index: number, bytes: Uint8Array): void {
    this.region.write(this.offset(page) + entryAt(index), bytes);
  }

  /** Moves entries [index, index + span) to WRITTEN or ERASED, one bitmap word at a time from the first. */
  setEntryStates(
    page: number,
    index: number,
    span: number,
    state: typeof ENTRY_STATE.WRITTEN | typeof ENTRY_STATE.ERASED,
  ): void {
    const clear = ENTRY_STATE.EMPTY & ~state;
    const end = index + span;
    for (let word = Math.floor(index / ENTRIES_PER_BITMAP_WORD); word * ENTRIES_PER_BITMAP_WORD < end; word++) {
      let mask = 0;
      const first = Math.max(index, word * ENTRIES_PER_BITMAP_WORD);
      const last = Math.min(end, (word + 1) * ENTRIES_PER_BITMAP_WORD);
      for (let e = first; e < last; e++) mask |= clear << ((e % ENTRIES_PER_BITMAP_WORD) * BITS_PER_ENTRY);
      this.region.write(this.offset(page) + BITMAP_AT + word * BITMAP_WORD_BYTES, u32le(ERASED_U32 & ~mask));
    }
  }

  /** The receiving page's record that every moved item is committed. */
  markCopyDone(page: number): void {
    this.setEntryStates(page, COPY_DONE_ENTRY, 1, ENTRY_STATE.ERASED);
  }

  /** The receiving page's record that the source page is erased. */
  markMoveDone(page: number): void {
    this.setEntryStates(page, MOVE_DONE_ENTRY, 1, ENTRY_STATE.ERASED);
  }
}
