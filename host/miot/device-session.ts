// The device side of a miIO LAN session (docs/reference/miot-protocol.md §1–§4
// and Sail's policy there; docs/decisions.md D44–D46): hello is answered with the device id
// and stamp, never the token; a request must carry our did, a valid checksum
// and a stamp inside the freshness window; replies are cached so a replayed
// request (or a repeated id from the same sender) is answered, never executed
// twice; miIO.sub / miIO.unsub keep the subscribers that pushes go to.
// Pure: the clock and the method handler are injected, datagrams go in and out.

import {
  decodeJson,
  decodePacket,
  encodeHelloReply,
  encodeJson,
  encodePacket,
  isHello,
  MAX_DATAGRAM,
  MiioDropError,
  type DropReason,
} from "./codec.js";

export interface RpcError {
  readonly code: number;
  readonly message: string;
}

export type RpcOutcome = { readonly result: unknown } | { readonly error: RpcError };

/** Handles one JSON-RPC method; null means "no such method". */
export type MethodHandler = (method: string, params: unknown, from: string) => RpcOutcome | null;

export interface DeviceSessionOptions {
  readonly did: number;
  readonly token: Uint8Array;
  /** Device uptime in µs (the board clock). */
  readonly nowUs: () => number;
  readonly handle: MethodHandler;
  /** False while the device's radio is off (asleep, not yet connected): datagrams are lost, as on the air. */
  readonly online?: () => boolean;
  /** Bytes received and sent on the device's behalf, for the energy model. */
  readonly onAir?: (rxBytes: number, txBytes: number) => void;
  /** Freshness window: seconds a request's stamp may lag / lead the device's. */
  readonly behindS?: number;
  readonly aheadS?: number;
}

export type SessionDrop = DropReason | "foreign-did" | "stale-stamp" | "not-a-request" | "radio-off";

export const METHOD_NOT_FOUND: RpcError = { code: -32601, message: "Method not found." };
/** Largest JSON that still fits a datagram: 32-byte header, PKCS#7 adds 1..16 bytes. */
const MAX_PAYLOAD = Math.floor((MAX_DATAGRAM - 32) / 16) * 16 - 1;
const REPLY_TOO_LARGE: RpcError = {
  code: -5005,
  message: "params error: the reply would exceed 1400 bytes; ask for fewer items",
};

interface Cached {
  readonly reply: Uint8Array;
  readonly expiresUs: number;
}

export class DeviceSession {
  /** Dropped datagrams by reason, for tests and `sail run`. */
  readonly drops = new Map<SessionDrop, number>();
  /** Requests executed (not counting replays answered from the cache). */
  executed = 0;
  readonly #subscribers = new Set<string>();
  readonly #byChecksum = new Map<string, Cached>();
  readonly #byId = new Map<string, Cached>();
  readonly #behindUs: number;
  readonly #aheadUs: number;
  #pushId = 0;

  constructor(readonly options: DeviceSessionOptions) {
    this.#behindUs = (options.behindS ?? 300) * 1_000_000;
    this.#aheadUs = (options.aheadS ?? 60) * 1_000_000;
  }

  /** The device stamp: whole seconds of uptime, starting at 1, never 0. */
  get stamp(): number {
    return 1 + Math.floor(this.options.nowUs() / 1_000_000);
  }

  get subscribers(): readonly string[] {
    return [...this.#subscribers];
  }

  /** Adds a subscriber as miIO.sub from `address` would (a hub that subscribed before the device went to sleep). */
  subscribe(address: string): void {
    this.#subscribers.add(address);
  }

  /** Handles one datagram from `from`; returns the reply, or null when dropped or unanswered. */
  receive(bytes: Uint8Array, from: string): Uint8Array | null {
    if (this.options.online?.() === false) return this.#drop("radio-off");
    const reply = this.#receive(bytes, from);
    this.options.onAir?.(bytes.length, reply?.length ?? 0);
    return reply;
  }

  #receive(bytes: Uint8Array, from: string): Uint8Array | null {
    if (isHello(bytes)) return encodeHelloReply(this.options.did, this.stamp);
    let packet;
    try {
      packet = decodePacket(bytes, this.options.token);
    } catch (e) {
      if (e instanceof MiioDropError) return this.#drop(e.reason);
      throw e;
    }
    if (packet.header.did !== this.options.did) return this.#drop("foreign-did");
    const nowUs = this.options.nowUs();
    this.#expire(nowUs);
    const checksumKey = Buffer.from(packet.checksum).toString("hex");
    const replayed = this.#byChecksum.get(checksumKey);
    if (replayed !== undefined) return replayed.reply;
    const requestUs = (packet.header.stamp - 1) * 1_000_000;
    if (requestUs < nowUs - this.#behindUs || requestUs > nowUs + this.#aheadUs) return this.#drop("stale-stamp");

    let message: unknown;
    try {
      message = decodeJson(packet.payload);
    } catch (e) {
      if (e instanceof MiioDropError) return this.#drop(e.reason);
      throw e;
    }
    if (typeof message !== "object" || message === null || Array.isArray(message)) return this.#drop("not-a-request");
    const m = message as Readonly<Record<string, unknown>>;
    if (m["method"] === undefined && m["result"] !== undefined) return null; // a subscriber acknowledging a push
    const id = m["id"];
    if (typeof m["method"] !== "string" || (typeof id !== "number" && typeof id !== "bigint"))
      return this.#drop("not-a-request");
    const idKey = `${from}#${String(id)}`;
    const repeated = this.#byId.get(idKey);
    if (repeated !== undefined) return repeated.reply;

    this.executed++;
    const outcome = this.#dispatch(m["method"], m["params"], from) ?? { error: METHOD_NOT_FOUND };
    let json = encodeJson({ id, ...outcome });
    if (json.length > MAX_PAYLOAD) json = encodeJson({ id, error: REPLY_TOO_LARGE });
    const reply = this.#seal(json);
    // Kept while the request's stamp is still accepted: up to `behind` after the
    // latest time it may claim (now + ahead); monotonic in arrival, so the maps stay in expiry order.
    const cached = { reply, expiresUs: nowUs + this.#aheadUs + this.#behindUs };
    this.#byChecksum.set(checksumKey, cached);
    this.#byId.set(idKey, cached);
    return reply;
  }

  /** Packets announcing `method` (properties_changed, event_occured) to every subscriber. */
  push(method: string, params: unknown): { to: string; bytes: Uint8Array }[] {
    if (this.#subscribers.size === 0) return [];
    this.#pushId = (this.#pushId % 9999) + 1;
    const bytes = this.#seal(encodeJson({ id: this.#pushId, method, params }));
    this.options.onAir?.(0, bytes.length * this.#subscribers.size);
    return [...this.#subscribers].map((to) => ({ to, bytes }));
  }

  #dispatch(method: string, params: unknown, from: string): RpcOutcome | null {
    if (method === "miIO.sub") {
      this.#subscribers.add(from);
      return { result: { code: 0 } };
    }
    if (method === "miIO.unsub") {
      this.#subscribers.delete(from);
      return { result: { code: 0 } };
    }
    return this.options.handle(method, params, from);
  }

  #seal(json: Uint8Array): Uint8Array {
    return encodePacket({ did: this.options.did, stamp: this.stamp }, json, this.options.token);
  }

  #drop(reason: SessionDrop): null {
    this.drops.set(reason, (this.drops.get(reason) ?? 0) + 1);
    return null;
  }

  #expire(nowUs: number): void {
    for (const cache of [this.#byChecksum, this.#byId]) {
      for (const [k, v] of cache) {
        if (v.expiresUs > nowUs) break; // insertion order is expiry order
        cache.delete(k);
      }
    }
  }
}
