// A board's MIoT side (ABI 1.1): the protocol's requests become MIOT_GET /
// MIOT_SET / MIOT_ACTION events into the firmware, which stays the source of
// truth; values it answers with, and changes and events it raises, are
// checked against the image's spec and pushed to subscribers.

import { EVENT_KIND, MIOT_VALUE, STATUS } from "../abi/table.js";
import { FirmwareFault } from "../firmware/faults.js";
import { DeviceSession } from "./device-session.js";
import type { MethodHandler } from "./device-session.js";
import { miotMethods, type MiotDevice } from "./methods.js";
import { serveUdp, type UdpEndpoint } from "./device-udp.js";
import type { VirtualLan } from "./virtual-lan.js";
import type { RpcOutcome } from "./device-session.js";
import type { OtaAgent } from "../ota/agent.js";
import type { LogLevel } from "../trace/changes.js";
import {
  checkValue,
  findAction,
  findEvent,
  findProperty,
  MIOT_CODE,
  type Spec,
  type SpecAction,
  type SpecProperty,
} from "./spec.js";

export interface MiotIdentity {
  readonly did: number;
  readonly token: Uint8Array;
  readonly mac: string;
}

/** What the board lends its MIoT side. */
export interface MiotHost {
  /** Delivers an event to the firmware; its status, or null if the firmware faulted or is not running. */
  readonly call: (kind: number, id: number, a: bigint, b: bigint, during: string) => number | null;
  /** Writes bytes into the firmware's exchange buffer; false if it has none big enough. */
  readonly writeBuffer: (bytes: Uint8Array) => boolean;
  /** The board's clock in µs: it never goes back, across resets too, so stamps never do. */
  readonly clockUs: () => number;
  /** The clock of miIO stamps when it is not clockUs (sail dev keeps it on wall time), µs. */
  readonly stampUs?: () => number;
  readonly info: () => Readonly<Record<string, unknown>>;
  /** Whether the radio is up; pushes made while it is not wait for it (flush()). */
  readonly online: () => boolean;
  readonly onAir: (rxBytes: number, txBytes: number) => void;
  /** The board's OTA agent, for miIO.ota. */
  readonly ota: OtaAgent;
  /** The board's log, for what the firmware gets wrong about MIoT. */
  readonly log?: (level: LogLevel, text: string) => void;
}

export type Push = (method: string, params: unknown) => void;

/** sail_event's `b` for MIOT_SET: the value's kind (the table's MIOT_VALUE). */
const VALUE_KIND = {
  INT: BigInt(MIOT_VALUE.INT),
  FLOAT: BigInt(MIOT_VALUE.FLOAT),
  STRING: BigInt(MIOT_VALUE.STRING),
} as const;
/** The codes a firmware may answer with; any other status becomes -4004. */
const MIOT_CODES: ReadonlySet<number> = new Set(Object.values(MIOT_CODE));

export class BoardMiot implements MiotDevice {
  /** One session for the board's life: attachments and caches survive resets and reflashing. */
  readonly session: DeviceSession;
  #spec: Spec;
  #handle: MethodHandler;
  /** Values the firmware gave with miot_reply_* for the request being handled. */
  #replies: unknown[] = [];
  #args: readonly unknown[] = [];
  readonly #pushes: Push[] = [];
  /** Pushes raised while the radio was down, sent by flush(). */
  #queued: { method: string; params: unknown }[] = [];
  /** Whether the running image was told it exports the SDK's sail_event (once per image). */
  #toldExport = false;

  constructor(
    spec: Spec,
    readonly identity: MiotIdentity,
    readonly host: MiotHost,
  ) {
    this.#spec = spec;
    this.#handle = miotMethods(spec, this);
    this.session = new DeviceSession({
      did: identity.did,
      token: identity.token,
      nowUs: host.stampUs ?? host.clockUs,
      handle: (m, p, f) => this.#handle(m, p, f),
      online: host.online,
      onAir: host.onAir,
    });
  }

  get spec(): Spec {
    return this.#spec;
  }

  /** A newly flashed image: its spec (null: it speaks no MIoT, every method is unknown). */
  load(spec: Spec | null): void {
    this.#toldExport = false;
    if (spec !== null) this.#spec = spec;
    this.#handle = spec === null ? () => null : miotMethods(spec, this);
  }

  /** Where pushes go: the UDP endpoint, the virtual LAN ... */
  onPush(push: Push): void {
    this.#pushes.push(push);
  }

  /** Puts the device on a virtual LAN at `address` (e.g. "10.0.0.2:54321"). */
  attach(lan: VirtualLan, address: string): void {
    lan.attachDevice(this.session, address);
    this.onPush((method, params) => lan.push(this.session, address, method, params));
  }

  /** Serves miIO over real UDP; port 0 picks a free one. */
  async serveUdp(host = "127.0.0.1", port = 54321): Promise<UdpEndpoint> {
    const endpoint = await serveUdp(this.session, host, port);
    this.onPush((method, params) => endpoint.push(method, params));
    return endpoint;
  }

  // --- MiotDevice: requests from the protocol --------------------------------

  ota(method: "miIO.ota" | "miIO.get_ota_progress" | "miIO.get_ota_state", params: unknown): RpcOutcome {
    const agent = this.host.ota;
    if (method === "miIO.ota") return agent.request(params);
    if (method === "miIO.get_ota_progress") return { result: [agent.progress] };
    return { result: [agent.state] };
  }

  info(): Readonly<Record<string, unknown>> {
    return this.host.info();
  }

  get(siid: number, piid: number): { code: number; value?: unknown } {
    const prop = findProperty(this.#spec, siid, piid) as SpecProperty;
    const { code, replies } = this.#request(EVENT_KIND.MIOT_GET, key(siid, piid), 0n, 0n, `MIOT_GET ${siid}.${piid}`);
    if (code !== MIOT_CODE.OK) return { code };
    const value = replies.length === 1 ? asFormat(prop, replies[0]) : undefined;
    return value === undefined || !checkValue(prop, value) ? { code: MIOT_CODE.INTERNAL } : { code: 0, value };
  }

  set(siid: number, piid: number, value: unknown): number {
    const prop = findProperty(this.#spec, siid, piid) as SpecProperty;
    let a: bigint;
    let kind: bigint = VALUE_KIND.INT;
    if (prop.format === "string" || prop.format === "hex") {
      const bytes = new TextEncoder().encode(String(value));
      if (!this.host.writeBuffer(bytes)) return MIOT_CODE.INTERNAL;
      a = BigInt(bytes.length);
      kind = VALUE_KIND.STRING;
    } else if (prop.format === "float") {
      a = floatBits(Number(value));
      kind = VALUE_KIND.FLOAT;
    } else {
      a = typeof value === "boolean" ? (value ? 1n : 0n) : BigInt(value as number | bigint);
    }
    return this.#request(EVENT_KIND.MIOT_SET, key(siid, piid), a, kind, `MIOT_SET ${siid}.${piid}`).code;
  }

  action(siid: number, aiid: number, input: readonly unknown[]): { code: number; out: readonly unknown[] } {
    const act = findAction(this.#spec, siid, aiid) as SpecAction;
    this.#args = input;
    const { code, replies } = this.#request(
      EVENT_KIND.MIOT_ACTION,
      key(siid, aiid),
      BigInt(input.length),
      0n,
      `MIOT_ACTION ${siid}.${aiid}`,
    );
    this.#args = [];
    if (code !== MIOT_CODE.OK && code !== MIOT_CODE.ACCEPTED) return { code, out: [] };
    const out = this.#values(siid, act.out, replies);
    return out === null ? { code: MIOT_CODE.INTERNAL, out: [] } : { code, out };
  }

  /**
   * One request into the firmware. Returns its MIoT code (anything that is not
   * one, or a fault, is -4004) and the values it gave; the reply list is
   * emptied either way, so nothing leaks into a later event.
   */
  #request(kind: number, id: number, a: bigint, b: bigint, during: string): { code: number; replies: unknown[] } {
    this.#replies = [];
    const status = this.host.call(kind, id, a, b, during);
    const replies = this.#replies;
    this.#replies = [];
    if (status === STATUS.ERR_NOT_FOUND && !this.#toldExport) {
      // The SDK's sail_event answers a Status to every MIoT event: the entry file exports it, not the bindings'.
      this.#toldExport = true;
      this.host.log?.(
        "W",
        `MIoT ${during}: the firmware's sail_event answered ERR_NOT_FOUND, a Status, not a MIoT code, so ` +
          `clients get -4004: it is the SDK's, which does not handle MIoT requests. Export the one the spec's ` +
          `bindings define: export { sail_event, sail_abi_version, sail_buffer, sail_buffer_size } from "./spec"`,
      );
    }
    return { code: status !== null && MIOT_CODES.has(status) ? status : MIOT_CODE.INTERNAL, replies };
  }

  /** Raw firmware values for the piids `piids` of service `siid`, as JSON values; null if any is wrong. */
  #values(siid: number, piids: readonly number[], raw: readonly unknown[]): unknown[] | null {
    if (raw.length !== piids.length) return null;
    const out: unknown[] = [];
    for (let i = 0; i < piids.length; i++) {
      const prop = findProperty(this.#spec, siid, piids[i] as number) as SpecProperty;
      const value = asFormat(prop, raw[i]);
      if (value === undefined || !checkValue(prop, value)) return null;
      out.push(value);
    }
    return out;
  }

  // --- host functions: the firmware's side ------------------------------------

  reply(value: bigint | number | string): void {
    this.#replies.push(value);
  }

  arg(index: number, call: string): unknown {
    if (index < 0 || index >= this.#args.length) {
      throw new FirmwareFault(
        call,
        `input ${index} does not exist; the action being handled has ${this.#args.length} inputs`,
      );
    }
    return this.#args[index];
  }

  changed(siid: number, piid: number, raw: bigint | number | string): number {
    const prop = findProperty(this.#spec, siid, piid);
    if (prop === null) return STATUS.ERR_NOT_FOUND;
    const value = asFormat(prop, raw);
    if (value === undefined || !checkValue(prop, value)) return STATUS.ERR_INVALID_ARG;
    if (prop.access.includes("notify")) {
      this.#push("properties_changed", [{ did: String(this.identity.did), siid, piid, value }]);
    }
    return STATUS.OK;
  }

  event(siid: number, eiid: number): number {
    const ev = findEvent(this.#spec, siid, eiid);
    const args = this.#replies;
    this.#replies = [];
    if (ev === null) return STATUS.ERR_NOT_FOUND;
    const values = this.#values(siid, ev.arguments, args);
    if (values === null) return STATUS.ERR_INVALID_ARG;
    this.#push("event_occured", {
      did: String(this.identity.did),
      siid,
      eiid,
      arguments: ev.arguments.map((piid, i) => ({ piid, value: values[i] })),
    });
    return STATUS.OK;
  }

  /** Pushes waiting for the radio. */
  get queued(): number {
    return this.#queued.length;
  }

  /** Sends the pushes queued while the radio was down (the board calls it once connected). */
  flush(): void {
    const queued = this.#queued;
    this.#queued = [];
    for (const q of queued) this.#push(q.method, q.params);
  }

  /** Forgets queued pushes (the board lost power or reset before its radio came up); returns how many. */
  dropQueued(): number {
    const n = this.#queued.length;
    this.#queued = [];
    return n;
  }

  #push(method: string, params: unknown): void {
    if (!this.host.online()) {
      this.#queued.push({ method, params });
      return;
    }
    for (const p of this.#pushes) p(method, params);
  }
}

function key(siid: number, iid: number): number {
  return (siid << 16) | iid;
}

function floatBits(v: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  return view.getBigInt64(0);
}

/** A raw firmware value as the property's JSON value, or undefined if the kinds do not match. */
function asFormat(prop: SpecProperty, raw: unknown): unknown {
  switch (prop.format) {
    case "bool":
      return typeof raw === "bigint" ? raw !== 0n : undefined;
    case "string":
    case "hex":
      return typeof raw === "string" ? raw : undefined;
    case "float":
      // Kept as the f64 the firmware gave, so a counter such as 123456.789 kWh arrives whole.
      return typeof raw === "number" ? raw : undefined;
    case "int64":
      if (typeof raw !== "bigint") return undefined;
      return raw >= BigInt(Number.MIN_SAFE_INTEGER) && raw <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(raw) : raw;
    default:
      return typeof raw === "bigint" ? Number(raw) : undefined;
  }
}
