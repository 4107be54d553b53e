// Mounting an NVS partition after whatever happened to it (ESP-IDF
// `PageManager::load`, `Storage::init`): read every page, finish a page move a
// power cut interrupted, keep the newer of two copies of a key that a cut left
// between "append new" and "erase old", and report pages that are corrupt
// rather than torn. Every torn write the store can leave is told apart from
// corruption, so a cut never produces a warning.

import { KvError } from "./errors.js";
import { ENTRY_STATE, NO_PAGE, NS_NAMESPACES, PAGE_STATE } from "./format.js";
import { freshPage, itemId, type ItemRef, type PageInfo } from "./model.js";
import { beginMove, copyItems, endMove } from "./move.js";
import type { PageFlash } from "./pages.js";
import { scanPage, type PageScan } from "./scan.js";
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

export function mountPages(flash: PageFlash): Mounted {
  const scans: PageScan[] = [];
  for (let i = 0; i < flash.count; i++) scans.push(scanPage(i, flash.read(i)));
  const warnings: string[] = [];
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
    const target = scans.find((s) => s.class === "erased" || s.class === "torn-init");
    if (target === undefined) {
      warnings.push(
        `${where(flash, v.index)} was being moved when power failed ` +
          `and no free page is left to finish the move; it stays in use`,
      );
      continue;
    }
    beginMove(flash, v.index, target.index, target.class === "torn-init", maxSeq() + 1);
    copyItems(flash, v.index, target.index, v.items);
    endMove(flash, v.index, target.index, false);
    rescan(target.index);
    rescan(v.index);
  }

  const pages = scans.map((s): PageInfo => {
    switch (s.class) {
      case "erased":
        return freshPage(s.index, "free");
      case "torn-init":
        return freshPage(s.index, "free", true);
      case "unreadable":
        warnings.push(
          `${where(flash, s.index)} is unreadable: ${s.reason}. Its entries are ` +
            `skipped and the page is not used again; erase the partition to reclaim it`,
        );
        return freshPage(s.index, "corrupt");
      case "valid":
        for (const p of s.problems) warnings.push(`${where(flash, s.index)}: ${p}; the entry is skipped`);
        return {
          ...freshPage(s.index, s.header.state === PAGE_STATE.ACTIVE ? "active" : "full"),
          seq: s.header.seq,
          nextFree: s.nextFree,
        };
    }
  });
  if (pages.every((p) => p.kind === "corrupt")) {
    throw new KvError(
      "ERR_NVS_NOT_ENOUGH_SPACE",
      `none of the ${pages.length} pages of nvs partition ${flash.region.name} can ` +
        `be read (${scans.map((s) => `page ${s.index}: ${s.reason}`).join("; ")}): ` +
        `erase the partition (all its keys are lost) and mount it again`,
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
