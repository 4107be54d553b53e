// What a board can be created with, besides its profile.

import type { KeyObject } from "node:crypto";
import type { ExecutorFactory } from "../firmware/executor.js";
import type { FlashChip } from "../flash/chip.js";
import type { MiotIdentity } from "../miot/board-device.js";
import type { VirtualClock } from "../time/clock.js";
import type { LogLine } from "../trace/changes.js";
import type { KeepOptions } from "../trace/kept.js";
import type { ImageCache } from "./storage.js";

export interface BoardOptions {
  /** Seed for every random choice on this board (default 1). */
  readonly seed?: number;
  /** Called for every log line as it happens (a subscriber of `changes`). */
  readonly onLog?: (line: LogLine) => void;
  /** Device identity for MIoT; missing parts are drawn from the seed, as on first boot. */
  readonly identity?: Partial<MiotIdentity>;
  /** Instrument flashed images for the profiler (emulator only; slower). */
  readonly profiler?: boolean;
  /** A clock shared with other boards (a home); by default the board has its own. */
  readonly clock?: VirtualClock;
  /** The flash chip (e.g. loaded from a file with loadFlashImage); by default an erased one. */
  readonly flash?: FlashChip;
  /** Public key (PEM or KeyObject) OTA updates must be signed with; without one the board refuses updates. */
  readonly otaKey?: KeyObject | string | null;
  /** Prepared images shared with other boards (a fleet compiles an image once); by default the board's own. */
  readonly images?: ImageCache;
  /** What executes the firmware image; by default V8 (host/firmware/v8-executor.ts). */
  readonly executor?: ExecutorFactory;
  /**
   * How many pin changes, log lines and resets the board keeps in memory: the newest ones
   * (defaults 100,000, 10,000 and 1,000: DEFAULT_KEEP). Older ones are counted as dropped (`board.kept`);
   * every one is still published on `board.changes` as it happens.
   */
  readonly keep?: KeepOptions;
  /**
   * The clock miIO stamps are checked and made against, µs; by default the board's virtual time. `sail dev`
   * keeps it on wall time while its page pauses or speeds the board (docs/decisions.md D125).
   */
  readonly miioStampUs?: () => number;
}
