// The page's view of the board, batched: pin, log, reset and MIoT changes
// are gathered as they are published on the board's change stream and sent
// at most once per 50 ms of wall time, so a firmware toggling a pin 1,000
// times a second costs the page one message per batch, not 1,000.

import type { Change } from "../trace/changes.js";
import type { DevRig } from "./rig.js";
import type { Batch, PinState } from "./protocol.js";

export const BATCH_MS = 50;
/** Waveform points sent per batch at most; the rest are counted, the strip shows the gap. */
const WAVE_PER_BATCH = 4000;
const LOGS_PER_BATCH = 500;

/** A writable list of what a batch carries read-only. */
type Gathered<T extends readonly unknown[]> = T[number][];

export interface FeedStatus {
  readonly speed: number | "max";
  readonly paused: boolean;
}

export class StateFeed {
  #pins = new Set<number>();
  #wave: [number, number, number][] = [];
  #waveDropped = 0;
  #logs: Gathered<Batch["logs"]> = [];
  #props: Record<string, unknown> = {};
  #events: Gathered<Batch["events"]> = [];
  #resets: Gathered<Batch["resets"]> = [];
  #buildError: string | null = null;
  #reloaded: Batch["reloaded"] = null;
  #timer: NodeJS.Timeout | null = null;
  readonly #unsubscribe: () => void;
  #miotHooked = false;

  constructor(
    readonly rig: DevRig,
    readonly status: () => FeedStatus,
    readonly send: (batch: Batch) => void,
  ) {
    this.#unsubscribe = rig.board.changes.subscribe((c) => this.#onChange(c));
  }

  /** Starts sending batches every BATCH_MS. */
  start(): void {
    this.#timer ??= setInterval(() => this.flush(), BATCH_MS);
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#unsubscribe();
  }

  /** Listens to the board's MIoT pushes once it has a MIoT side (the first image with a spec makes it). */
  hookMiot(): void {
    const miot = this.rig.board.miot;
    if (miot === null || this.#miotHooked) return;
    this.#miotHooked = true;
    miot.onPush((method, params) => this.#onPush(method, params));
  }

  /** A property value read or written from the page (or a client): shown like a push. */
  property(siid: number, piid: number, value: unknown): void {
    this.#props[`${siid}.${piid}`] = value;
  }

  buildFailed(message: string): void {
    this.#buildError = message;
  }

  reloaded(ms: number, image: string): void {
    this.#reloaded = { ms, image };
    this.#buildError = null;
  }

  /** The whole state (every pin), for a page that just connected (with the newest log lines if `history`). */
  snapshot(history: boolean): Batch {
    const all = this.#batch([...this.rig.profile.pins.keys()], [], 0);
    const logs = history ? this.rig.board.logs.slice(-LOGS_PER_BATCH).map((l) => ({ ...l })) : [];
    return { ...all, logs, props: {}, events: [], resets: [], reloaded: null };
  }

  /** Sends what changed since the last batch (the time always, so the clock moves on the page). */
  flush(): void {
    const pins = [...this.#pins];
    const wave = this.#wave;
    const dropped = this.#waveDropped;
    this.#pins = new Set();
    this.#wave = [];
    this.#waveDropped = 0;
    const batch = this.#batch(pins, wave, dropped);
    this.#logs = [];
    this.#props = {};
    this.#events = [];
    this.#resets = [];
    this.#reloaded = null;
    this.send(batch);
  }

  #batch(gpios: readonly number[], wave: Batch["wave"], waveDropped: number): Batch {
    const pins: Record<number, PinState> = {};
    for (const g of gpios) pins[g] = this.rig.pinState(g);
    const { board } = this.rig;
    const { speed, paused } = this.status();
    return {
      type: "batch",
      nowUs: board.clock.now,
      sentAt: Date.now(),
      speed,
      paused,
      boardState: board.state,
      pins,
      wave,
      waveDropped,
      logs: this.#logs,
      props: this.#props,
      events: this.#events,
      resets: this.#resets,
      world: this.rig.worldView(),
      buildError: this.#buildError,
      reloaded: this.#reloaded,
    };
  }

  #onChange(c: Change): void {
    if (c.kind === "log") {
      if (this.#logs.length < LOGS_PER_BATCH) this.#logs.push({ ...c.line });
      return;
    }
    if (c.kind === "reset") {
      const r = c.record;
      this.#resets.push({ timeUs: r.timeUs, reason: r.reason, message: r.message });
      for (const g of this.rig.profile.pins.keys()) this.#pins.add(g); // a reset puts every pad back
      return;
    }
    this.#pins.add(c.gpio);
    if (c.kind === "leds") return; // an LED chain's frame is no level or duty: the wave strip leaves it out
    if (this.#wave.length >= WAVE_PER_BATCH) this.#waveDropped++;
    else this.#wave.push([c.timeUs, c.gpio, c.kind === "level" ? c.level : c.dutyFraction]);
  }

  #onPush(method: string, params: unknown): void {
    if (method === "properties_changed" && Array.isArray(params)) {
      for (const p of params as { siid?: unknown; piid?: unknown; value?: unknown }[]) {
        if (typeof p.siid === "number" && typeof p.piid === "number") this.property(p.siid, p.piid, p.value);
      }
    } else if (method === "event_occured" && typeof params === "object" && params !== null) {
      const e = params as { siid?: unknown; eiid?: unknown; arguments?: unknown };
      if (typeof e.siid === "number" && typeof e.eiid === "number")
        this.#events.push({ timeUs: this.rig.board.clock.now, siid: e.siid, eiid: e.eiid, args: e.arguments ?? [] });
    }
  }
}
