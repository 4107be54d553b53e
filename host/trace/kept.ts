// What a board keeps in memory of something that grows with every event (pin
// changes, log lines, resets): the newest `capacity` entries, and a count of
// the older ones it let go. A board's memory then stays bounded however long
// it runs; whoever needs every entry subscribes to the change stream instead
// (`sail run --trace <file>` and `--vcd <file>` stream to their file).

import { SailError } from "../errors.js";

/** The default number of entries a board keeps of each kind (docs/testing.md, "What a board keeps"). */
export const DEFAULT_KEEP = {
  pinChanges: 100_000,
  logLines: 10_000,
  resets: 1_000,
} as const;

/** How many entries of each kind a board keeps in memory (BoardOptions.keep, FlashOptions.keep). */
export interface KeepOptions {
  /** Pin level and PWM changes (the pin trace). */
  readonly pinChanges?: number;
  /** Log lines (`logs`), the firmware's and the board's. */
  readonly logLines?: number;
  /** Reset records (`resets`). */
  readonly resets?: number;
}

/** The largest size a kept list may be given: beyond it one list alone could take gigabytes. */
export const MAX_KEEP = 10_000_000;

/** What a kept list holds and has let go, for a test or a report to read. */
export interface KeptCount {
  /** How many entries it keeps at most. */
  readonly capacity: number;
  /** Entries held now (the newest ones). */
  readonly kept: number;
  /** Older entries let go because the list was full. */
  readonly dropped: number;
  /** Entries recorded since the board was created (kept, dropped and cleared). */
  readonly total: number;
}

/** The sizes of `given`, each checked, with the defaults for those not given. */
export function keepSizes(given: KeepOptions | undefined, where: string): Required<KeepOptions> {
  const sizes = { ...DEFAULT_KEEP, ...given };
  for (const [name, value] of Object.entries(sizes)) {
    if (!(Number.isSafeInteger(value) && value >= 0 && value <= MAX_KEEP)) {
      throw new SailError(
        `${where}keep.${name} ${String(value)}: give a whole number of entries from 0 to ` +
          `${MAX_KEEP.toLocaleString("en")} (default ${DEFAULT_KEEP[name as keyof KeepOptions].toLocaleString("en")})`,
      );
    }
  }
  return sizes;
}

/**
 * The newest `capacity` entries pushed. Reads see exactly those, oldest first,
 * as a plain array; pushes trim the array only once it is a quarter over, so a
 * push costs O(1) amortized and the array never holds more than 1.25 ×
 * capacity (+ 64) entries.
 */
export class KeptList<T> {
  #items: T[] = [];
  #dropped = 0;
  #cleared = 0;
  readonly #limit: number;

  constructor(readonly capacity: number) {
    this.#limit = capacity + Math.max(64, capacity >> 2);
  }

  push(item: T): void {
    const items = this.#items;
    items.push(item);
    if (items.length > this.#limit) this.#trim();
  }

  /** The entries kept, oldest first (the newest `capacity` pushed). */
  get items(): readonly T[] {
    this.#trim();
    return this.#items;
  }

  /** Entries let go because the list was full. */
  get dropped(): number {
    this.#trim();
    return this.#dropped;
  }

  /** Entries pushed since the list was made. */
  get total(): number {
    return this.#dropped + this.#cleared + this.#items.length;
  }

  /** The position, counted from the first entry ever pushed, of the oldest entry kept. */
  get first(): number {
    this.#trim();
    return this.#dropped + this.#cleared;
  }

  get count(): KeptCount {
    this.#trim();
    return { capacity: this.capacity, kept: this.#items.length, dropped: this.#dropped, total: this.total };
  }

  /** Lets every entry go; they count as cleared, not dropped. */
  clear(): void {
    this.#trim();
    this.#cleared += this.#items.length;
    this.#items.length = 0;
  }

  #trim(): void {
    const over = this.#items.length - this.capacity;
    if (over <= 0) return;
    this.#items.splice(0, over);
    this.#dropped += over;
  }
}
