// One thread's devices of a rollout: boards flashed with the old image over
// settings drawn from the population, run through their uptime and through
// the rollout when the controller starts their stage. Runs the same in a
// worker or in the calling thread, so a device's record does not depend on
// where it ran.

import { Board } from "../board/board.js";
import { ImageCache } from "../board/storage.js";
import { loadBoardProfile } from "../boards/profile.js";
import { drawDevice, type Population } from "./population.js";
import { RolloutDevice, type DeviceRecord, type RolloutDeviceOptions } from "./rollout-device.js";
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

/**
 * A thread's devices, one board alive at a time: a device is created when its
 * stage begins and run at once to the rollout's last stage end (nothing it does
 * depends on other devices, and health at any moment reads only events timed
 * before it), then only its record is kept. The controller's abort decision
 * truncates the records (rollout-health.ts `truncate`); --rollback-on-abort
 * replays an updated device to the abort and sends the rollback image there.
 * So host memory holds records, not boards (docs/decisions.md D128).
 */
export class RolloutShard {
  readonly #spec: RolloutShardSpec;
  readonly #sched: Schedule;
  readonly #records = new Map<number, DeviceRecord>();
  #shared: Shared | null = null;

  constructor(spec: RolloutShardSpec) {
    this.#spec = spec;
    this.#sched = schedule(spec.plan);
  }

  /** Prepares both images (and the rollback image) once, and the rollout server. */
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
    this.#shared = { profile, images, server, update, revert };
    onProgress?.(s.indices.length);
    return measureMemory();
  }

  /** A device flashed with the old image over its settings, run through its uptime and offered at its time. */
  async #device(index: number): Promise<RolloutDevice> {
    const s = this.#spec;
    const sh = this.#shared;
    if (sh === null) throw new Error("rollout shard: set up first");
    const seed = deviceSeed(s.plan.seed, index);
    const device = drawDevice(s.population, seed);
    const board = Board.load(sh.profile, { seed, images: sh.images, otaKey: s.publicKeyPem, keep: ROLLOUT_KEEP });
    RolloutDevice.writeSettings(board, device);
    await board.flash(s.from, s.fromFile);
    const stage = this.#sched.stage[index] as number;
    const { server, update, revert } = sh;
    const d = new RolloutDevice({ board, index, seed, stage, profile: device, server, update, revert });
    await d.runTo(0);
    const rank = this.#sched.rank[index] as number;
    d.offerAt((this.#sched.startUs[stage] as number) + offerDelayUs(s.plan, rank, stage));
    return d;
  }

  /** Runs stage k's devices, each to the last stage's end; every record so far (devices not yet offered: empty). */
  async stage(k: number, _untilUs: number, onProgress?: (done: number) => void): Promise<DeviceRecord[]> {
    const lastUs = this.#sched.endUs.at(-1) ?? 0;
    let n = 0;
    for (const index of this.#spec.indices) {
      if (this.#sched.stage[index] !== k) continue;
      const d = await this.#device(index);
      await d.runTo(lastUs);
      this.#records.set(index, d.record());
      if (++n % 50 === 0) onProgress?.(n);
    }
    return this.#all();
  }

  /** Replays every device that took the update to `atUs`, sends it the rollback image there and runs to `untilUs`. */
  async revert(atUs: number, untilUs: number): Promise<DeviceRecord[]> {
    for (const [index, r] of this.#records) {
      if (!r.events.some((e) => e[1] === "booted" && e[0] <= atUs)) continue;
      const d = await this.#device(index);
      await d.runTo(atUs);
      d.revertAt(atUs);
      await d.runTo(untilUs);
      this.#records.set(index, d.record());
    }
    return this.#all();
  }

  #all(): DeviceRecord[] {
    return this.#spec.indices.map(
      (index) =>
        this.#records.get(index) ?? {
          index,
          seed: deviceSeed(this.#spec.plan.seed, index),
          stage: this.#sched.stage[index] as number,
          offerUs: null,
          events: [],
        },
    );
  }
}

interface Shared {
  readonly profile: ReturnType<typeof loadBoardProfile>;
  readonly images: ImageCache;
  readonly server: VirtualHttpServer;
  readonly update: RolloutDeviceOptions["update"];
  readonly revert: RolloutDeviceOptions["revert"];
}
