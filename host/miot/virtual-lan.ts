// A deterministic virtual LAN for miIO (docs/reference/miot-protocol.md §1 transport:
// UDP, no delivery guarantee): datagrams are delivered on a VirtualClock after a
// latency plus seeded jitter, or lost with a seeded loss rate; same seed, same run.

import { SailError } from "../errors.js";
import type { SeededRandom } from "../random.js";
import type { VirtualClock } from "../time/clock.js";
import type { DeviceSession } from "./device-session.js";
import type { DatagramTransport, Timers } from "./transport.js";

export interface VirtualLanOptions {
  /** One-way delay of every datagram, µs. */
  readonly latencyUs?: number;
  /** Needed when jitterUs or lossRate is set: the only source of chance. */
  readonly random?: SeededRandom;
  /** Extra delay drawn uniformly from 0..jitterUs (so datagrams may reorder). */
  readonly jitterUs?: number;
  /** Probability that a datagram is lost, 0..1. */
  readonly lossRate?: number;
  /** The Wi-Fi network this LAN is, for a device to join (host/home/provisioning.ts); none: a wired test LAN. */
  readonly wifi?: { readonly ssid: string; readonly password: string };
  /** The first three octets lease() hands addresses from (default "192.168.1"). */
  readonly subnet?: string;
}

/** What happened to one datagram, for tests and traces. */
export interface LanEvent {
  readonly sentUs: number;
  readonly from: string;
  readonly to: string;
  readonly bytes: Uint8Array;
  /** lost: dropped by chance or dropNext; unreachable: nobody at `to` on arrival. */
  readonly fate: "delivered" | "lost" | "unreachable";
  /** Arrival time; equal to sentUs for a lost datagram. */
  readonly atUs: number;
}

const DEFAULT_LATENCY_US = 500;

export class VirtualLan {
  readonly #clock: VirtualClock;
  readonly #latencyUs: number;
  readonly #jitterUs: number;
  readonly #lossRate: number;
  readonly #random: SeededRandom | undefined;
  readonly #endpoints = new Map<string, Endpoint>();
  readonly #devices = new Map<DeviceSession, string>();
  readonly #taps: ((event: LanEvent) => void)[] = [];
  readonly #dropNext = new Map<string, number>();
  readonly #subnet: string;
  #leased = 0;
  readonly wifi: { readonly ssid: string; readonly password: string } | null;

  constructor(clock: VirtualClock, options: VirtualLanOptions = {}) {
    this.#clock = clock;
    this.#latencyUs = checkNumber("latencyUs", options.latencyUs ?? DEFAULT_LATENCY_US, 0, Number.MAX_SAFE_INTEGER);
    this.#jitterUs = checkNumber("jitterUs", options.jitterUs ?? 0, 0, Number.MAX_SAFE_INTEGER);
    this.#lossRate = checkNumber("lossRate", options.lossRate ?? 0, 0, 1);
    this.#random = options.random;
    this.wifi = options.wifi ?? null;
    this.#subnet = options.subnet ?? "192.168.1";
    if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(this.#subnet))
      throw new SailError(`VirtualLan: subnet "${this.#subnet}" must be three octets, e.g. "192.168.1"`);
    if ((this.#jitterUs > 0 || this.#lossRate > 0) && this.#random === undefined) {
      throw new SailError("VirtualLan: jitterUs and lossRate need options.random (a SeededRandom), so runs repeat");
    }
  }

  /** A socket bound at `address` ("10.0.0.2:54321"); one endpoint per address. */
  endpoint(address: string): DatagramTransport {
    if (!/^.+:\d{1,5}$/.test(address))
      throw new SailError(`VirtualLan: address "${address}" must be host:port, e.g. "10.0.0.2:54321"`);
    if (this.#endpoints.has(address)) throw new SailError(`VirtualLan: address ${address} is already in use`);
    const endpoint = new Endpoint(this, address);
    this.#endpoints.set(address, endpoint);
    return endpoint;
  }

  /** The next free address of the subnet with `port`, as a DHCP server would lease it (from .100). */
  lease(port: number): string {
    for (;;) {
      const address = `${this.#subnet}.${100 + this.#leased++}:${port}`;
      if (this.#leased > 154) throw new SailError(`VirtualLan: subnet ${this.#subnet} has no free address left`);
      if (!this.#endpoints.has(address)) return address;
    }
  }

  /** Puts a device session on the LAN at `address`: each reply goes back to its sender. */
  attachDevice(session: DeviceSession, address: string): DatagramTransport {
    const endpoint = this.endpoint(address);
    endpoint.onReceive((bytes, from) => {
      const reply = session.receive(bytes, from);
      if (reply !== null) endpoint.send(reply, from);
    });
    this.#devices.set(session, address);
    return endpoint;
  }

  /** Sends `method` (properties_changed, event_occured) from an attached device to its subscribers. */
  push(session: DeviceSession, address: string, method: string, params: unknown): void {
    const endpoint = this.#endpoints.get(address);
    if (endpoint === undefined || this.#devices.get(session) !== address) {
      throw new SailError(`VirtualLan.push: no device session is attached at ${address}; call attachDevice first`);
    }
    for (const { to, bytes } of session.push(method, params)) endpoint.send(bytes, to);
  }

  /** Test face: loses the next `count` datagrams sent to `to`, whatever the seed. */
  dropNext(to: string, count = 1): void {
    this.#dropNext.set(to, (this.#dropNext.get(to) ?? 0) + count);
  }

  /** Calls `handler` with every datagram's fate, in the order the fates are decided. */
  tap(handler: (event: LanEvent) => void): void {
    this.#taps.push(handler);
  }

  /** @internal Endpoint's send: decides loss now, schedules arrival on the clock. */
  transmit(bytes: Uint8Array, from: string, to: string): void {
    const sentUs = this.#clock.now;
    const copy = new Uint8Array(bytes); // the sender may reuse its buffer, as with a socket
    // Draw jitter before loss so one datagram always takes the same number of draws.
    const delayUs = this.#latencyUs + (this.#jitterUs > 0 ? this.#draw().int(0, this.#jitterUs) : 0);
    const forced = this.#dropNext.get(to) ?? 0;
    if (forced > 0) this.#dropNext.set(to, forced - 1);
    if (forced > 0 || (this.#lossRate > 0 && this.#draw().next() < this.#lossRate)) {
      this.#emit({ sentUs, from, to, bytes: copy, fate: "lost", atUs: sentUs });
      return;
    }
    this.#clock.after(delayUs, () => {
      const target = this.#endpoints.get(to);
      this.#emit({
        sentUs,
        from,
        to,
        bytes: copy,
        fate: target === undefined ? "unreachable" : "delivered",
        atUs: this.#clock.now,
      });
      target?.deliver(copy, from);
    });
  }

  /** @internal */
  unbind(address: string, endpoint: Endpoint): void {
    if (this.#endpoints.get(address) === endpoint) this.#endpoints.delete(address);
  }

  #draw(): SeededRandom {
    if (this.#random === undefined) throw new SailError("VirtualLan: no random source"); // guarded in the constructor
    return this.#random;
  }

  #emit(event: LanEvent): void {
    for (const tap of this.#taps) tap(event);
  }
}

/** Milliseconds timers on a VirtualClock (which counts µs), for MiioClient on a VirtualLan. */
export function virtualTimers(clock: VirtualClock): Timers {
  return {
    after(ms, fn) {
      const alarm = clock.after(Math.max(0, Math.round(ms * 1000)), fn);
      return () => clock.cancel(alarm);
    },
    nowMs: () => clock.now / 1000,
  };
}

class Endpoint implements DatagramTransport {
  readonly #handlers: ((bytes: Uint8Array, from: string) => void)[] = [];
  #closed = false;

  constructor(
    private readonly lan: VirtualLan,
    readonly address: string,
  ) {}

  send(bytes: Uint8Array, to: string): void {
    if (this.#closed) throw new SailError(`VirtualLan: endpoint ${this.address} is closed; it cannot send to ${to}`);
    this.lan.transmit(bytes, this.address, to);
  }

  onReceive(handler: (bytes: Uint8Array, from: string) => void): void {
    this.#handlers.push(handler);
  }

  close(): void {
    this.#closed = true;
    this.lan.unbind(this.address, this);
  }

  deliver(bytes: Uint8Array, from: string): void {
    for (const handler of this.#handlers) handler(bytes, from);
  }
}

function checkNumber(field: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new SailError(`VirtualLan: ${field} must be a number from ${min} to ${max}; got ${value}`);
  }
  return value;
}
