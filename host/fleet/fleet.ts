// A fleet: N independent boards flashed with the same image, each with its
// own seed, sharded over worker threads (one per core by default) or run in
// the calling thread. Every thread flashes its share, then all run together;
// the report gives each board's result in fleet order, with wall times and
// memory per thread.

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { loadBoardProfile } from "../boards/profile.js";
import { SailError } from "../errors.js";
import { flashImage } from "../flash/flash.js";
import { toMicros, type Duration } from "../time/duration.js";
import { measureMemory, Shard } from "./shard.js";
import type {
  BoardResult,
  FleetCheck,
  MemorySample,
  ScenarioRef,
  ShardFlashed,
  ShardRan,
  ShardSpec,
  WorkerMessage,
} from "./types.js";

export type {
  BoardDriver,
  BoardResult,
  FleetCheck,
  FleetScenario,
  MemorySample,
  ScenarioContext,
  ScenarioRef,
} from "./types.js";

export interface FleetOptions {
  /** Board profile id (e.g. "esp32-devkitc"). */
  readonly profile: string;
  /** The image every board is flashed with. */
  readonly image: Uint8Array;
  /** Name of the image in messages (default "firmware.wasm"). */
  readonly file?: string;
  /** How many boards (seeds 1..n), or each board's seed. */
  readonly boards: number | readonly number[];
  /** Virtual time each board runs. */
  readonly duration: Duration;
  /**
   * Boards advance in steps of this much virtual time, each board in turn
   * per step (default: the whole duration at once). Promise-driven inputs
   * (a miIO client) progress between steps.
   */
  readonly step?: Duration;
  /** Worker threads (default one per core); 0 runs every board in this thread. */
  readonly workers?: number;
  /** Attach parts and schedule inputs per board, in every thread, in this order; their results are merged. */
  readonly scenario?: ScenarioRef | readonly ScenarioRef[];
  /** Checked on every board after the run. */
  readonly checks?: readonly FleetCheck[];
  /** GPIOs whose final level each result reports. */
  readonly pins?: readonly number[];
  /** Prepare (validate, compile) the image once for the fleet instead of once per board (default true). */
  readonly shareImage?: boolean;
  /** Empty each board's pin trace after every step (default false; it keeps only its newest changes anyway). */
  readonly clearTrace?: boolean;
}

export interface ThreadReport {
  readonly boards: number;
  /** Setup time that was neither flashing nor measuring: starting a worker, loading modules, messages. */
  readonly startMs: number;
  readonly flashMs: number;
  readonly measureMs: number;
  readonly runMs: number;
  /** This thread's heap and external memory before its boards (image prepared) and after flashing them. */
  readonly before: MemorySample;
  readonly after: MemorySample;
  /** The same after the run (pin traces and logs grow with activity). */
  readonly ran: MemorySample;
  readonly ownCompiles: number;
}

export interface FleetReport {
  /** Per board, in fleet order. */
  readonly boards: readonly BoardResult[];
  /** Worker threads used (0: the calling thread). */
  readonly workers: number;
  /** Validating and compiling the image once (the first time in a process, this loads binaryen: ~0.5 s). */
  readonly prepareMs: number;
  /** Until every thread had flashed its boards (includes starting workers; not measuring memory). */
  readonly setupMs: number;
  /** From the common start of the run until the last thread finished (not measuring memory). */
  readonly runMs: number;
  /** prepareMs + setupMs + runMs. */
  readonly wallMs: number;
  readonly threads: readonly ThreadReport[];
  /** Wall time of each board's own advancing, ms, in fleet order. */
  readonly boardRunMs: readonly number[];
  /** Resident set size of the whole process before starting, after flashing and after the run. */
  readonly rss: { readonly before: number; readonly flashed: number; readonly ran: number };
  /** Boards with a failed check or a host error. */
  readonly failed: number;
}

/** Runs a fleet to the end of its duration and reports every board. */
export async function runFleet(options: FleetOptions): Promise<FleetReport> {
  const seeds =
    typeof options.boards === "number" ? Array.from({ length: options.boards }, (_, i) => i + 1) : [...options.boards];
  if (seeds.length === 0) throw new SailError("a fleet needs at least one board");
  for (const s of seeds)
    if (!(Number.isSafeInteger(s) && s >= 0 && s <= 0xffffffff))
      throw new SailError(`board seed ${s} must be a whole number from 0 to 4294967295`);
  const durationUs = toMicros(options.duration);
  const stepUs = options.step === undefined ? durationUs : toMicros(options.step);
  if (!(durationUs > 0) || !(stepUs > 0))
    throw new SailError(`duration and step must be positive (got ${options.duration}, ${options.step})`);
  const workers = Math.min(options.workers ?? availableParallelism(), seeds.length);
  if (!Number.isInteger(workers) || workers < 0)
    throw new SailError(`workers must be a whole number ≥ 0 (got ${options.workers})`);

  // Prepared here once (validated, compiled); the module goes to the workers as it is.
  const p0 = performance.now();
  const prepared =
    (options.shareImage ?? true)
      ? await flashImage(options.image, loadBoardProfile(options.profile), options.file)
      : null;
  const spec = (firstIndex: number, part: readonly number[]): ShardSpec => ({
    profile: options.profile,
    image: options.image,
    file: options.file ?? "firmware.wasm",
    firstIndex,
    seeds: part,
    durationUs,
    stepUs,
    scenarios:
      options.scenario === undefined ? [] : "module" in options.scenario ? [options.scenario] : [...options.scenario],
    checks: options.checks ?? [],
    pins: options.pins ?? [],
    prepared,
    clearTrace: options.clearTrace ?? false,
  });
  const shards = split(seeds, Math.max(1, workers)).map(([first, part]) => spec(first, part));
  const prepareMs = performance.now() - p0;

  measureMemory();
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const threads = workers === 0 ? [await inThread(shards[0] as ShardSpec)] : shards.map(inWorker);
  const startMs: number[] = [];
  let flashed: ShardFlashed[];
  try {
    flashed = await Promise.all(
      threads.map((t, i) =>
        t.flashed.then((f) => {
          startMs[i] = performance.now() - t0 - f.flashMs - f.measureMs;
          return f;
        }),
      ),
    );
  } catch (e) {
    await Promise.all(threads.map((t) => t.stop()));
    throw e;
  }
  const m1 = performance.now();
  measureMemory();
  const rssFlashed = process.memoryUsage().rss;
  const t1 = performance.now();
  let ran: ShardRan[];
  try {
    ran = await Promise.all(threads.map((t) => t.run()));
  } finally {
    await Promise.all(threads.map((t) => t.stop()));
  }
  const t2 = performance.now();
  const results = ran.flatMap((r) => r.results);
  // Memory measurements (full GCs) are left out of the phases; threads measure side by side.
  const setupMs = m1 - t0 - Math.max(...flashed.map((f) => f.measureMs));
  const runMs = t2 - t1 - Math.max(...ran.map((r) => r.measureMs));
  return {
    boards: results,
    workers,
    prepareMs,
    setupMs,
    runMs,
    wallMs: prepareMs + setupMs + runMs,
    threads: flashed.map((f, i) => ({
      boards: f.boards,
      startMs: startMs[i] as number,
      flashMs: f.flashMs,
      measureMs: f.measureMs,
      runMs: (ran[i] as ShardRan).runMs,
      before: f.before,
      after: f.after,
      ran: (ran[i] as ShardRan).memory,
      ownCompiles: f.ownCompiles,
    })),
    boardRunMs: ran.flatMap((r) => r.boardRunMs),
    rss: { before: rssBefore, flashed: rssFlashed, ran: process.memoryUsage().rss },
    failed: results.filter((r) => r.failures.length > 0 || r.error !== null).length,
  };
}

/**
 * Memory per board of a fleet: the heap and external memory the boards added
 * in their threads once flashed, over the boards; `grown`: what the run added
 * to that; `rss`: the process's resident set growth while flashing, over the boards.
 */
export function memoryPerBoard(report: FleetReport): {
  heap: number;
  external: number;
  total: number;
  grown: number;
  rss: number;
} {
  let heap = 0;
  let external = 0;
  let grown = 0;
  for (const t of report.threads) {
    heap += t.after.heapUsed - t.before.heapUsed;
    external += t.after.external - t.before.external;
    grown += t.ran.heapUsed + t.ran.external - t.after.heapUsed - t.after.external;
  }
  const n = report.boards.length;
  return {
    heap: heap / n,
    external: external / n,
    total: (heap + external) / n,
    grown: grown / n,
    rss: (report.rss.flashed - report.rss.before) / n,
  };
}

interface Thread {
  readonly flashed: Promise<ShardFlashed>;
  run(): Promise<ShardRan>;
  stop(): Promise<void>;
}

/** Contiguous shares as even as possible: [index of the first board, seeds]. */
function split(seeds: readonly number[], parts: number): [number, number[]][] {
  const out: [number, number[]][] = [];
  let at = 0;
  for (let p = 0; p < parts; p++) {
    const n = Math.floor(seeds.length / parts) + (p < seeds.length % parts ? 1 : 0);
    out.push([at, seeds.slice(at, at + n)]);
    at += n;
  }
  return out;
}

async function inThread(spec: ShardSpec): Promise<Thread> {
  const shard = await Shard.open(spec);
  const flashed = shard.flash();
  return { flashed, run: () => shard.run(), stop: async () => {} };
}

function inWorker(spec: ShardSpec): Thread {
  const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: spec });
  let onRan: ((r: ShardRan) => void) | null = null;
  let fail: (e: Error) => void = () => {};
  const ran = new Promise<ShardRan>((resolve, reject) => {
    onRan = resolve;
    fail = reject;
  });
  ran.catch(() => {}); // observed through run()
  const flashed = new Promise<ShardFlashed>((resolve, reject) => {
    const failed = (e: Error): void => {
      reject(e);
      fail(e);
    };
    worker.on("message", (m: WorkerMessage) => {
      if (m.kind === "flashed") resolve(m.flashed);
      else if (m.kind === "ran") onRan?.(m.ran);
      else failed(new Error(`fleet worker: ${m.message}`));
    });
    worker.on("error", failed);
    worker.on("exit", (code) => failed(new Error(`fleet worker exited (code ${code}) before it finished`)));
  });
  return {
    flashed,
    run: () => {
      worker.postMessage("run");
      return ran;
    },
    stop: async () => {
      await worker.terminate();
    },
  };
}
