// Moving a page's live items into the free page so the page can be erased
// (ESP-IDF `PageManager::requestNewPage` and `Page::copyItems`), as steps that
// a power cut may interrupt anywhere and that mount can finish:
//   1. the source page is marked FREEING;
//   2. the target page is set up with moved-from = source;
//   3. the live items are programmed packed from entry 0, in source order, then
//      committed, then the target's copy-done mark is written;
//   4. the source page is erased, then the target's move-done mark is written.
// Step 3 always lays the same items out at the same entries, and programming
// the same bytes again over a torn program completes it, so mount redoes step 3
// whole when copy-done is missing; it redoes step 4 when move-done is missing.

import { ENTRY_BYTES, ENTRY_STATE, PAGE_STATE } from "./format.js";
import type { PageFlash } from "./pages.js";

/** Where an item sits in its page. */
export interface Extent {
  readonly index: number;
  readonly span: number;
}

/** Steps 1 and 2. */
export function beginMove(
  flash: PageFlash,
  source: number,
  target: number,
  targetNeedsErase: boolean,
  seq: number,
): void {
  flash.setState(source, PAGE_STATE.FREEING);
  if (targetNeedsErase) flash.erase(target);
  flash.initialize(target, seq, source);
}

/** Step 3: returns the entries the items take in the target (they start at entry 0). */
export function copyItems(flash: PageFlash, source: number, target: number, items: readonly Extent[]): number {
  let total = 0;
  for (const it of items) total += it.span;
  const bytes = new Uint8Array(total * ENTRY_BYTES);
  let at = 0;
  for (const it of items) {
    bytes.set(flash.readEntries(source, it.index, it.span), at * ENTRY_BYTES);
    at += it.span;
  }
  flash.writeEntries(target, 0, bytes);
  flash.setEntryStates(target, 0, total, ENTRY_STATE.WRITTEN);
  flash.markCopyDone(target);
  return total;
}

/** Step 4 (`sourceErased`: the source already reads all 0xFF, so erasing it again is skipped). */
export function endMove(flash: PageFlash, source: number, target: number, sourceErased: boolean): void {
  if (!sourceErased) flash.erase(source);
  flash.markMoveDone(target);
}
