// Runs a seeded sequence of mutated images on worker threads, each mutant
// under a wall-time limit: a worker that does not finish a mutant in time is
// terminated, the mutant counted as a hang, and a new worker goes on after
// it. The same seed gives the same mutants and outcomes; only which worker
// ran what differs. Used by the fuzzing suite and the mutated-image bench.

import { Worker } from "node:worker_threads";
import type { MutationKind } from "./image-mutants.js";
import type { Outcome } from "./mutant-run.js";

export interface NamedImage {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** GPIOs driven high before flashing (a firmware's mode select). */
  readonly drive?: readonly number[];
}

/** What was done to an image: a mutation, or nothing (a hostile firmware runs as built). */
export type Treatment = MutationKind | "none";

export interface WorkerJob {
  readonly images: readonly NamedImage[];
  readonly kinds: readonly MutationKind[];
  readonly mutate: boolean;
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  readonly virtualTime: string;
}

export type WorkerMessage =
  | { readonly type: "start"; readonly index: number; readonly kind: Treatment; readonly image: string }
  | {
      readonly type: "done";
      readonly index: number;
      readonly kind: Treatment;
      readonly image: string;
      readonly outcome: Outcome;
    };

export interface Finding {
  readonly index: number;
  readonly kind: Treatment;
  readonly image: string;
  readonly outcome: Outcome | { readonly kind: "hang"; readonly message: string };
}

export interface PoolOptions {
  readonly images: readonly NamedImage[];
  /** Mutation kinds taken in turn; empty: a seeded random kind each. */
  readonly kinds?: readonly MutationKind[];
  /** false: run the images as they are (count: one run per image, in turn). */
  readonly mutate?: boolean;
  readonly seed: number;
  readonly count: number;
  readonly workers: number;
  /** Virtual time each mutant runs after flashing. */
  readonly virtualTime: string;
  /** Wall time one mutant may take, flashing included. */
  readonly wallMs: number;
}

/** The seed of mutant `index` of a run seeded `seed`. */
export function mutantSeed(seed: number, index: number): number {
  return (Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}

export function runMutants(options: PoolOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  const per = Math.ceil(options.count / options.workers);
  const ranges: [number, number][] = [];
  for (let s = 0; s < options.count; s += per) ranges.push([s, Math.min(options.count, s + per)]);
  return Promise.all(ranges.map(([s, e]) => runRange(options, s, e, findings))).then(() =>
    findings.sort((a, b) => a.index - b.index),
  );
}

function runRange(options: PoolOptions, start: number, end: number, findings: Finding[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const job: WorkerJob = {
      images: options.images,
      kinds: options.kinds ?? [],
      mutate: options.mutate ?? true,
      seed: options.seed,
      start,
      end,
      virtualTime: options.virtualTime,
    };
    const worker = new Worker(new URL("./mutant-worker.js", import.meta.url), { workerData: job });
    let running: { index: number; kind: Treatment; image: string } | null = null;
    let next = start;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (then: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      then();
    };
    worker.on("message", (m: WorkerMessage) => {
      clearTimeout(timer);
      if (m.type === "start") {
        running = m;
        timer = setTimeout(() => {
          const hung = running;
          if (hung === null) return;
          findings.push({
            ...hung,
            outcome: { kind: "hang", message: `no outcome after ${options.wallMs} ms of wall time` },
          });
          finish(() => {
            void worker.terminate().then(() => runRange(options, hung.index + 1, end, findings).then(resolve, reject));
          });
        }, options.wallMs);
      } else {
        running = null;
        next = m.index + 1;
        findings.push({ index: m.index, kind: m.kind, image: m.image, outcome: m.outcome });
      }
    });
    worker.on("error", (e) => {
      // A worker that dies (out of memory, say) is a crash of the mutant it was running.
      const at = running ?? { index: next, kind: "none" as const, image: "?" };
      findings.push({ ...at, outcome: { kind: "crash", message: `worker died: ${e.message}` } });
      finish(() => {
        void runRange(options, at.index + 1, end, findings).then(resolve, reject);
      });
    });
    worker.on("exit", () => {
      finish(resolve);
    });
  });
}
