// A staged OTA rollout rehearsed on simulated devices (docs/rollout.md): the
// controller splits the devices (of this shard) over worker threads, has
// them set up, then runs stage after stage to its end, evaluates health and
// the abort rules on all devices' records, halts (and rolls back) or goes
// on. The report's content is a function of the options and the records;
// wall times and memory stay apart under `time`.

import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { SailError } from "../errors.js";
import { readManifest } from "../flash/manifest.js";
import { readWasm } from "../wasm/binary.js";
import { formatShard, pickShard, type ShardPick } from "../report/shard.js";
import type { Population } from "./population.js";
import type { DeviceRecord } from "./rollout-device.js";
import { evaluate, stageHealth, type RolloutOutcome, type StageHealth } from "./rollout-health.js";
import { schedule, type RolloutPlan } from "./rollout-plan.js";
import { deviceSeed, type RolloutShardSpec } from "./rollout-shard.js";
import { inThisThread, inWorker, type RolloutThread } from "./rollout-thread.js";
import type { MemorySample } from "./types.js";

export interface ImageInfo {
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
}

export interface RolloutOptions {
  readonly profile: string;
  readonly from: Uint8Array;
  readonly to: Uint8Array;
  readonly fromFile: string;
  readonly toFile: string;
  /** What --rollback-on-abort sends; default the old image. */
  readonly rollback?: Uint8Array;
  readonly publicKeyPem: string;
  readonly plan: RolloutPlan;
  readonly population: Population;
  /** Worker threads (default one per core); 0 runs every device in this thread. */
  readonly workers?: number;
  /** Only this shard's devices (by device seed); the abort rules are then applied by `sail report merge`. */
  readonly shard?: ShardPick;
  /** Called as devices are set up or run: phase, devices done, devices in all. */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  /** Called at each stage's end with its health. */
  readonly onStage?: (health: StageHealth) => void;
}

export interface RolloutReport extends RolloutOutcome {
  readonly rollout: 1;
  readonly from: ImageInfo;
  readonly to: ImageInfo;
  readonly profile: string;
  readonly plan: RolloutPlan;
  readonly population: Population;
  /** "k/n" for one shard's report; null for a whole run or a merge. */
  readonly shard: string | null;
  /** False in a shard's report: its records run through every stage and the merge applies the rules. */
  readonly rulesApplied: boolean;
  readonly outcome: "completed" | "halted" | "rules-at-merge";
  readonly devices: readonly DeviceRecord[];
  /** Wall-clock figures: not part of the result (a merge and a comparison ignore them). */
  readonly time: {
    readonly wallMs: number;
    readonly setUpMs: number;
    readonly workers: number;
    /** This process's RSS after a full GC in every thread, at the end, bytes. */
    readonly rssAfterGc: number;
    readonly threads: readonly MemorySample[];
  };
}

export function imageInfo(bytes: Uint8Array, file: string): ImageInfo {
  const m = readManifest(readWasm(bytes), file);
  if (m === null) throw new SailError(`${file}: no sail.manifest; give a signed image from sail build + sail ota pack`);
  return { name: m.name, version: m.version, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** Builds the report from the records, applying the rules unless it is one shard's. */
export function rolloutReport(
  base: Omit<RolloutReport, keyof RolloutOutcome | "outcome" | "devices" | "rulesApplied" | "time">,
  records: readonly DeviceRecord[],
  time: RolloutReport["time"],
): RolloutReport {
  const sorted = [...records].sort((a, b) => a.index - b.index);
  const rulesApplied = base.shard === null;
  const { records: kept, ...outcome } = evaluate(base.plan, schedule(base.plan), sorted, rulesApplied);
  return {
    ...base,
    ...outcome,
    rulesApplied,
    outcome: !rulesApplied ? "rules-at-merge" : outcome.haltedAt === null ? "completed" : "halted",
    devices: kept,
    time,
  };
}

export async function runRollout(o: RolloutOptions): Promise<RolloutReport> {
  const t0 = performance.now();
  const plan = o.plan;
  if (o.shard !== undefined && plan.rollbackOnAbort)
    throw new SailError(
      "--rollback-on-abort needs the abort decision during the run, which a shard cannot make alone; " +
        "run the rollout on one machine to rehearse the rollback",
    );
  const from = imageInfo(o.from, o.fromFile);
  const to = imageInfo(o.to, o.toFile);
  const rollback = o.rollback ?? o.from;
  const all = Array.from({ length: plan.devices }, (_, i) => i);
  const mine =
    o.shard === undefined ? all : pickShard(all, (i) => deviceSeed(plan.seed, i), o.shard).sort((a, b) => a - b);
  // As many workers as asked even for no device: the 0-device set-up is the memory baseline (docs/decisions.md D129).
  const workers = o.workers ?? Math.min(availableParallelism(), mine.length);
  const parts = workers === 0 ? [mine] : split(mine, workers);
  const spec = (indices: readonly number[]): RolloutShardSpec => ({
    ...{ profile: o.profile, from: o.from, to: o.to, fromFile: o.fromFile, toFile: o.toFile, rollback },
    toVersion: to.version,
    sha256: { from: from.sha256, to: to.sha256, rollback: createHash("sha256").update(rollback).digest("hex") },
    ...{ publicKeyPem: o.publicKeyPem, plan, population: o.population, indices },
  });
  const done = parts.map(() => 0);
  const progress = (phase: string, i: number) => (n: number) => {
    done[i] = n;
    o.onProgress?.(
      phase,
      done.reduce((a, b) => a + b, 0),
      mine.length,
    );
  };
  let phase = "set up";
  const threads: RolloutThread[] = parts.map((p, i) =>
    workers === 0
      ? inThisThread(spec(p), (n) => progress(phase, i)(n))
      : inWorker(spec(p), (n) => progress(phase, i)(n)),
  );
  try {
    await Promise.all(threads.map((t) => t.ready));
    const setUpMs = performance.now() - t0;
    const sched = schedule(plan);
    let records: DeviceRecord[] = [];
    for (let k = 0; k < plan.stages.length; k++) {
      phase = `stage ${k + 1}`;
      done.fill(0);
      const endUs = sched.endUs[k] as number;
      records = (await Promise.all(threads.map((t) => t.stage(k, endUs)))).flat();
      const stage = stageHealth(plan, sched, k, records, o.shard === undefined);
      o.onStage?.(stage);
      if (stage.fired !== null) {
        if (plan.rollbackOnAbort) {
          phase = "rollback";
          records = (await Promise.all(threads.map((t) => t.revert(endUs, endUs + plan.soakUs)))).flat();
        }
        break;
      }
    }
    const memory = await Promise.all(threads.map((t) => t.measure()));
    const rssAfterGc = process.memoryUsage().rss;
    return rolloutReport(
      {
        rollout: 1,
        ...{ from, to, profile: o.profile, plan, population: o.population },
        shard: o.shard === undefined ? null : formatShard(o.shard),
      },
      records,
      { wallMs: performance.now() - t0, setUpMs, workers, rssAfterGc, threads: memory },
    );
  } finally {
    await Promise.all(threads.map((t) => t.stop()));
  }
}

/** Contiguous shares as even as possible. */
function split(items: readonly number[], parts: number): number[][] {
  const out: number[][] = [];
  let at = 0;
  for (let p = 0; p < parts; p++) {
    const n = Math.floor(items.length / parts) + (p < items.length % parts ? 1 : 0);
    out.push(items.slice(at, at + n));
    at += n;
  }
  return out;
}
