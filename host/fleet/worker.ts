// A fleet worker thread: opens its shard from workerData, flashes it, reports,
// waits for "run" (so every worker's run starts together), runs and reports.

import { parentPort, workerData } from "node:worker_threads";
import { Shard } from "./shard.js";
import type { ShardSpec, WorkerMessage } from "./types.js";

const port = parentPort;
if (port === null) throw new Error("host/fleet/worker.js runs as a worker thread (see runFleet)");
const send = (m: WorkerMessage): void => port.postMessage(m);
const failed = (e: unknown): void =>
  send({ kind: "failed", message: e instanceof Error ? (e.stack ?? e.message) : String(e) });

try {
  const shard = await Shard.open(workerData as ShardSpec);
  send({ kind: "flashed", flashed: await shard.flash() });
  port.once("message", () => {
    shard.run().then((ran) => send({ kind: "ran", ran }), failed);
  });
} catch (e) {
  failed(e);
}
