// The key-value store behind the kv_* imports, after ESP-IDF NVS (`nvs.h`,
// `nvs_storage.cpp`, `nvs_pagemanager.cpp`): a log of items over the nvs
// partition's 4 KiB pages. A set appends the new item and only then erases the
// old one; when the active page cannot take an item, the page with the fewest
// live entries is moved into the one page kept free, and erased. Every call is
// on flash when it returns. Synchronous: the board calls it inside wasm imports.

import type { FlashRegion } from "../flash/region.js";
import { checkName, KvError } from "./errors.js";
import {
  ENTRIES_PER_PAGE,
  ENTRY_BYTES,
  ENTRY_STATE,
  NO_PAGE,
  NS_INDEX_MAX,
  NS_NAMESPACES,
  PAGE_BYTES,
  PAGE_STATE,
  VALUE_BYTES_MAX,
} from "./format.js";
import { encodeItem, inI64Range, sameValue, storedBytes, typeOf, type KvType, type KvValue } from "./item.js";
import { itemId, type ItemRef, type PageInfo } from "./model.js";
import { mountPages } from "./mount.js";
import { beginMove, copyItems, endMove } from "./move.js";
import { PageFlash } from "./pages.js";
import { defined } from "../defined.js";

export type { KvType, KvValue } from "./item.js";

/** NVS needs three pages: one in use, one to move into, one spare (IDF `nvs_flash.rst`). */
export const MIN_PAGES = 3;
const TYPE_NAMES: Readonly<Record<KvType, string>> = { int: "an integer", str: "a string", blob: "a blob" };

export interface KvEntry {
  readonly namespace: string;
  readonly key: string;
  readonly value: KvValue;
}

/** Entry counts as `nvs_get_stats` reports them, plus page-level figures. */
export interface KvStats {
  /** Pages (sectors) in the partition. */
  readonly pages: number;
  /** Erased pages; one is always kept for page moves. */
  readonly freePages: number;
  /** Unreadable pages found at mount: skipped, never written. */
  readonly corruptPages: number;
  /** Entries holding live items, namespace entries included. */
  readonly usedEntries: number;
  /** Entries written and no longer live (or left unused in a full page): a page move reclaims them. */
  readonly erasedEntries: number;
  /** Entries never written: the rest of the active page and all of the free pages. */
  readonly freeEntries: number;
  readonly namespaces: number;
  /** Keys across all namespaces. */
  readonly keys: number;
  /** Page moves since mount. */
  readonly pageMoves: number;
}

export class KvStore {
  /** What mount found wrong: corrupt pages and entries (never a torn write). */
  readonly warnings: readonly string[];
  readonly #flash: PageFlash;
  readonly #pages: PageInfo[];
  readonly #items: Map<string, ItemRef>;
  readonly #nsByName = new Map<string, number>();
  readonly #nsByIndex = new Map<number, string>();
  #maxSeq: number;
  #moves = 0;
  /** What interrupted a flash write, as text, once one has. */
  #failure: string | null = null;

  private constructor(flash: PageFlash) {
    const m = mountPages(flash);
    this.#flash = flash;
    this.#pages = m.pages;
    this.#items = m.items;
    this.#maxSeq = m.maxSeq;
    this.warnings = m.warnings;
    for (const it of m.items.values())
      if (it.ns === NS_NAMESPACES && typeof it.value === "number") this.#addNamespace(it.key, it.value);
  }

  /** Reads the partition, finishing whatever a power cut interrupted (`nvs_flash_init_partition`). */
  static mount(region: FlashRegion): KvStore {
    if (region.sectors < MIN_PAGES) {
      throw new KvError(
        "ERR_INVALID_SIZE",
        `nvs partition ${region.name} is ${region.size} bytes: the store needs at least ${MIN_PAGES} ` +
          `pages of ${PAGE_BYTES} bytes (one is kept free for page moves); enlarge it in the board profile`,
      );
    }
    return new KvStore(new PageFlash(region));
  }

  /** Erases the whole partition (`nvs_flash_erase_partition`): every key is lost. */
  static format(region: FlashRegion): void {
    region.erase(0, region.size);
  }

  /** Opens a namespace, creating it on first use; returns its handle (the namespace index, 1..254). */
  openNamespace(name: string): number {
    checkName(name, "namespace");
    const known = this.#nsByName.get(name);
    if (known !== undefined) return known;
    const taken = new Set([...this.#items.values()].map((it) => it.ns));
    let index = 1;
    while (index <= NS_INDEX_MAX && (this.#nsByIndex.has(index) || taken.has(index))) index++;
    if (index > NS_INDEX_MAX)
      throw new KvError(
        "ERR_NVS_NOT_ENOUGH_SPACE",
        `cannot create namespace ${JSON.stringify(name)}: all ${NS_INDEX_MAX} namespaces are in use`,
      );
    this.#guard(() => this.#put(NS_NAMESPACES, name, index));
    this.#addNamespace(name, index);
    return index;
  }

  /** The namespace a handle stands for. */
  namespaceName(ns: number): string {
    return this.#checkHandle(ns);
  }

  /** The value under the key, or undefined. */
  get(ns: number, key: string): KvValue | undefined {
    this.#checkHandle(ns);
    checkName(key, "key");
    const v = this.#items.get(itemId(ns, key))?.value;
    return v instanceof Uint8Array ? v.slice() : typeof v === "number" ? undefined : v;
  }

  getInt(ns: number, key: string): bigint {
    return this.#typed(ns, key, "int") as bigint;
  }

  getString(ns: number, key: string): string {
    return this.#typed(ns, key, "str") as string;
  }

  getBlob(ns: number, key: string): Uint8Array {
    return this.#typed(ns, key, "blob") as Uint8Array;
  }

  /**
   * Stores a value, replacing the old value and type; on flash when it returns. Setting the same value writes nothing.
   */
  set(ns: number, key: string, value: KvValue): void {
    const nsName = this.#checkHandle(ns);
    checkName(key, "key");
    if (typeof value === "bigint" && !inI64Range(value))
      throw new KvError("ERR_INVALID_ARG", `${value} for key ${JSON.stringify(key)} is outside the i64 range`);
    if (typeof value !== "bigint" && storedBytes(value).length > VALUE_BYTES_MAX) {
      const what = `for key ${JSON.stringify(key)} in namespace ${JSON.stringify(nsName)}`;
      throw new KvError(
        "ERR_NVS_VALUE_TOO_LONG",
        typeof value === "string"
          ? `string ${what} is ${storedBytes(value).length - 1} bytes of UTF-8: a string holds at ` +
              `most ${VALUE_BYTES_MAX - 1} (${VALUE_BYTES_MAX} with its NUL terminator, one page)`
          : `blob ${what} is ${value.length} bytes: a blob holds at most ${VALUE_BYTES_MAX} (one page)`,
      );
    }
    const old = this.#items.get(itemId(ns, key));
    if (
      old !== undefined &&
      typeof old.value !== "number" &&
      typeOf(old.value) === typeOf(value) &&
      sameValue(old.value, value)
    )
      return;
    this.#guard(() => this.#put(ns, key, value instanceof Uint8Array ? value.slice() : value));
  }

  /** Deletes the key (`nvs_erase_key`): ERR_NVS_NOT_FOUND when it is absent. */
  erase(ns: number, key: string): void {
    const nsName = this.#checkHandle(ns);
    checkName(key, "key");
    const id = itemId(ns, key);
    const it = this.#items.get(id);
    if (it === undefined)
      throw new KvError(
        "ERR_NVS_NOT_FOUND",
        `key ${JSON.stringify(key)} is not in namespace ${JSON.stringify(nsName)}`,
      );
    this.#guard(() => this.#flash.setEntryStates(it.page, it.index, it.span, ENTRY_STATE.ERASED));
    defined(this.#pages[it.page], "page").used -= it.span;
    this.#items.delete(id);
  }

  /** Every key of one namespace (by handle) or of all, sorted by namespace then key. */
  entries(ns?: number): KvEntry[] {
    if (ns !== undefined) this.#checkHandle(ns);
    const out: KvEntry[] = [];
    for (const it of this.#items.values()) {
      if (it.ns === NS_NAMESPACES || typeof it.value === "number" || (ns !== undefined && it.ns !== ns)) continue;
      const namespace = this.#nsByIndex.get(it.ns) ?? `#${it.ns}`;
      out.push({ namespace, key: it.key, value: it.value instanceof Uint8Array ? it.value.slice() : it.value });
    }
    return out.sort((a, b) => (a.namespace === b.namespace ? cmp(a.key, b.key) : cmp(a.namespace, b.namespace)));
  }

  stats(): KvStats {
    let used = 0;
    let erased = 0;
    let free = 0;
    for (const p of this.#pages) {
      used += p.used;
      if (p.kind === "free") free += ENTRIES_PER_PAGE;
      else if (p.kind === "active") {
        erased += p.nextFree - p.used;
        free += ENTRIES_PER_PAGE - p.nextFree;
      } else if (p.kind === "full") erased += ENTRIES_PER_PAGE - p.used;
    }
    return {
      pages: this.#pages.length,
      freePages: this.#pages.filter((p) => p.kind === "free").length,
      corruptPages: this.#pages.filter((p) => p.kind === "corrupt").length,
      usedEntries: used,
      erasedEntries: erased,
      freeEntries: free,
      namespaces: this.#nsByName.size,
      keys: [...this.#items.values()].filter((it) => it.ns !== NS_NAMESPACES).length,
      pageMoves: this.#moves,
    };
  }

  #addNamespace(name: string, index: number): void {
    this.#nsByName.set(name, index);
    this.#nsByIndex.set(index, name);
  }

  #checkHandle(ns: number): string {
    const name = this.#nsByIndex.get(ns);
    if (name === undefined)
      throw new KvError(
        "ERR_NVS_INVALID_HANDLE",
        `namespace handle ${ns} is not one openNamespace returned (open ` +
          `namespaces: ${[...this.#nsByName.keys()].join(", ") || "none"})`,
      );
    return name;
  }

  #typed(ns: number, key: string, type: KvType): KvValue {
    const v = this.get(ns, key);
    const where = `key ${JSON.stringify(key)} in namespace ${JSON.stringify(this.#nsByIndex.get(ns))}`;
    if (v === undefined) throw new KvError("ERR_NVS_NOT_FOUND", `${where} is not set`);
    if (typeOf(v) !== type)
      throw new KvError("ERR_NVS_TYPE_MISMATCH", `${where} holds ${TYPE_NAMES[typeOf(v)]}, not ${TYPE_NAMES[type]}`);
    return v;
  }

  /**
   * Runs flash writes; a failure inside one (a power cut) leaves flash mid-change, so the store refuses further use
   * until mounted again.
   */
  #guard(write: () => void): void {
    if (this.#failure !== null) {
      throw new KvError(
        "ERR_INVALID_STATE",
        `the nvs store stopped in the middle of a flash write (${this.#failure}): mount the partition again`,
      );
    }
    try {
      write();
    } catch (e) {
      if (!(e instanceof KvError)) this.#failure = String(e);
      throw e;
    }
  }

  /** Appends an item, then erases the one it replaces (`Storage::writeItem`). */
  #put(ns: number, key: string, value: KvValue | number): void {
    const bytes = encodeItem(ns, key, value);
    const span = bytes.length / ENTRY_BYTES;
    const page = this.#makeRoom(span, key);
    const id = itemId(ns, key);
    const old = this.#items.get(id); // looked up after any page move, which relocates items
    const index = page.nextFree;
    this.#flash.writeEntries(page.index, index, bytes);
    this.#flash.setEntryStates(page.index, index, span, ENTRY_STATE.WRITTEN);
    page.nextFree += span;
    page.used += span;
    this.#items.set(id, { ns, key, value, page: page.index, index, span });
    if (old !== undefined) {
      this.#flash.setEntryStates(old.page, old.index, old.span, ENTRY_STATE.ERASED);
      defined(this.#pages[old.page], "page").used -= old.span;
    }
  }

  /** The active page with `span` free entries, after taking a fresh page or moving one if needed. */
  #makeRoom(span: number, key: string): PageInfo {
    const active = this.#pages.find((p) => p.kind === "active");
    if (active !== undefined && ENTRIES_PER_PAGE - active.nextFree >= span) return active;
    const free = this.#freePagesInOrder();
    if (free.length >= 2) {
      this.#retire(active);
      return this.#activate(defined(free[0], "free page"));
    }
    const reserve = free[0];
    const victim = this.#pages
      .filter((p) => p.kind === "active" || p.kind === "full")
      .reduce<PageInfo | undefined>(
        (best, p) =>
          best === undefined || p.used < best.used || (p.used === best.used && p.seq < best.seq) ? p : best,
        undefined,
      );
    if (reserve === undefined || victim === undefined || victim.used > ENTRIES_PER_PAGE - span)
      throw this.#fullError(span, key);
    this.#retire(active);
    this.#move(victim, reserve);
    return reserve;
  }

  /** Free pages, starting after the newest page so that wear goes round the partition. */
  #freePagesInOrder(): PageInfo[] {
    const newest = this.#pages.reduce((a, p) => (p.kind !== "free" && p.kind !== "corrupt" && p.seq >= a.seq ? p : a), {
      index: -1,
      seq: -1,
    });
    const n = this.#pages.length;
    const out: PageInfo[] = [];
    for (let k = 1; k <= n; k++) {
      const p = defined(this.#pages[(newest.index + k + n) % n], "page");
      if (p.kind === "free") out.push(p);
    }
    return out;
  }

  #retire(active: PageInfo | undefined): void {
    if (active === undefined) return;
    this.#flash.setState(active.index, PAGE_STATE.FULL);
    active.kind = "full";
  }

  #activate(page: PageInfo): PageInfo {
    if (page.needsErase) this.#flash.erase(page.index);
    const seq = this.#maxSeq + 1;
    this.#flash.initialize(page.index, seq, NO_PAGE);
    Object.assign(page, { kind: "active", seq, needsErase: false, nextFree: 0, used: 0 });
    this.#maxSeq = seq;
    return page;
  }

  /** Moves the victim's live items into the reserve page, which becomes active, and erases the victim. */
  #move(victim: PageInfo, reserve: PageInfo): void {
    const moved = [...this.#items.values()].filter((it) => it.page === victim.index).sort((a, b) => a.index - b.index);
    const seq = this.#maxSeq + 1;
    beginMove(this.#flash, victim.index, reserve.index, reserve.needsErase, seq);
    const total = copyItems(this.#flash, victim.index, reserve.index, moved);
    endMove(this.#flash, victim.index, reserve.index, false);
    let at = 0;
    for (const it of moved) {
      it.page = reserve.index;
      it.index = at;
      at += it.span;
    }
    Object.assign(reserve, { kind: "active", seq, needsErase: false, nextFree: total, used: total });
    Object.assign(victim, { kind: "free", seq: 0, needsErase: false, nextFree: 0, used: 0 });
    this.#maxSeq = seq;
    this.#moves++;
  }

  #fullError(span: number, key: string): KvError {
    const s = this.stats();
    const kib = (this.#pages.length * PAGE_BYTES) / 1024;
    const corrupt =
      s.corruptPages > 0 ? `; ${s.corruptPages} corrupt page(s) are not used, erasing the partition reclaims them` : "";
    return new KvError(
      "ERR_NVS_NOT_ENOUGH_SPACE",
      `the nvs partition (${kib} KiB) is full: erase keys or enlarge the partition in the ` +
        `board profile (key ${JSON.stringify(key)} needs ${span} free entries in one page; ` +
        `${s.usedEntries} of ${s.pages * ENTRIES_PER_PAGE} entries hold live items${corrupt})`,
    );
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
