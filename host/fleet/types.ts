// What a fleet run is given and what it reports: plain data, so it crosses
// into worker threads and back unchanged (structured clone).

import type { Board, BoardState } from "../board/board.js";
import type { Level } from "../trace/pin-trace.js";
import type { FlashedImage } from "../flash/flash.js";

export type ScenarioValue = number | string | boolean;
export type ScenarioOptions = Readonly<Record<string, ScenarioValue>>;

/**
 * A scenario module a worker imports by URL: `module` is a file: URL or an
 * absolute path; the named export (default "scenario") is a FleetScenario.
 */
export interface ScenarioRef {
  readonly module: string;
  readonly export?: string;
  readonly options?: ScenarioOptions;
}

export interface ScenarioContext {
  /** The board's place in the fleet, from 0. */
  readonly index: number;
  readonly seed: number;
  /** Virtual time the board will run, µs. */
  readonly durationUs: number;
  readonly options: ScenarioOptions;
}

/** What a scenario does to one board once it is flashed, and what it reports afterwards. */
export interface BoardDriver {
  /** After flashing (the board is on): schedule inputs on its clock, attach clients. */
  flashed?(): void;
  /** After the run: values for the board's result (`extra`). */
  results?(): Readonly<Record<string, ScenarioValue>>;
  /** After the run: what this board did wrong, empty if nothing. */
  check?(): readonly string[];
}

/**
 * Called for each board before it is flashed (attach parts and worlds here);
 * must be deterministic in `ctx.seed`, so a board does the same on any thread.
 */
export type FleetScenario = (board: Board, ctx: ScenarioContext) => BoardDriver | undefined;

/** A per-board assertion checked after the run; a failed one is listed in the board's `failures`. */
export type FleetCheck =
  | { readonly pin: number; readonly level: Level }
  | { readonly log: string; readonly count?: number }
  | { readonly resets: number }
  | { readonly state: BoardState };

/** One board's outcome: the same on any thread for the same seed and inputs. */
export interface BoardResult {
  readonly index: number;
  readonly seed: number;
  readonly virtualUs: number;
  readonly eventsDelivered: number;
  readonly resets: number;
  /** Reset reasons in order (PANIC, TASK_WDT, SW, ...). */
  readonly resetReasons: readonly string[];
  readonly state: BoardState;
  /** Final levels of the pins asked for in FleetOptions.pins, by GPIO number. */
  readonly pins: Readonly<Record<string, Level>>;
  /** Log lines recorded over the run (also those dropped: the board keeps its newest 10,000 by default). */
  readonly logLines: number;
  /** SHA-256 (first 16 hex digits) over the kept log lines' time, level and text. */
  readonly logDigest: string;
  /** Pin changes recorded over the run (also those dropped, or cleared with clearTrace). */
  readonly traceEntries: number;
  /** Most linear memory the firmware had, bytes. */
  readonly linearMemoryBytes: number;
  /** Most of it the firmware ever wrote (one past the highest non-zero byte), bytes. */
  readonly linearMemoryUsedBytes: number;
  /** Bytes the board's flash chip holds in memory (written sectors). */
  readonly flashResidentBytes: number;
  readonly energyMah: number;
  readonly extra: Readonly<Record<string, ScenarioValue>>;
  readonly failures: readonly string[];
  /** A host error that stopped this board (not a firmware fault: those are resets), or null. */
  readonly error: string | null;
}

/** Memory of one thread's isolate, from process.memoryUsage() after a full GC. */
export interface MemorySample {
  readonly heapUsed: number;
  /** C++ memory V8 is told about: array buffers and wasm linear memories. */
  readonly external: number;
  /** The part of `external` that is ArrayBuffers and Node Buffers. */
  readonly arrayBuffers: number;
}

export interface ShardSpec {
  readonly profile: string;
  readonly image: Uint8Array;
  readonly file: string;
  readonly firstIndex: number;
  readonly seeds: readonly number[];
  readonly durationUs: number;
  readonly stepUs: number;
  readonly scenarios: readonly ScenarioRef[];
  readonly checks: readonly FleetCheck[];
  readonly pins: readonly number[];
  /** The image prepared once for every board of the shard, or null to prepare it per board. */
  readonly prepared: FlashedImage | null;
  readonly clearTrace: boolean;
}

export interface ShardFlashed {
  readonly boards: number;
  readonly flashMs: number;
  /** Spent measuring memory (two full garbage collections, before and after flashing). */
  readonly measureMs: number;
  /** The thread's memory before any board, with the image already prepared. */
  readonly before: MemorySample;
  /** The same after every board of the shard is created and flashed. */
  readonly after: MemorySample;
  /** Boards whose image was prepared (validated, compiled) just for them. */
  readonly ownCompiles: number;
}

export interface ShardRan {
  readonly runMs: number;
  /** The thread's memory after the run (after a full GC; not counted in runMs). */
  readonly memory: MemorySample;
  /** Spent measuring it. */
  readonly measureMs: number;
  /** Wall time each board's own advancing took, ms. */
  readonly boardRunMs: readonly number[];
  readonly results: readonly BoardResult[];
}

export type WorkerMessage =
  | { readonly kind: "flashed"; readonly flashed: ShardFlashed }
  | { readonly kind: "ran"; readonly ran: ShardRan }
  | { readonly kind: "failed"; readonly message: string };
