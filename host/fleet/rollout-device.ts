// One device of a rollout: its settings written before its first boot, its
// own LAN to the rollout server, the server's miIO.ota offer (retried while
// the device cannot be reached) and what the server sees happen: the update
// booted on trial, confirmed, rolled back and why, crashes, boot loops,
// silence, settings the new image never read. Events are timed in µs since
// the rollout's start, so health at any moment is a function of them alone.

import type { Board } from "../board/board.js";
import { BoardStorage } from "../board/storage.js";
import { MiioClient } from "../miot/client.js";
import { VirtualLan, virtualTimers } from "../miot/virtual-lan.js";
import { OTA_STATE_PENDING, OTA_STATE_VALID } from "../ota/states.js";
import { SeededRandom } from "../random.js";
import { KvStore } from "../storage/store.js";
import type { DeviceProfile } from "./population.js";
import type { VirtualHttpServer } from "./virtual-http.js";

export type DeviceEventKind =
  | "offered" // the device accepted miIO.ota
  | "refused" // it answered miIO.ota with an error, or its download failed
  | "booted" // the new image booted, on trial
  | "confirmed" // the new image confirmed itself (VALID)
  | "rolled-back" // reset on trial: detail trial-timeout | watchdog | reset | rejected
  | "crash" // a fault reset on the new image: detail the reason
  | "boot-loop" // the board halted in a boot loop
  | "down" // not running (off or halted) at a look
  | "up" // running again
  | "unread" // settings the device held that the new image did not read back: detail the keys
  | "reverted"; // --rollback-on-abort: the server's rollback image booted

export type DeviceEvent = readonly [timeUs: number, kind: DeviceEventKind, detail: string];

export interface DeviceRecord {
  readonly index: number;
  readonly seed: number;
  readonly stage: number;
  /** When the server first tried to offer the update (µs since the start), or null if never. */
  readonly offerUs: number | null;
  readonly events: readonly DeviceEvent[];
}

const DEVICE = "10.0.0.2:54321";
const SERVER = "10.0.0.1:50000";
/** The server tries again this long after a device did not answer. */
export const RETRY_US = 10 * 60_000_000;
/** A look at an idle device every this long; every second while something is under way. */
const IDLE_LOOK_US = 5 * 60_000_000;
const BUSY_LOOK_US = 1_000_000;
/** Settings are checked this long after the new image booted (it reads them in its setup or soon after). */
const READ_BACK_US = 60_000_000;

export interface RolloutDeviceOptions {
  readonly board: Board;
  readonly index: number;
  readonly seed: number;
  readonly stage: number;
  readonly profile: DeviceProfile;
  readonly server: VirtualHttpServer;
  readonly update: { readonly url: string; readonly sha256: string; readonly version: string };
  readonly revert: { readonly url: string; readonly sha256: string } | null;
}

export class RolloutDevice {
  readonly #o: RolloutDeviceOptions;
  readonly #events: DeviceEvent[] = [];
  readonly #client: MiioClient;
  readonly #readOk = new Set<string>();
  #offerAt: number | null = null;
  #firstOffer: number | null = null;
  #pending = false;
  #offered = false;
  #booted = -1;
  #confirmed = false;
  #unreadChecked = false;
  #down = false;
  #halted = false;
  #revertAt: number | null = null;
  #sentRevert = false;
  #reverted = false;

  constructor(o: RolloutDeviceOptions) {
    this.#o = o;
    const { board, profile } = o;
    const random = new SeededRandom((o.seed ^ 0x1a7e) >>> 0);
    const lan = new VirtualLan(board.clock, {
      latencyUs: profile.latencyUs,
      ...(profile.lossRate > 0 ? { lossRate: profile.lossRate, random } : {}),
    });
    const miot = board.miot;
    if (miot === null) throw new Error("a rollout needs an image with a MIoT spec (miIO.ota)");
    miot.attach(lan, DEVICE);
    this.#client = new MiioClient(lan.endpoint(SERVER), virtualTimers(board.clock), {
      address: DEVICE,
      token: board.identity.token,
    });
    board.otaAgent.fetch = o.server.fetchOn(board.clock, {
      latencyUs: profile.latencyUs,
      lossRate: profile.lossRate,
      random,
      reachable: () => this.reachable(),
    });
    board.changes.subscribe((c) => {
      if (c.kind === "reset") this.#onReset(c.record.reason, c.record.message);
    }, "resets");
    this.#trackReads(board.storage);
  }

  /** Writes the device's settings into its key-value store, before its first boot. */
  static writeSettings(board: Board, profile: DeviceProfile): void {
    if (profile.settings.length === 0) return;
    board.storage.mountKv();
    const kv = board.storage.kv as KvStore;
    for (const s of profile.settings) {
      const h = kv.openNamespace(s.namespace);
      kv.set(h, s.key, typeof s.value === "number" ? BigInt(s.value) : s.value);
    }
  }

  /** µs since the rollout's start (the board ran `uptime` before it). */
  get now(): number {
    return this.#o.board.clock.now - this.#o.profile.uptimeUs;
  }

  reachable(): boolean {
    const p = this.#o.profile;
    return !p.offline && this.now >= p.asleepUs;
  }

  /** The server offers the update at `atUs` (since the start). */
  offerAt(atUs: number): void {
    this.#offerAt = atUs;
  }

  /** --rollback-on-abort: the server sends its rollback image at `atUs` to a device that took the update. */
  revertAt(atUs: number): void {
    if (this.#booted >= 0 && this.#o.revert !== null) this.#revertAt = atUs;
  }

  /** Runs the board to `untilUs` (since the start), looking at it often enough to time what happens. */
  async runTo(untilUs: number): Promise<void> {
    const board = this.#o.board;
    if (this.now < 0) await board.advance(Math.min(0, untilUs) - this.now); // its uptime: nobody watches yet
    while (this.now < untilUs) {
      this.#act();
      const busy = this.#pending || board.otaAgent.state !== "idle" || board.otaState === OTA_STATE_PENDING;
      let next = Math.min(untilUs, this.now + (busy ? BUSY_LOOK_US : IDLE_LOOK_US));
      for (const t of [this.#offerAt, this.#revertAt]) if (t !== null && t > this.now) next = Math.min(next, t);
      if (this.#booted >= 0 && !this.#unreadChecked)
        next = Math.min(next, Math.max(this.now + 1, this.#booted + READ_BACK_US));
      await board.advance(next - this.now);
      await Promise.resolve(); // lets replies and downloads continue before the look
      this.#look();
    }
  }

  record(): DeviceRecord {
    return {
      index: this.#o.index,
      seed: this.#o.seed,
      stage: this.#o.stage,
      offerUs: this.#firstOffer,
      events: this.#events,
    };
  }

  #event(kind: DeviceEventKind, detail = "", at = this.now): void {
    this.#events.push([at, kind, detail]);
  }

  #act(): void {
    if (this.#pending) return;
    if (this.#revertAt !== null && this.now >= this.#revertAt && this.#o.revert !== null) {
      this.#revertAt = null;
      this.#send(this.#o.revert.url, this.#o.revert.sha256, true);
      return;
    }
    if (this.#offerAt === null || this.now < this.#offerAt || this.#offered) return;
    this.#firstOffer ??= this.#offerAt;
    if (!this.reachable()) {
      this.#offerAt = this.now + RETRY_US;
      return;
    }
    this.#send(this.#o.update.url, this.#o.update.sha256, false);
  }

  #send(url: string, sha256: string, revert: boolean): void {
    this.#pending = true;
    this.#client.call("miIO.ota", { app_url: url, file_sha256: sha256 }).then(
      () => {
        this.#pending = false;
        if (revert) this.#sentRevert = true;
        else if (!this.#offered) {
          this.#offered = true;
          this.#event("offered");
        }
      },
      (e: unknown) => {
        this.#pending = false;
        const message = e instanceof Error ? e.message : String(e);
        if (/timeout|no reply|did not answer/i.test(message) || (e instanceof Error && e.name === "MiioTimeoutError")) {
          if (revert) this.#revertAt = this.now + RETRY_US;
          else this.#offerAt = this.now + RETRY_US;
        } else if (/busy/.test(message)) {
          // A retried request found the first one's download under way: the offer was taken.
          if (!revert && !this.#offered) {
            this.#offered = true;
            this.#event("offered");
          }
        } else if (!revert) {
          this.#offered = true; // the device said no: offering again would get the same answer
          this.#event("refused", message);
        }
      },
    );
  }

  #look(): void {
    const board = this.#o.board;
    const agent = board.otaAgent;
    if (agent.state === "failed" && agent.error !== null) {
      if (/cannot fetch/.test(agent.error) && this.#booted < 0) {
        // The download was lost on the way: the server offers it again later.
        this.#offered = false;
        this.#offerAt = this.now + RETRY_US;
      } else this.#event("refused", agent.error);
      agent.state = "idle";
      agent.error = null;
    }
    const version = board.image?.manifest?.version;
    const onNew = version === this.#o.update.version;
    if (onNew && this.#booted < 0) {
      this.#booted = this.now;
      this.#event("booted");
    }
    if (this.#sentRevert && !this.#reverted && !onNew && board.state === "running") {
      this.#reverted = true;
      this.#event("reverted");
    }
    if (onNew && !this.#confirmed && board.otaState === OTA_STATE_VALID) {
      this.#confirmed = true;
      this.#event("confirmed");
    }
    // Reads the new image made count even if it was rolled back since.
    if (this.#booted >= 0 && !this.#unreadChecked && this.now >= this.#booted + READ_BACK_US) {
      this.#unreadChecked = true;
      const unread = this.#o.profile.settings.filter((s) => !this.#readOk.has(`${s.namespace}/${s.key}`));
      if (unread.length > 0) this.#event("unread", unread.map((s) => `${s.namespace}/${s.key}`).join(" "));
    }
    const running = board.state === "running" || board.state === "sleeping";
    if (board.state === "halted" && !this.#halted) {
      this.#halted = true;
      this.#event("boot-loop");
    }
    if (!running && !this.#down) {
      this.#down = true;
      this.#event("down", board.state);
    } else if (running && this.#down) {
      this.#down = false;
      this.#event("up");
    }
  }

  #onReset(reason: string, message: string): void {
    const board = this.#o.board;
    if (board.image?.manifest?.version !== this.#o.update.version) return;
    const at = board.clock.now - this.#o.profile.uptimeUs;
    if (this.#booted < 0) {
      // It faulted before a look saw it run: it booted all the same.
      this.#booted = at;
      this.#event("booted", "", at);
    }
    const onTrial = board.otaState === OTA_STATE_PENDING;
    const trialTimeout = reason === "WDT" && message.includes("did not confirm");
    const fault = reason === "PANIC" || reason === "TASK_WDT" || (reason === "WDT" && !trialTimeout);
    if (fault) this.#event("crash", reason, at);
    if (onTrial) {
      const why = trialTimeout
        ? "trial-timeout"
        : reason === "TASK_WDT" || reason === "WDT"
          ? "watchdog"
          : reason === "SW" && message.includes("ota_reject")
            ? "rejected"
            : "reset";
      this.#event("rolled-back", why, at);
    }
  }

  /** Records which keys the new image read back successfully (on this board's store only). */
  #trackReads(storage: BoardStorage): void {
    const wrapped = new WeakMap<KvStore, KvStore>();
    const onNew = (): boolean => this.#o.board.image?.manifest?.version === this.#o.update.version;
    const reads = new Set(["get", "getInt", "getString", "getBlob"]);
    Object.defineProperty(storage, "kv", {
      get: (): KvStore | null => {
        const store: unknown = Reflect.get(BoardStorage.prototype, "kv", storage);
        if (!(store instanceof KvStore)) return null;
        let proxy = wrapped.get(store);
        if (proxy === undefined) {
          proxy = new Proxy(store, {
            get: (target, name) => {
              const value: unknown = Reflect.get(target, name, target);
              if (typeof value !== "function") return value;
              const fn = value as (...args: unknown[]) => unknown;
              if (typeof name !== "string" || !reads.has(name)) return fn.bind(target);
              return (ns: number, key: string) => {
                const result = fn.call(target, ns, key);
                if (onNew() && result !== undefined) this.#readOk.add(`${target.namespaceName(ns)}/${key}`);
                return result;
              };
            },
          });
          wrapped.set(store, proxy);
        }
        return proxy;
      },
    });
  }
}
