// The client side of a miIO LAN session (docs/reference/miot-protocol.md §1 hello,
// §3 stamps/ids/retries/re-handshake, §4 MIoT methods and push, §7 npm miio's
// behaviour): transport and timers are injected; callbacks inside, so a whole
// exchange runs within one VirtualClock.advance; promises only at the surface.

import { MiioRpcError, MiioTimeoutError, SailError } from "../errors.js";
import { decodeJson, decodePacket, encodeJson, encodePacket, HELLO, MiioDropError } from "./codec.js";
import type { DatagramTransport, Timers } from "./transport.js";

export { MiioRpcError, MiioTimeoutError } from "../errors.js";

export interface MiioClientOptions {
  /** The device's "host:port"; datagrams from any other address are ignored. */
  readonly address: string;
  readonly token: Uint8Array;
  /** How long each try waits for a reply, ms (npm miio: 2000, §3). */
  readonly timeoutMs?: number;
  /** Tries after the first, each with id + 100 after a fresh hello (python-miio: 3, §3). */
  readonly retries?: number;
}

export interface PropertyResult {
  did: string;
  siid: number;
  piid: number;
  code: number;
  value?: unknown;
}
export interface ActionResult {
  code: number;
  out?: unknown[];
}

const DEFAULT_TIMEOUT_MS = 2000; // §3 NM
const DEFAULT_RETRIES = 3; // §3 PM
const RETRY_ID_STEP = 100; // §3 "Why +100"
const MAX_ID = 9998; // §3 PM: wraps to 1 at >= 9999
const REHANDSHAKE_AFTER_MS = 120_000; // §3 NM/HBM
const ZERO_STAMP_RESEND_MS = 300; // §3 VAL: re-send hello until the stamp is > 0
const PUSH_DEDUPE_MS = 5000; // §4 XHA dedupes push ids for 5 s
const PUSH_METHODS = new Set(["properties_changed", "event_occured"]); // §4

type Reply = Readonly<Record<string, unknown>>;
type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };
type PushHandler = (method: string, params: unknown) => void;

export class MiioClient {
  readonly #transport: DatagramTransport;
  readonly #timers: Timers;
  readonly #address: string;
  readonly #token: Uint8Array;
  readonly #timeoutMs: number;
  readonly #retries: number;
  #did: number | null = null;
  #stamp = 0;
  #stampSeenMs = 0;
  #lastReceivedMs = -Infinity;
  #lastId = 0;
  #closed = false;
  #handshaking: ((outcome: Outcome<{ did: number; stamp: number }>) => void)[] | null = null;
  readonly #helloWaiters = new Set<(stamp: number) => void>();
  readonly #pending = new Map<number, (reply: Reply) => void>();
  readonly #aborts = new Set<(error: Error) => void>();
  readonly #pushHandlers: PushHandler[] = [];
  readonly #pushSeen = new Map<number, number>();

  constructor(transport: DatagramTransport, timers: Timers, options: MiioClientOptions) {
    if (options.token.length !== 16)
      throw new SailError(`MiioClient: token must be 16 bytes; got ${options.token.length}`);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const retries = options.retries ?? DEFAULT_RETRIES;
    if (!(timeoutMs > 0)) throw new SailError(`MiioClient: timeoutMs must be above 0; got ${timeoutMs}`);
    if (!Number.isInteger(retries) || retries < 0)
      throw new SailError(`MiioClient: retries must be a whole number >= 0; got ${retries}`);
    this.#transport = transport;
    this.#timers = timers;
    this.#address = options.address;
    this.#timeoutMs = timeoutMs;
    this.#retries = retries;
    this.#token = new Uint8Array(options.token);
    transport.onReceive((bytes, from) => this.#receive(bytes, from));
  }

  /** The device id from the last hello reply, or null before the first. */
  get did(): number | null {
    return this.#did;
  }

  /** Sends hello (with retries) and adopts the did and stamp; the token slot is never read (§1). */
  handshake(): Promise<{ did: number; stamp: number }> {
    return new Promise((resolve, reject) => this.#handshake((o) => (o.ok ? resolve(o.value) : reject(o.error))));
  }

  /** Calls `method`; resolves with `result`, rejects with MiioRpcError or MiioTimeoutError. */
  call(method: string, params: unknown): Promise<unknown> {
    return this.#call(method, () => params);
  }

  info(): Promise<unknown> {
    return this.call("miIO.info", []);
  }

  getProperties(items: readonly { siid: number; piid: number }[]): Promise<PropertyResult[]> {
    return this.#items("get_properties", (did) => items.map(({ siid, piid }) => ({ did, siid, piid })));
  }

  setProperties(items: readonly { siid: number; piid: number; value: unknown }[]): Promise<PropertyResult[]> {
    return this.#items("set_properties", (did) => items.map(({ siid, piid, value }) => ({ did, siid, piid, value })));
  }

  async action(siid: number, aiid: number, input: readonly unknown[]): Promise<ActionResult> {
    const result = await this.#call("action", (did) => ({ did, siid, aiid, in: input }));
    if (typeof result !== "object" || result === null || typeof (result as Reply)["code"] !== "number") {
      throw new SailError(`miIO action: the device's result is not {code, out}: ${JSON.stringify(result)}`);
    }
    return result as ActionResult;
  }

  /** Handles properties_changed / event_occured pushes; each push is acknowledged with {code: 0}. */
  onPush(handler: PushHandler): void {
    this.#pushHandlers.push(handler);
  }

  /** Rejects every pending call and handshake, and closes the transport. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const error = new SailError(`MiioClient for ${this.#address} was closed`);
    for (const abort of [...this.#aborts]) abort(error);
    this.#transport.close();
  }

  /** get_properties / set_properties: the result must be an array of items (§4). */
  async #items(method: string, paramsOf: (did: string) => unknown): Promise<PropertyResult[]> {
    const result = await this.#call(method, paramsOf);
    if (!Array.isArray(result))
      throw new SailError(`miIO ${method}: the device's result is not an array: ${JSON.stringify(result)}`);
    return result as PropertyResult[];
  }

  #call(method: string, paramsOf: (did: string) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.#closed) {
        reject(new SailError(`MiioClient for ${this.#address} is closed; cannot call ${method}`));
        return;
      }
      const done = (o: Outcome<unknown>): void => (o.ok ? resolve(o.value) : reject(o.error));
      const start = (): void => this.#attempt(method, paramsOf, this.#nextId(), 0, done);
      if (this.#needsHandshake()) this.#handshake((o) => (o.ok ? start() : done(o)));
      else start();
    });
  }

  /** One try: fresh hello first on a retry, then the request; the timeout covers both. */
  #attempt(
    method: string,
    paramsOf: (did: string) => unknown,
    id: number,
    attempt: number,
    done: (o: Outcome<unknown>) => void,
  ): void {
    const cleanups: (() => void)[] = [];
    const finish = (): void => {
      for (const cleanup of cleanups) cleanup();
      this.#aborts.delete(abort);
    };
    const abort = (error: Error): void => {
      finish();
      done({ ok: false, error });
    };
    this.#aborts.add(abort);
    cleanups.push(
      this.#timers.after(this.#timeoutMs, () => {
        finish();
        if (attempt >= this.#retries) {
          done({ ok: false, error: new MiioTimeoutError(this.#address, method, attempt + 1, this.#timeoutMs) });
          return;
        }
        this.#lastId = ((id + RETRY_ID_STEP - 1) % MAX_ID) + 1; // a new request to the device's id cache
        this.#attempt(method, paramsOf, this.#lastId, attempt + 1, done);
      }),
    );
    const send = (): void => {
      try {
        this.#seal({ id, method, params: paramsOf(String(this.#did)) });
      } catch (e) {
        abort(e instanceof Error ? e : new SailError(String(e))); // e.g. params too large for a datagram
        return;
      }
      this.#pending.set(id, (reply) => {
        finish();
        const error = reply["error"];
        if (error === undefined) {
          done({ ok: true, value: reply["result"] });
          return;
        }
        const e = (typeof error === "object" && error !== null ? error : {}) as Reply;
        const code = typeof e["code"] === "number" ? e["code"] : NaN;
        done({
          ok: false,
          error: new MiioRpcError(
            code,
            method,
            typeof e["message"] === "string" ? e["message"] : JSON.stringify(error),
          ),
        });
      });
      cleanups.push(() => this.#pending.delete(id));
    };
    if (attempt === 0) send();
    else cleanups.push(this.#hello(send));
  }

  /** Hello with retries; concurrent callers share one handshake. */
  #handshake(done: (o: Outcome<{ did: number; stamp: number }>) => void): void {
    if (this.#closed) {
      done({ ok: false, error: new SailError(`MiioClient for ${this.#address} is closed; cannot handshake`) });
      return;
    }
    if (this.#handshaking !== null) {
      this.#handshaking.push(done);
      return;
    }
    const waiting = [done];
    this.#handshaking = waiting;
    let cancel = (): void => {};
    const settle = (o: Outcome<{ did: number; stamp: number }>): void => {
      cancel();
      this.#aborts.delete(abort);
      this.#handshaking = null;
      for (const w of waiting) w(o);
    };
    const abort = (error: Error): void => settle({ ok: false, error });
    this.#aborts.add(abort);
    const attempt = (n: number): void => {
      const stopHello = this.#hello(() => settle({ ok: true, value: { did: this.#did ?? 0, stamp: this.#stamp } }));
      const stopTimer = this.#timers.after(this.#timeoutMs, () => {
        stopHello();
        if (n >= this.#retries)
          settle({ ok: false, error: new MiioTimeoutError(this.#address, "hello", n + 1, this.#timeoutMs) });
        else attempt(n + 1);
      });
      cancel = () => {
        stopHello();
        stopTimer();
      };
    };
    attempt(0);
  }

  /** Sends hello; calls `then` on a reply with a non-zero stamp, re-sending after a zero one. Returns cancel. */
  #hello(then: () => void): () => void {
    let stopResend = (): void => {};
    const waiter = (stamp: number): void => {
      if (stamp !== 0) {
        this.#helloWaiters.delete(waiter);
        then();
        return;
      }
      stopResend();
      stopResend = this.#timers.after(ZERO_STAMP_RESEND_MS, () => this.#transport.send(HELLO, this.#address));
    };
    this.#helloWaiters.add(waiter);
    this.#transport.send(HELLO, this.#address);
    return () => {
      this.#helloWaiters.delete(waiter);
      stopResend();
    };
  }

  #receive(bytes: Uint8Array, from: string): void {
    if (this.#closed || from !== this.#address) return;
    const hello = parseHelloReply(bytes);
    if (hello !== null) {
      if (hello.did === 0) return; // NM drops did 0 (§1)
      this.#lastReceivedMs = this.#timers.nowMs();
      if (hello.stamp !== 0) this.#adopt(hello.did, hello.stamp);
      for (const waiter of [...this.#helloWaiters]) waiter(hello.stamp);
      return;
    }
    let message: unknown;
    try {
      const packet = decodePacket(bytes, this.#token);
      if (this.#did !== null && packet.header.did !== this.#did) return;
      message = decodeJson(packet.payload);
      this.#adopt(packet.header.did, packet.header.stamp);
      this.#lastReceivedMs = this.#timers.nowMs();
    } catch (e) {
      if (e instanceof MiioDropError) return; // not sealed with our token, or garbage: ignore
      throw e;
    }
    if (typeof message !== "object" || message === null || Array.isArray(message)) return;
    const m = message as Reply;
    const id = m["id"];
    if (typeof id !== "number") return;
    if (typeof m["method"] === "string") this.#push(id, m["method"], m["params"]);
    else this.#pending.get(id)?.(m);
  }

  #push(id: number, method: string, params: unknown): void {
    this.#seal({ id, result: { code: 0 } }); // §4: acknowledge every copy
    if (!PUSH_METHODS.has(method)) return;
    const now = this.#timers.nowMs();
    for (const [seen, until] of this.#pushSeen) if (until <= now) this.#pushSeen.delete(seen);
    if (this.#pushSeen.has(id)) return;
    this.#pushSeen.set(id, now + PUSH_DEDUPE_MS);
    for (const handler of this.#pushHandlers) handler(method, params);
  }

  /** Request stamp: last device stamp + whole seconds since it was seen (§3 NM). */
  #seal(message: Record<string, unknown>): void {
    const elapsedS = Math.floor((this.#timers.nowMs() - this.#stampSeenMs) / 1000);
    const stamp = Math.min(this.#stamp + Math.max(0, elapsedS), 0xffff_ffff);
    this.#transport.send(encodePacket({ did: this.#did ?? 0, stamp }, encodeJson(message), this.#token), this.#address);
  }

  #adopt(did: number, stamp: number): void {
    this.#did = did;
    this.#stamp = stamp;
    this.#stampSeenMs = this.#timers.nowMs();
  }

  #needsHandshake(): boolean {
    return this.#did === null || this.#timers.nowMs() - this.#lastReceivedMs > REHANDSHAKE_AFTER_MS;
  }

  #nextId(): number {
    this.#lastId = this.#lastId >= MAX_ID ? 1 : this.#lastId + 1;
    return this.#lastId;
  }
}

/** Sends one hello to `address`; resolves with the did and stamp of the reply, or null after `timeoutMs`. */
export function discover(
  transport: DatagramTransport,
  timers: Timers,
  address: string,
  timeoutMs: number,
): Promise<{ did: number; stamp: number } | null> {
  return new Promise((resolve) => {
    let open = true;
    const cancel = timers.after(timeoutMs, () => {
      open = false;
      resolve(null);
    });
    // The transport has no way to remove a handler: this one goes quiet once settled.
    transport.onReceive((bytes, from) => {
      const reply = open && from === address ? parseHelloReply(bytes) : null;
      if (reply === null || reply.did === 0) return;
      open = false;
      cancel();
      resolve(reply);
    });
    transport.send(HELLO, address);
  });
}

/** A 32-byte hello reply (§1): did at 8, stamp at 12; bytes 16..31 are deliberately not read. */
function parseHelloReply(bytes: Uint8Array): { did: number; stamp: number } | null {
  if (bytes.length !== 32 || bytes[0] !== 0x21 || bytes[1] !== 0x31 || bytes[2] !== 0x00 || bytes[3] !== 0x20)
    return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(4) === 0xffff_ffff) return null; // a hello, not a reply
  return { did: view.getUint32(8), stamp: view.getUint32(12) };
}
