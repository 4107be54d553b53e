// A worker thread of the mutant pool: makes mutants start..end of the seeded
// sequence and runs each, posting "start" before and the outcome after, so
// the pool can tell which mutant a worker that stops answering was running.

import { parentPort, workerData } from "node:worker_threads";
import { SeededRandom } from "../../host/random.js";
import { mutateImage, type MutationKind } from "./image-mutants.js";
import { runMutant } from "./mutant-run.js";
import { mutantSeed, type WorkerJob, type WorkerMessage } from "./mutant-pool.js";

const job = workerData as WorkerJob;
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);

for (let i = job.start; i < job.end; i++) {
  const rng = new SeededRandom(mutantSeed(job.seed, i));
  const base = job.images[i % job.images.length];
  if (base === undefined) break;
  const kind: MutationKind | undefined = job.kinds.length === 0 ? undefined : job.kinds[i % job.kinds.length];
  const mutant = job.mutate ? mutateImage(rng, base.bytes, kind) : { kind: "none" as const, bytes: base.bytes };
  post({ type: "start", index: i, kind: mutant.kind, image: base.name });
  const outcome = await runMutant(mutant.bytes, job.virtualTime, base.drive ?? []);
  post({ type: "done", index: i, kind: mutant.kind, image: base.name, outcome });
}
