// One thread's devices of a rollout: boards flashed with the old image over
// settings drawn from the population, run through their uptime, then stage by
// stage on the controller's word. Runs the same in a worker or in the calling
// thread, so a device's record does not depend on where it ran.

import { Board } from "../board/board.js";
import { ImageCache } from "../board/storage.js";
import { loadBoardProfile } from "../boards/profile.js";
import { drawDevice, type Population } from "./population.js";
import { RolloutDevice, type DeviceRecord } from "./rollout-device.js";
import { offerDelayUs, schedule, type RolloutPlan, type Schedule } from "./rollout-plan.js";
import { measureMemory } from "./shard.js";
import { VirtualHttpServer } from "./virtual-http.js";
import type { MemorySample } from "./types.js";

export interface RolloutShardSpec {
  readonly profile: string;
  readonly from: Uint8Array;
  readonly to: Uint8Array;
  readonly fromFile: string;
  readonly toFile: string;
  readonly toVersion: string;
  /** What --rollback-on-abort sends (default: the old image; a board refuses a lower version, D2). */
  readonly rollback: Uint8Array;
  readonly sha256: { readonly from: string; readonly to: string; readonly rollback: string };
  readonly publicKeyPem: string;
  readonly plan: RolloutPlan;
  readonly population: Population;
  /** Fleet indices of this thread's devices, ascending. */
  readonly indices: readonly number[];
}

/** What a board of a rollout keeps: only what the rollout reads (its newest resets); the rest is counted. */
export const ROLLOUT_KEEP = { pinChanges: 16, logLines: 16, resets: 8 } as const;

/** A device's seed: the fleet's seed and its index, so a device is the same in any shard. */
export function deviceSeed(fleetSeed: number, index: number): number {
  return (Math.imul(fleetSeed, 0x9e3779b1) + index + 1) >>> 0;
}

export class RolloutShard {
  readonly #spec: RolloutShardSpec;
  readonly #sched: Schedule;
  readonly #devices: RolloutDevice[] = [];

  constructor(spec: RolloutShardSpec) {
    this.#spec = spec;
    this.#sched = schedule(spec.plan);
  }

  /** Flashes every device with the old image over its settings and runs it through its uptime. */
  async setUp(onProgress?: (done: number) => void): Promise<MemorySample> {
    const s = this.#spec;
    const profile = loadBoardProfile(s.profile);
    const images = new ImageCache();
    // Both images prepared once, before any board runs: installs then finish in the same virtual step on every run.
    await images.prepare(profile, s.from, s.fromFile);
    await images.prepare(profile, s.to, s.toFile);
    if (s.plan.rollbackOnAbort) await images.prepare(profile, s.rollback, "the rollback image");
    const server = new VirtualHttpServer("10.0.0.1");
    const update = { url: server.serve("/update.signed.wasm", s.to), sha256: s.sha256.to, version: s.toVersion };
    const revert = s.plan.rollbackOnAbort
      ? { url: server.serve("/rollback.signed.wasm", s.rollback), sha256: s.sha256.rollback }
      : null;
    for (const index of s.indices) {
      const seed = deviceSeed(s.plan.seed, index);
      const device = drawDevice(s.population, seed);
      const board = Board.load(profile, { seed, images, otaKey: s.publicKeyPem, keep: ROLLOUT_KEEP });
      RolloutDevice.writeSettings(board, device);
      await board.flash(s.from, s.fromFile);
      const stage = this.#sched.stage[index] as number;
      const d = new RolloutDevice({ board, index, seed, stage, profile: device, server, update, revert });
      await d.runTo(0);
      this.#devices.push(d);
      if (this.#devices.length % 250 === 0) onProgress?.(this.#devices.length);
    }
    return measureMemory();
  }

  /** Offers stage k's devices the update at their times and runs every device to the stage's end. */
  async stage(k: number, untilUs: number, onProgress?: (done: number) => void): Promise<DeviceRecord[]> {
    const start = this.#sched.startUs[k] as number;
    for (const d of this.#devices) {
      const i = d.record().index;
      if (this.#sched.stage[i] === k)
        d.offerAt(start + offerDelayUs(this.#spec.plan, this.#sched.rank[i] as number, k));
    }
    return this.runTo(untilUs, onProgress);
  }

  /** Sends the rollback image to every device that took the update, at `atUs`, and runs to `untilUs`. */
  async revert(atUs: number, untilUs: number): Promise<DeviceRecord[]> {
    for (const d of this.#devices) d.revertAt(atUs);
    return this.runTo(untilUs);
  }

  async runTo(untilUs: number, onProgress?: (done: number) => void): Promise<DeviceRecord[]> {
    let n = 0;
    for (const d of this.#devices) {
      await d.runTo(untilUs);
      if (++n % 250 === 0) onProgress?.(n);
    }
    return this.#devices.map((d) => d.record());
  }
}
