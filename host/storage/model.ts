// The store's picture of its partition, kept in step with flash (ESP-IDF
// `PageManager` and the item hash list): what each page is used for, and where
// each live item sits. Every change reaches flash before it reaches this.

import type { KvValue } from "./item.js";

/**
 * - `free`: erased (or holding only a header whose write was cut: `needsErase`);
 * - `active`: the one page appends go to, always the newest;
 * - `full`: no more appends; its erased entries come back when a move frees it;
 * - `corrupt`: unreadable; skipped, never written.
 */
export type PageKind = "free" | "active" | "full" | "corrupt";

export interface PageInfo {
  readonly index: number;
  kind: PageKind;
  /** Sequence number from the header: higher is newer. */
  seq: number;
  needsErase: boolean;
  /** First never-written entry. */
  nextFree: number;
  /** Entries held by live items. */
  used: number;
}

/** A live item: where it sits and what it holds (a namespace entry holds its index). */
export interface ItemRef {
  readonly ns: number;
  readonly key: string;
  readonly value: KvValue | number;
  page: number;
  index: number;
  readonly span: number;
}

/** Map key of an item: namespace index and key name. */
export function itemId(ns: number, key: string): string {
  return `${ns}/${key}`;
}

export function freshPage(index: number, kind: PageKind, needsErase = false): PageInfo {
  return { index, kind, seq: 0, needsErase, nextFree: 0, used: 0 };
}
