// Reading one NVS page image at mount (ESP-IDF `Page::load`): what the page is
// (erased, a page whose header write was cut, a page in use, or unreadable)
// and, for a page in use, its committed items and where its free entries start.
// An unreadable page's entries are read too: those whose CRCs still hold are
// intact and mount salvages them (docs/lifecycle.md, NVS damage).

import {
  BITMAP_AT,
  ENTRIES_PER_PAGE,
  FORMAT_VERSION,
  PAGE_STATE,
  isErased,
  readHeader,
  type PageHeader,
} from "./format.js";
import { readSlot, type PageItem } from "./item.js";

/**
 * - `erased`: all 0xFF;
 * - `torn-init`: state still erased and no entries, but header bytes written: a cut
 *   struck while the page was being set up; it holds nothing and is erased before use;
 * - `valid`: a page in use (ACTIVE, FULL or FREEING, header CRC good);
 * - `unreadable`: anything else, `reason` says why; `items` are the entries that
 *   still pass their CRCs (a damaged header does not damage its entries).
 */
export type PageClass = "erased" | "torn-init" | "valid" | "unreadable";

export interface PageScan {
  readonly index: number;
  readonly class: PageClass;
  readonly header: PageHeader;
  readonly reason: string;
  /** Committed items with good CRCs, in entry order (valid and unreadable pages). */
  readonly items: PageItem[];
  /** First entry never written: appends go here. */
  readonly nextFree: number;
  /** Committed entries that fail their checks (corruption, not a torn write). */
  readonly problems: EntryProblem[];
}

/** A committed entry that fails its checks: where it is and what is wrong (naming its key where it reads). */
export interface EntryProblem {
  readonly index: number;
  readonly span: number;
  readonly text: string;
}

const STATE_NAMES = new Map<number, string>([
  [PAGE_STATE.ACTIVE, "ACTIVE"],
  [PAGE_STATE.FULL, "FULL"],
  [PAGE_STATE.FREEING, "FREEING"],
]);

export function pageStateName(state: number): string {
  return STATE_NAMES.get(state) ?? `0x${state.toString(16).padStart(8, "0")}`;
}

export function scanPage(index: number, page: Uint8Array): PageScan {
  const header = readHeader(page);
  const base = { index, header, reason: "", items: [], nextFree: 0, problems: [] };
  if (isErased(page)) return { ...base, class: "erased" };
  if (header.state === PAGE_STATE.EMPTY && isErased(page, BITMAP_AT)) return { ...base, class: "torn-init" };
  const unreadable = (reason: string): PageScan => ({ ...base, ...scanEntries(page), class: "unreadable", reason });
  if (!STATE_NAMES.has(header.state))
    return unreadable(`its state word ${pageStateName(header.state)} is not one NVS writes`);
  if (!header.crcOk) return unreadable("its header CRC does not match");
  if (header.version !== FORMAT_VERSION) {
    return unreadable(
      `it has format version 0x${header.version.toString(16)}; this store reads 0x${FORMAT_VERSION.toString(16)}`,
    );
  }
  return { ...base, ...scanEntries(page), class: "valid" };
}

/** The committed items of a page image, its entries that fail their checks, and its first free entry. */
function scanEntries(page: Uint8Array): Pick<PageScan, "items" | "nextFree" | "problems"> {
  const items: PageItem[] = [];
  const problems: EntryProblem[] = [];
  let nextFree = 0;
  for (let i = 0; i < ENTRIES_PER_PAGE;) {
    const slot = readSlot(page, i);
    switch (slot.kind) {
      case "free":
        i += 1;
        continue;
      case "item":
        items.push(slot.item);
        i += slot.item.span;
        break;
      case "dead":
        i += slot.span;
        break;
      case "bad": {
        // The data entries after a damaged head fail one by one: one problem covers the run.
        const last = problems[problems.length - 1];
        if (last !== undefined && last.index + last.span === i && slot.span === 1)
          problems[problems.length - 1] = { ...last, span: last.span + 1 };
        else problems.push({ index: i, span: slot.span, text: slot.problem });
        i += slot.span;
        break;
      }
    }
    nextFree = i;
  }
  return { items, nextFree, problems };
}
