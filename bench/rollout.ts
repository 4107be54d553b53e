// The rollout at scale (docs/rollout.md "Figures"): the smart lamp's key
// rename (test/rollout-lamps.ts) on 10,000 devices, four stages soaking
// 5.5 h each at a growing rate (a virtual day), on worker threads, one per
// core. Wall time, and host memory per device as docs/decisions.md D129
// measures it: RSS after a full GC in every thread at the end, minus the
// same of the set-up with 0 devices, over the devices. Prints figures;
// never fails on a goal. ROLLOUT_DEVICES=n sets another fleet size.

import { availableParallelism } from "node:os";
import { DEFAULT_POPULATION } from "../host/fleet/population.js";
import { runRollout, type RolloutReport } from "../host/fleet/rollout.js";
import { parseRules, soakUs, type RolloutPlan } from "../host/fleet/rollout-plan.js";
import { rolloutLamps } from "../test/rollout-lamps.js";
import type { Figure } from "./foundation.js";

const DEVICES = Number(process.env["ROLLOUT_DEVICES"] ?? 10_000);

async function rollout(devices: number, workers: number): Promise<RolloutReport> {
  const lamps = await rolloutLamps();
  const plan: RolloutPlan = {
    devices,
    seed: 1,
    stages: [1, 10, 50, 100],
    soakUs: soakUs("5.5h"),
    rules: parseRules("crash>2%,rollback>1%,unconfirmed>5%"),
    minDevices: 10,
    rate: "growing",
    rollbackOnAbort: false,
  };
  return runRollout({
    ...{ profile: "esp32-devkitc", from: lamps.images.old, to: lamps.images.rename },
    ...{ fromFile: "old.signed.wasm", toFile: "rename.signed.wasm", publicKeyPem: lamps.publicPem },
    ...{ plan, population: DEFAULT_POPULATION, workers },
  });
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

export async function rolloutFigures(report: (f: Figure) => void): Promise<void> {
  const workers = availableParallelism();
  const empty = await rollout(0, workers);
  const cpu0 = process.cpuUsage();
  const full = await rollout(DEVICES, workers);
  const cpu = process.cpuUsage(cpu0);
  const perDevice = (full.time.rssAfterGc - empty.time.rssAfterGc) / DEVICES;
  const heap =
    full.time.threads.reduce((n, t) => n + t.heapUsed, 0) - empty.time.threads.reduce((n, t) => n + t.heapUsed, 0);
  const external =
    full.time.threads.reduce((n, t) => n + t.external, 0) - empty.time.threads.reduce((n, t) => n + t.external, 0);
  const buffers =
    full.time.threads.reduce((n, t) => n + t.arrayBuffers, 0) -
    empty.time.threads.reduce((n, t) => n + t.arrayBuffers, 0);
  const last = full.stages.at(-1);
  const virtualH = (full.endUs / 3_600_000_000).toFixed(1);
  report({
    name:
      `rollout: ${DEVICES.toLocaleString("en")} devices, stages 1,10,50,100 % soaking 5.5 h at a growing rate ` +
      `(${virtualH} h virtual), ${workers} worker threads`,
    value:
      `${(full.time.wallMs / 1000).toFixed(0)} s wall (set-up ${(full.time.setUpMs / 1000).toFixed(0)} s), ` +
      `${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU in all threads; ${full.outcome}, ` +
      `${last?.updated ?? 0} updated, ${last?.confirmed ?? 0} confirmed ` +
      "(machine shared: wall time varies with its load)",
    goal: "≤ 5 min",
    met: full.time.wallMs <= 300_000,
  });
  report({
    name: "rollout: host memory per device (D129: RSS after GC at the end − RSS of the 0-device set-up, ÷ N)",
    value:
      `${kib(perDevice)}; peak RSS of the process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB ` +
      `(per device, heap ${kib(heap / DEVICES)}, external ${kib(external / DEVICES)} of which ` +
      `array buffers — flash sectors written — ${kib(buffers / DEVICES)}; the rest of external is wasm linear memory)`,
    goal: "≤ 80 KiB",
    met: perDevice <= 80 * 1024,
  });
}
