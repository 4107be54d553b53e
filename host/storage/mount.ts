// Mounting an NVS partition after whatever happened to it (ESP-IDF
// `PageManager::load`, `Storage::init`): read every page, finish a page move a
// power cut interrupted, keep the newer of two copies of a key that a cut left
// between "append new" and "erase old", and report pages that are corrupt
// rather than torn. Every torn write the store can leave is told apart from
// corruption, so a cut never produces a warning.
//
// Damage is recovered as ESP-IDF does, keeping more: an entry that fails its
// CRC is marked erased (`Page::eraseEntryAndSpan`); a page whose header is
// damaged (`PageState::CORRUPT`) is erased and used again, after its entries
// that still pass their CRCs are moved out the way a page move moves them, so
// no intact key is lost; each warning names the keys lost where they read.

import { ENTRY_STATE, NO_PAGE, NS_NAMESPACES, PAGE_STATE } from "./format.js";
import { freshPage, itemId, type ItemRef, type PageInfo } from "./model.js";
import { beginMove, copyItems, endMove } from "./move.js";
import type { PageFlash } from "./pages.js";
import { scanPage, type EntryProblem, type PageScan } from "./scan.js";
import { defined } from "../defined.js";

export interface Mounted {
  readonly pages: PageInfo[];
  readonly items: Map<string, ItemRef>;
  /** Highest sequence number in use (−1 on an empty partition). */
  readonly maxSeq: number;
  readonly warnings: string[];
}

function where(flash: PageFlash, page: number): string {
  return `nvs page ${page} (0x${(flash.region.offset + flash.offset(page)).toString(16)})`;
}

/** A page a move may go into: erased, set up by a cut write, or unreadable with nothing intact on it. */
function reusable(s: PageScan): boolean {
  return s.class === "erased" || s.class === "torn-init" || (s.class === "unreadable" && s.items.length === 0);
}

function isBlank(flash: PageFlash, page: number): boolean {
  return flash.read(page).every((b) => b === 0xff);
}

function lostEntry(flash: PageFlash, page: number, p: EntryProblem): string {
  const run =
    p.span > 2 ? ` (and the ${p.span - 1} entries after it)` : p.span === 2 ? " (and the entry after it)" : "";
  return `${where(flash, page)}: ${p.text}${run}; the entry is skipped`;
}

function keyList(s: PageScan): string {
  return s.items.map((it) => JSON.stringify(it.key)).join(", ");
}

export function mountPages(flash: PageFlash): Mounted {
  const scans: PageScan[] = [];
  const warnings: string[] = [];
  for (let i = 0; i < flash.count; i++) scans.push(scanPage(i, flash.read(i)));
  const damagedAll = scans.every((s) => s.class === "unreadable" && s.items.length === 0);
  // What a damaged page lost, said once, when the page is salvaged or taken for a move.
  const noted = new Set<number>();
  const noteDamage = (u: PageScan): void => {
    if (u.class !== "unreadable" || noted.has(u.index)) return;
    noted.add(u.index);
    // Only entries whose key still reads are named: a page of garbage would name hundreds.
    for (const p of u.problems) if (p.text.includes("(key ")) warnings.push(lostEntry(flash, u.index, p));
    if (u.items.length === 0)
      warnings.push(
        `${where(flash, u.index)} is unreadable: ${u.reason}; it held no intact entry, so it is erased and used again`,
      );
  };
  const seqOf = (s: PageScan): number => (s.class === "valid" ? s.header.seq : -1);
  const maxSeq = (): number => Math.max(-1, ...scans.map(seqOf));
  const rescan = (i: number): void => {
    scans[i] = scanPage(i, flash.read(i));
  };

  // A receiving page whose move-done mark is unwritten: finish that move.
  for (let i = 0; i < scans.length; i++) {
    const d = defined(scans[i], "page scan");
    const h = d.header;
    if (d.class !== "valid" || h.movedFrom === NO_PAGE || h.moveDone) continue;
    const src = scans[h.movedFrom];
    if (
      src === undefined ||
      (src.class === "valid" && (src.header.state !== PAGE_STATE.FREEING || src.header.seq > h.seq))
    ) {
      flash.markMoveDone(d.index); // nothing of that move is left to finish: only the mark is missing
      continue;
    }
    if (!h.copyDone) {
      if (src.class === "valid" && src.header.state === PAGE_STATE.FREEING)
        copyItems(flash, src.index, d.index, src.items);
      else if (src.class === "unreadable" && src.items.length > 0)
        copyItems(flash, src.index, d.index, src.items); // a salvage a cut interrupted: the same items again
      else
        warnings.push(
          `${where(flash, d.index)} was receiving the items of page ` +
            `${src.index}, which can no longer be read: items it held may be lost`,
        );
    }
    endMove(flash, src.index, d.index, src.class === "erased");
    rescan(d.index);
    rescan(src.index);
  }

  // A FREEING page with no receiving page: the cut struck before the target was set up.
  for (let i = 0; i < scans.length; i++) {
    const v = defined(scans[i], "page scan");
    if (v.class !== "valid" || v.header.state !== PAGE_STATE.FREEING) continue;
    const target = scans.find(reusable);
    if (target === undefined) {
      warnings.push(
        `${where(flash, v.index)} was being moved when power failed ` +
          `and no free page is left to finish the move; it stays in use`,
      );
      continue;
    }
    noteDamage(target);
    beginMove(flash, v.index, target.index, target.class !== "erased", maxSeq() + 1);
    copyItems(flash, v.index, target.index, v.items);
    endMove(flash, v.index, target.index, false);
    rescan(target.index);
    rescan(v.index);
  }

  // A page that cannot be read: move its intact items out, then erase it.
  for (let i = 0; i < scans.length; i++) {
    const u = defined(scans[i], "page scan");
    if (u.class !== "unreadable") continue;
    noteDamage(u);
    if (u.items.length > 0) {
      const damage = `${where(flash, u.index)} is unreadable: ${u.reason}`;
      const target = scans.find(reusable);
      if (target === undefined) {
        warnings.push(
          `${damage}; no free page is left to move its ${u.items.length} intact item(s) into, so they are lost ` +
            `(${keyList(u)}) and the page is erased and used again`,
        );
      } else {
        warnings.push(
          `${damage}; its ${u.items.length} intact item(s) are moved to page ${target.index} ` +
            `and the page is erased and used again`,
        );
        noteDamage(target);
        beginMove(flash, u.index, target.index, target.class !== "erased", maxSeq() + 1);
        copyItems(flash, u.index, target.index, u.items);
        endMove(flash, u.index, target.index, false);
        rescan(target.index);
      }
    }
    if (!isBlank(flash, u.index)) flash.erase(u.index);
    rescan(u.index);
  }

  const pages = scans.map((s): PageInfo => {
    switch (s.class) {
      case "erased":
        return freshPage(s.index, "free");
      case "torn-init":
        return freshPage(s.index, "free", true);
      case "unreadable": // erased above; a page that still reads so is not used
        return freshPage(s.index, "corrupt");
      case "valid":
        for (const p of s.problems) {
          warnings.push(lostEntry(flash, s.index, p));
          flash.setEntryStates(s.index, p.index, p.span, ENTRY_STATE.ERASED);
        }
        return {
          ...freshPage(s.index, s.header.state === PAGE_STATE.ACTIVE ? "active" : "full"),
          seq: s.header.seq,
          nextFree: s.nextFree,
        };
    }
  });
  if (damagedAll) {
    warnings.push(
      `none of the ${pages.length} pages of nvs partition ${flash.region.name} could be read: ` +
        `it starts empty (every key it held is lost)`,
    );
  }

  // Keep the newest copy of each key: higher page sequence, then later entry.
  const items = new Map<string, ItemRef>();
  const newer = (a: ItemRef, b: ItemRef): boolean =>
    defined(pages[a.page], "page").seq > defined(pages[b.page], "page").seq || (a.page === b.page && a.index > b.index);
  for (const s of scans) {
    if (s.class !== "valid") continue;
    for (const it of s.items) {
      const ref: ItemRef = { ns: it.ns, key: it.key, value: it.value, page: s.index, index: it.index, span: it.span };
      const id = itemId(it.ns, it.key);
      const other = items.get(id);
      const [keep, drop] = other === undefined || newer(ref, other) ? [ref, other] : [other, ref];
      if (drop !== undefined) flash.setEntryStates(drop.page, drop.index, drop.span, ENTRY_STATE.ERASED);
      items.set(id, keep);
    }
  }
  for (const it of items.values()) defined(pages[it.page], "page").used += it.span;
  const named = new Set([...items.values()].filter((it) => it.ns === NS_NAMESPACES).map((it) => it.value));
  const orphans = new Map<number, number>();
  for (const it of items.values())
    if (it.ns !== NS_NAMESPACES && !named.has(it.ns)) orphans.set(it.ns, (orphans.get(it.ns) ?? 0) + 1);
  for (const [ns, count] of orphans) {
    warnings.push(
      `${count} key(s) belong to namespace index ${ns}, whose ` +
        `namespace entry is lost: they are kept but no name opens them`,
    );
  }

  // Appends go only to the newest page, so entry order stays age order. An older
  // ACTIVE page is marked FULL on flash too, so a later move marks it FREEING in one bit.
  const newest = Math.max(-1, ...pages.filter((p) => p.kind === "active" || p.kind === "full").map((p) => p.seq));
  for (const p of pages) {
    if (p.kind !== "active" || p.seq === newest) continue;
    flash.setState(p.index, PAGE_STATE.FULL);
    p.kind = "full";
  }
  return { pages, items, maxSeq: newest, warnings };
}
