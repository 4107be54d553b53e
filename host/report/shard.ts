// `--shard k/n`, shared by `sail test`, `sail fleet rollout` and `sail verify`
// (docs/decisions.md D127): the items are sorted by their key (a test file's
// path, a device's seed) and dealt round-robin, so shard k of n takes the
// items at sorted positions k−1, k−1+n, k−1+2n ... Every machine computes
// the same split from the same items, without talking to the others.

import { SailError } from "../errors.js";

export interface ShardPick {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** "2/8" → { index: 2, count: 8 }; refused unless 1 ≤ k ≤ n. */
export function parseShard(text: string, option = "--shard"): ShardPick {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !(count >= 1 && index >= 1 && index <= count))
    throw new SailError(
      `${option} ${text}: write k/n with 1 ≤ k ≤ n, e.g. ${option} 2/8 runs the second of eight shards`,
    );
  return { index, count };
}

export function formatShard(s: ShardPick): string {
  return `${s.index}/${s.count}`;
}

/** Compares keys as a sort does: numbers by value, strings by code unit (the same on every machine and locale). */
function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The items of shard `pick`, in key order. */
export function pickShard<T>(items: readonly T[], key: (item: T) => string | number, pick: ShardPick): T[] {
  return [...items].sort((a, b) => compareKeys(key(a), key(b))).filter((_, i) => i % pick.count === pick.index - 1);
}
