// One thread's share of a fleet: creates its boards (one profile object and
// one prepared image for all of them), flashes them, advances each in virtual
// time and reports per-board results. Runs the same in a worker or in the
// calling thread, so both give the same results.

import { createHash } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { pathToFileURL } from "node:url";
import { runInNewContext } from "node:vm";
import { Board } from "../board/board.js";
import { loadBoardProfile } from "../boards/profile.js";
import type {
  BoardDriver,
  BoardResult,
  FleetCheck,
  FleetScenario,
  MemorySample,
  ScenarioContext,
  ScenarioRef,
  ScenarioValue,
  ShardFlashed,
  ShardRan,
  ShardSpec,
} from "./types.js";
import { ImageCache } from "../board/storage.js";
import type { Level } from "../trace/pin-trace.js";

interface Member {
  readonly board: Board;
  readonly index: number;
  readonly seed: number;
  readonly drivers: readonly BoardDriver[];
  error: string | null;
}

export class Shard {
  readonly #spec: ShardSpec;
  readonly #scenarios: readonly (readonly [FleetScenario, ScenarioRef])[];
  readonly #members: Member[] = [];

  private constructor(spec: ShardSpec, scenarios: readonly (readonly [FleetScenario, ScenarioRef])[]) {
    this.#spec = spec;
    this.#scenarios = scenarios;
  }

  static async open(spec: ShardSpec): Promise<Shard> {
    const scenarios: (readonly [FleetScenario, ScenarioRef])[] = [];
    for (const ref of spec.scenarios) scenarios.push([await loadScenario(ref), ref]);
    return new Shard(spec, scenarios);
  }

  /** Creates and flashes every board of the shard; measures the memory they take. */
  async flash(): Promise<ShardFlashed> {
    const spec = this.#spec;
    const profile = loadBoardProfile(spec.profile);
    // Boards share the image prepared once for the fleet; without it (shareImage: false) each prepares its own.
    const images = spec.prepared === null ? undefined : new ImageCache();
    if (spec.prepared !== null) images?.put(profile, spec.prepared);
    const m0 = performance.now();
    const before = measureMemory();
    const t0 = performance.now();
    for (let i = 0; i < spec.seeds.length; i++) {
      const seed = spec.seeds[i] as number;
      const board = Board.load(profile, { seed, ...(images === undefined ? {} : { images }) });
      const index = spec.firstIndex + i;
      const drivers: BoardDriver[] = [];
      for (const [scenario, ref] of this.#scenarios) {
        const ctx: ScenarioContext = { index, seed, durationUs: spec.durationUs, options: ref.options ?? {} };
        const driver = scenario(board, ctx);
        if (driver) drivers.push(driver);
      }
      const member: Member = { board, index, seed, drivers, error: null };
      this.#members.push(member);
      try {
        await board.flash(spec.image, spec.file);
        for (const d of drivers) d.flashed?.();
      } catch (e) {
        member.error = `flash: ${(e as Error).message}`;
      }
    }
    const t1 = performance.now();
    const after = measureMemory();
    const measureMs = t0 - m0 + performance.now() - t1;
    return {
      boards: spec.seeds.length,
      flashMs: t1 - t0,
      measureMs,
      before,
      after,
      ownCompiles: spec.prepared === null ? spec.seeds.length : 0,
    };
  }

  /** Advances every board by the run's duration (in steps, board after board per step). */
  async run(): Promise<ShardRan> {
    const { durationUs, stepUs } = this.#spec;
    const boardRunMs = this.#members.map(() => 0);
    const t0 = performance.now();
    for (let done = 0; done < durationUs; done += stepUs) {
      const step = Math.min(stepUs, durationUs - done);
      for (let i = 0; i < this.#members.length; i++) {
        const m = this.#members[i] as Member;
        if (m.error !== null) continue;
        const b0 = performance.now();
        try {
          await m.board.advance(step);
        } catch (e) {
          m.error = `at ${m.board.clock.now} µs: ${(e as Error).message}`;
        }
        boardRunMs[i] = (boardRunMs[i] as number) + performance.now() - b0;
        if (this.#spec.clearTrace) {
          m.board.trace.clear();
        }
      }
    }
    const t1 = performance.now();
    const memory = measureMemory();
    return {
      runMs: t1 - t0,
      memory,
      measureMs: performance.now() - t1,
      boardRunMs,
      results: this.#members.map((m) => this.#result(m)),
    };
  }

  #result(m: Member): BoardResult {
    const b = m.board;
    const pins: Record<string, Level> = {};
    for (const gpio of this.#spec.pins) pins[String(gpio)] = b.gpio.level(gpio);
    const failures = [
      ...this.#spec.checks.flatMap((c) => checkBoard(b, c)),
      ...m.drivers.flatMap((d) => d.check?.() ?? []),
    ];
    const extra: Record<string, ScenarioValue> = {};
    for (const d of m.drivers) Object.assign(extra, d.results?.() ?? {});
    return {
      index: m.index,
      seed: m.seed,
      virtualUs: b.clock.now,
      eventsDelivered: b.eventsDelivered,
      resets: b.resets.length,
      resetReasons: b.resets.map((r) => r.reason),
      state: b.state,
      pins,
      logLines: b.kept.logLines.total,
      logDigest: digest(b),
      traceEntries: b.trace.count.total,
      linearMemoryBytes: b.memoryHighWater.linearBytes,
      linearMemoryUsedBytes: b.memoryHighWater.usedBytes,
      flashResidentBytes: b.storage.chip.residentBytes,
      energyMah: b.energy.report().mAh,
      extra,
      failures,
      error: m.error,
    };
  }
}

/** What a board did against one check, as failure messages (none if it passed). */
export function checkBoard(b: Board, c: FleetCheck): string[] {
  if ("pin" in c) {
    const level = b.gpio.level(c.pin);
    return level === c.level ? [] : [`GPIO ${c.pin} is ${level} at the end, expected ${c.level}`];
  }
  if ("log" in c) {
    const n = b.logs.filter((l) => l.text.includes(c.log)).length;
    const { dropped, capacity } = b.kept.logLines;
    // Lines let go may have matched: a count, or a line not found, is then unknown, and said so.
    const unsure = dropped > 0 ? ` among the newest ${capacity} (${dropped} older ones dropped)` : "";
    if (c.count === undefined) return n > 0 ? [] : [`no log line contains "${c.log}"${unsure}`];
    if (unsure !== "") return [`${n} log line(s) contain "${c.log}"${unsure}: cannot check a count of ${c.count}`];
    return n === c.count ? [] : [`${n} log line(s) contain "${c.log}", expected ${c.count}`];
  }
  if ("resets" in c) {
    return b.resets.length === c.resets
      ? []
      : [
          `${b.resets.length} reset(s), expected ${c.resets}` +
            (b.resets.length > 0 ? `; first: ${b.resets[0]?.reason} ${b.resets[0]?.message}` : ""),
        ];
  }
  return b.state === c.state ? [] : [`board is ${b.state} at the end, expected ${c.state}`];
}

function digest(b: Board): string {
  const h = createHash("sha256");
  for (const l of b.logs) h.update(`${l.timeUs} ${l.level} ${l.source} ${l.text}\n`);
  return h.digest("hex").slice(0, 16);
}

async function loadScenario(ref: ScenarioRef): Promise<FleetScenario> {
  const url = ref.module.startsWith("file:") ? ref.module : pathToFileURL(ref.module).href;
  const mod: unknown = await import(url);
  const name = ref.export ?? "scenario";
  const fn = typeof mod === "object" && mod !== null ? (mod as Record<string, unknown>)[name] : undefined;
  if (typeof fn !== "function") throw new Error(`scenario module ${ref.module} has no function export "${name}"`);
  return fn as FleetScenario;
}

let gc: (() => void) | null = null;

/** This thread's heap and external memory after a full garbage collection. */
export function measureMemory(): MemorySample {
  if (gc === null) {
    setFlagsFromString("--expose-gc");
    const f: unknown = runInNewContext("gc");
    gc = typeof f === "function" ? (f as () => void) : () => {};
  }
  gc();
  gc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}
