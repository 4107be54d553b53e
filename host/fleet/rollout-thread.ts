// The controller's handle on one share of a rollout's devices: a worker
// thread (rollout-worker.ts) or the calling thread, behind one interface.

import { Worker } from "node:worker_threads";
import type { DeviceRecord } from "./rollout-device.js";
import { RolloutShard, type RolloutShardSpec } from "./rollout-shard.js";
import { measureMemory } from "./shard.js";
import type { MemorySample } from "./types.js";

export type RolloutToWorker =
  | { readonly kind: "stage"; readonly stage: number; readonly untilUs: number }
  | { readonly kind: "revert"; readonly atUs: number; readonly untilUs: number }
  | { readonly kind: "measure" };

export type RolloutFromWorker =
  | { readonly kind: "ready"; readonly memory: MemorySample }
  | { readonly kind: "progress"; readonly done: number }
  | { readonly kind: "records"; readonly records: DeviceRecord[] }
  | { readonly kind: "measured"; readonly memory: MemorySample }
  | { readonly kind: "failed"; readonly message: string };

export interface RolloutThread {
  /** Settles once every device of the share is flashed and through its uptime. */
  readonly ready: Promise<MemorySample>;
  stage(stage: number, untilUs: number): Promise<DeviceRecord[]>;
  revert(atUs: number, untilUs: number): Promise<DeviceRecord[]>;
  /** The thread's memory after a full garbage collection. */
  measure(): Promise<MemorySample>;
  stop(): Promise<void>;
}

/** Devices done in the current phase (set up, or the stage under way), for the progress bar. */
export type ProgressListener = (done: number) => void;

export function inThisThread(spec: RolloutShardSpec, progress: ProgressListener): RolloutThread {
  const shard = new RolloutShard(spec);
  return {
    ready: shard.setUp(progress),
    stage: (k, until) => shard.stage(k, until, progress),
    revert: (at, until) => shard.revert(at, until),
    measure: () => Promise.resolve(measureMemory()),
    stop: () => Promise.resolve(),
  };
}

export function inWorker(spec: RolloutShardSpec, progress: ProgressListener): RolloutThread {
  const worker = new Worker(new URL("./rollout-worker.js", import.meta.url), { workerData: spec });
  let waiting: { resolve: (m: RolloutFromWorker) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  let readyResolve: (m: MemorySample) => void = () => {};
  let readyReject: (e: Error) => void = () => {};
  const ready = new Promise<MemorySample>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  const fail = (e: Error): void => {
    failure ??= e;
    readyReject(e);
    waiting?.reject(e);
    waiting = null;
  };
  worker.on("message", (m: RolloutFromWorker) => {
    if (m.kind === "progress") progress(m.done);
    else if (m.kind === "ready") readyResolve(m.memory);
    else if (m.kind === "failed") fail(new Error(`rollout worker: ${m.message}`));
    else {
      const w = waiting;
      waiting = null;
      w?.resolve(m);
    }
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`rollout worker exited (code ${code}) before it finished`)));
  const ask = (m: RolloutToWorker): Promise<RolloutFromWorker> => {
    if (failure !== null) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      waiting = { resolve, reject };
      worker.postMessage(m);
    });
  };
  const records = async (m: RolloutToWorker): Promise<DeviceRecord[]> => {
    const r = await ask(m);
    return r.kind === "records" ? r.records : [];
  };
  return {
    ready,
    stage: (stage, untilUs) => records({ kind: "stage", stage, untilUs }),
    revert: (atUs, untilUs) => records({ kind: "revert", atUs, untilUs }),
    measure: async () => {
      const r = await ask({ kind: "measure" });
      if (r.kind !== "measured") throw new Error("rollout worker: expected a memory sample");
      return r.memory;
    },
    stop: async () => {
      worker.removeAllListeners("exit");
      await worker.terminate();
    },
  };
}
