// A rollout worker thread: sets up its devices from workerData, then runs
// each stage (or the rollback) when the controller says so, and reports
// every device's record (host/fleet/rollout.ts).

import { parentPort, workerData } from "node:worker_threads";
import { RolloutShard, type RolloutShardSpec } from "./rollout-shard.js";
import { measureMemory } from "./shard.js";
import type { RolloutToWorker, RolloutFromWorker } from "./rollout-thread.js";

const port = parentPort;
if (port === null) throw new Error("host/fleet/rollout-worker.js runs as a worker thread (see runRollout)");
const send = (m: RolloutFromWorker): void => port.postMessage(m);
const failed = (e: unknown): void =>
  send({ kind: "failed", message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
const progress = (done: number): void => send({ kind: "progress", done });

try {
  const shard = new RolloutShard(workerData as RolloutShardSpec);
  send({ kind: "ready", memory: await shard.setUp(progress) });
  port.on("message", (m: RolloutToWorker) => {
    const work =
      m.kind === "stage"
        ? shard.stage(m.stage, m.untilUs, progress).then((records) => send({ kind: "records", records }))
        : m.kind === "revert"
          ? shard.revert(m.atUs, m.untilUs).then((records) => send({ kind: "records", records }))
          : Promise.resolve().then(() => send({ kind: "measured", memory: measureMemory() }));
    work.catch(failed);
  });
} catch (e) {
  failed(e);
}
