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
  /** Hellos answered per second from one source address; more are dropped and counted (default 20). */
  readonly hellosPerSecond?: number;
}

export type SessionDrop = DropReason | "foreign-did" | "stale-stamp" | "not-a-request" | "radio-off" | "hello-flood";

export const METHOD_NOT_FOUND: RpcError = { code: -32601, message: "Method not found." };
/** Largest JSON that still fits a datagram: 32-byte header, PKCS#7 adds 1..16 bytes. */
const MAX_PAYLOAD = Math.floor((MAX_DATAGRAM - 32) / 16) * 16 - 1;
const PARAMS_NOT_AN_OBJECT: RpcError = {
  code: -5005,
  message: 'params error: miIO.sub takes an object, e.g. {"version":"2.0","did":"...","update_ts":0,"sub_method":"."}',
};
/** Sources whose hello count is kept before the counts of past seconds are dropped. */
const HELLO_SOURCES = 4096;
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
  /** Methods answered by the board itself (miIO.config_router), before the firmware's. */
  readonly #boardMethods = new Map<string, MethodHandler>();
  /** True while the device is in its own setup network: the hello reply carries the token. */
  helloCarriesToken = false;
  /** Hellos per source address in the current second of device time. */
  readonly #hellos = new Map<string, { second: number; count: number }>();

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
    if (isHello(bytes))
      return this.#helloAllowed(from)
        ? encodeHelloReply(this.options.did, this.stamp, this.helloCarriesToken ? this.options.token : undefined)
        : this.#drop("hello-flood");
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
    // An id is echoed exactly: a bigint past 2^53, or a safe integer. A float id (1e300, 9007199254740993.0)
    // could only come back rounded, so the request is not one.
    if (typeof m["method"] !== "string" || !(typeof id === "bigint" || Number.isSafeInteger(id)))
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

  /** Answers `method` here instead of in the firmware (null removes it). */
  boardMethod(method: string, handler: MethodHandler | null): void {
    if (handler === null) this.#boardMethods.delete(method);
    else this.#boardMethods.set(method, handler);
  }

  #dispatch(method: string, params: unknown, from: string): RpcOutcome | null {
    const board = this.#boardMethods.get(method);
    if (board !== undefined) return board(method, params, from);
    if (method === "miIO.sub") {
      // {"version","did","update_ts","sub_method"} (docs/reference/miot-protocol.md §4); unsub takes anything.
      if (typeof params !== "object" || params === null || Array.isArray(params))
        return { error: PARAMS_NOT_AN_OBJECT };
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

  /** A source (its address, whatever the port) gets `hellosPerSecond` answers per second of device time. */
  #helloAllowed(from: string): boolean {
    const colon = from.lastIndexOf(":");
    const source = colon > 0 ? from.slice(0, colon) : from;
    const second = Math.floor(this.options.nowUs() / 1_000_000);
    const seen = this.#hellos.get(source);
    if (seen !== undefined && seen.second === second) {
      if (seen.count >= (this.options.hellosPerSecond ?? 20)) return false;
      seen.count++;
      return true;
    }
    if (this.#hellos.size >= HELLO_SOURCES) {
      for (const [k, v] of this.#hellos) if (v.second !== second) this.#hellos.delete(k);
      if (this.#hellos.size >= HELLO_SOURCES) return false; // as many sources as that this second: a flood
    }
    this.#hellos.set(source, { second, count: 1 });
    return true;
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
