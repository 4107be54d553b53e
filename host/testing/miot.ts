// A MIoT client for a test board over the virtual LAN: the harness's miIO
// client (docs/reference/miot-protocol.md §3, §4) with promises that resolve in
// virtual time — each call runs the board's clock until the reply is in.

import type { Board } from "../board/board.js";
import { SailError } from "../errors.js";
import { MiioClient } from "../miot/client.js";
import { MIOT_CODE } from "../miot/spec.js";
import { virtualTimers, type VirtualLan } from "../miot/virtual-lan.js";
import type { Duration } from "../time/duration.js";
import { at, trimStack } from "./report.js";

/** A property, action or event by its ids, "siid.iid" as `sail miot` writes them, e.g. "2.1". */
export type Iid = `${number}.${number}`;

/** A push the device sent this client (properties_changed, event_occured). */
export interface MiotPush {
  readonly timeUs: number;
  readonly method: string;
  readonly params: unknown;
}

/** A property change a push carried. */
export interface MiotChange {
  readonly timeUs: number;
  readonly siid: number;
  readonly piid: number;
  readonly value: unknown;
}

/** An event a push carried (event_occured), its arguments decoded. */
export interface MiotEvent {
  readonly timeUs: number;
  readonly siid: number;
  readonly eiid: number;
  /** The argument values in the order the spec lists them. */
  readonly values: readonly unknown[];
  /** The arguments as sent: each with the piid of its property. */
  readonly arguments: readonly { readonly piid: number; readonly value: unknown }[];
}

export interface MiotClientOptions {
  /** How long each try waits for a reply, ms (default 2000, as npm miio). */
  readonly timeoutMs?: number;
  /** Tries after the first (default 3). */
  readonly retries?: number;
}

/** What the client needs of its board. */
export interface MiotHost {
  readonly board: Board;
  readonly now: number;
  settle<T>(promise: Promise<T>, timeout?: Duration, what?: string): Promise<T>;
  runUntil(condition: () => boolean, timeout: Duration, what?: string): Promise<void>;
}

const CODE_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(MIOT_CODE).map(([name, code]) => [code, name]));

/** The device answered a request with a MIoT error code (e.g. -4005: value out of range). */
export class MiotCodeError extends SailError {
  override name = "MiotCodeError";
  constructor(
    readonly code: number,
    readonly request: string,
  ) {
    super(`MIoT ${request}: the device answered ${code} (${CODE_NAMES.get(code) ?? "unknown code"})`);
  }
}

export class TestMiot {
  readonly client: MiioClient;
  /** Every push this client received, in order. */
  readonly pushes: MiotPush[] = [];
  /** Per property ("siid.piid"): changes before this index of changes() were returned by waitForChange. */
  readonly #seen = new Map<string, number>();
  /** Per event ("siid.eiid"): events before this index of events() were returned by waitForEvent. */
  readonly #seenEvents = new Map<string, number>();

  constructor(
    readonly host: MiotHost,
    lan: VirtualLan,
    readonly address: string,
    readonly deviceAddress: string,
    options: MiotClientOptions = {},
  ) {
    this.client = new MiioClient(lan.endpoint(address), virtualTimers(host.board.clock), {
      address: deviceAddress,
      token: host.board.identity.token,
      ...options,
    });
    this.client.onPush((method, params) => this.pushes.push({ timeUs: host.now, method, params }));
  }

  /** miIO.info: model, firmware version, MAC ... (never the token). */
  async info(): Promise<Readonly<Record<string, unknown>>> {
    return (await this.#run(this.client.info(), "miIO.info")) as Readonly<Record<string, unknown>>;
  }

  /** Reads one property; rejects with MiotCodeError if the device refuses. */
  get(iid: Iid): Promise<unknown>;
  get(siid: number, piid: number): Promise<unknown>;
  async get(a: Iid | number, b?: number): Promise<unknown> {
    const [siid, piid] = ids(a, b);
    const [r] = await this.#run(this.client.getProperties([{ siid, piid }]), `get ${siid}.${piid}`);
    if (r === undefined || r.code !== 0)
      throw trimStack(new MiotCodeError(r?.code ?? MIOT_CODE.INTERNAL, `get ${siid}.${piid}`));
    return r.value;
  }

  /** Writes one property; rejects with MiotCodeError if the device refuses (e.g. -4005 out of range). */
  set(iid: Iid, value: unknown): Promise<void>;
  set(siid: number, piid: number, value: unknown): Promise<void>;
  async set(a: Iid | number, b: unknown, c?: unknown): Promise<void> {
    const [siid, piid, value] = typeof a === "string" ? ([...ids(a), b] as const) : ([a, b as number, c] as const);
    const [r] = await this.#run(this.client.setProperties([{ siid, piid, value }]), `set ${siid}.${piid}`);
    if (r === undefined || r.code !== 0)
      throw trimStack(
        new MiotCodeError(r?.code ?? MIOT_CODE.INTERNAL, `set ${siid}.${piid} = ${JSON.stringify(value)}`),
      );
  }

  /** Calls an action; resolves with its output values. */
  action(iid: Iid, input?: readonly unknown[]): Promise<unknown[]>;
  action(siid: number, aiid: number, input?: readonly unknown[]): Promise<unknown[]>;
  async action(a: Iid | number, b?: number | readonly unknown[], c?: readonly unknown[]): Promise<unknown[]> {
    const [siid, aiid, input] =
      typeof a === "string"
        ? ([...ids(a), (b ?? []) as readonly unknown[]] as const)
        : ([a, b as number, c ?? []] as const);
    const r = await this.#run(this.client.action(siid, aiid, input), `action ${siid}.${aiid}`);
    if (r.code !== 0 && r.code !== MIOT_CODE.ACCEPTED)
      throw trimStack(new MiotCodeError(r.code, `action ${siid}.${aiid}`));
    return r.out ?? [];
  }

  /** Subscribes (miIO.sub) to the device's pushes; they land in `pushes`. */
  async subscribe(): Promise<void> {
    await this.#run(
      this.client.call("miIO.sub", { version: "2.0", did: "sail-test", update_ts: 0, sub_method: "." }),
      "miIO.sub",
    );
  }

  async unsubscribe(): Promise<void> {
    await this.#run(this.client.call("miIO.unsub", { version: "2.0", did: "sail-test" }), "miIO.unsub");
  }

  /** Any miIO method, raw: resolves with its `result`, rejects with MiioRpcError on an `error`. */
  call(method: string, params: unknown = []): Promise<unknown> {
    return this.#run(this.client.call(method, params), method);
  }

  /** Property changes pushed so far (properties_changed), flattened. */
  changes(): MiotChange[] {
    const out: MiotChange[] = [];
    for (const p of this.pushes) {
      if (p.method !== "properties_changed" || !Array.isArray(p.params)) continue;
      for (const item of p.params as unknown[]) {
        const c = item as { siid?: unknown; piid?: unknown; value?: unknown };
        if (typeof c.siid === "number" && typeof c.piid === "number")
          out.push({ timeUs: p.timeUs, siid: c.siid, piid: c.piid, value: c.value });
      }
    }
    return out;
  }

  /**
   * Runs until the device pushes a change of `iid` this client has not seen
   * through this method yet; resolves with it. Each property keeps its own
   * place: waiting for one never skips another's changes. Subscribe first.
   */
  async waitForChange(iid: Iid, timeout: Duration = "10s"): Promise<MiotChange> {
    const [siid, piid] = ids(iid);
    const key = `${siid}.${piid}`;
    let found: MiotChange | undefined;
    const look = (): boolean => {
      const all = this.changes();
      const from = this.#seen.get(key) ?? 0;
      const i = all.findIndex((c, k) => k >= from && c.siid === siid && c.piid === piid);
      if (i < 0) return false;
      found = all[i];
      this.#seen.set(key, i + 1);
      return true;
    };
    const hint = this.pushes.length === 0 ? " (no pushes at all: did you call subscribe()?)" : "";
    await this.host.runUntil(look, timeout, `a properties_changed push for ${iid}${hint}`);
    return found as MiotChange;
  }

  /** Events pushed so far (event_occured), in order, their arguments decoded. */
  events(): MiotEvent[] {
    const out: MiotEvent[] = [];
    for (const p of this.pushes) {
      if (p.method !== "event_occured" || typeof p.params !== "object" || p.params === null) continue;
      const e = p.params as { siid?: unknown; eiid?: unknown; arguments?: unknown };
      if (typeof e.siid !== "number" || typeof e.eiid !== "number") continue;
      const args = (Array.isArray(e.arguments) ? (e.arguments as unknown[]) : []).map((a) => {
        const arg = (typeof a === "object" && a !== null ? a : {}) as { piid?: unknown; value?: unknown };
        return { piid: typeof arg.piid === "number" ? arg.piid : 0, value: arg.value };
      });
      out.push({ timeUs: p.timeUs, siid: e.siid, eiid: e.eiid, values: args.map((a) => a.value), arguments: args });
    }
    return out;
  }

  /**
   * Runs until the device raises an event `iid` ("siid.eiid", or siid and
   * eiid) this client has not seen through this method yet; resolves with it,
   * arguments decoded. Each event keeps its own place, as in waitForChange.
   * Subscribe first.
   */
  waitForEvent(iid: Iid, timeout?: Duration): Promise<MiotEvent>;
  waitForEvent(siid: number, eiid: number, timeout?: Duration): Promise<MiotEvent>;
  async waitForEvent(a: Iid | number, b?: number | Duration, c?: Duration): Promise<MiotEvent> {
    const [siid, eiid] = typeof a === "string" ? ids(a) : ids(a, b as number);
    const timeout: Duration = (typeof a === "string" ? b : c) ?? "10s";
    const key = `${siid}.${eiid}`;
    let found: MiotEvent | undefined;
    const look = (): boolean => {
      const all = this.events();
      const from = this.#seenEvents.get(key) ?? 0;
      const i = all.findIndex((e, k) => k >= from && e.siid === siid && e.eiid === eiid);
      if (i < 0) return false;
      found = all[i];
      this.#seenEvents.set(key, i + 1);
      return true;
    };
    const hint = this.pushes.length === 0 ? " (no pushes at all: did you call subscribe()?)" : "";
    await this.host.runUntil(look, timeout, `an event_occured push for event ${key}${hint}`);
    return found as MiotEvent;
  }

  /** Closes the client; pending calls reject. */
  close(): void {
    this.client.close();
  }

  #run<T>(p: Promise<T>, what: string): Promise<T> {
    return this.host.settle(p, "60s", `MIoT ${what} from ${at(this.host.now)}`);
  }
}

function ids(a: Iid | number, b?: number): [number, number] {
  if (typeof a === "number") {
    if (b === undefined)
      throw new SailError(`MIoT: give ids as (siid, iid) or as "siid.iid", e.g. "2.1"; got only ${a}`);
    return [a, b];
  }
  const m = /^(\d+)\.(\d+)$/.exec(a);
  if (m === null) throw new SailError(`MIoT: "${a}" is not "siid.iid" (e.g. "2.1" for service 2, property 1)`);
  return [Number(m[1]), Number(m[2])];
}
