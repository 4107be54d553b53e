import type { SeededRandom } from "../board/random.js";
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
export declare class VirtualLan {
    #private;
    constructor(clock: VirtualClock, options?: VirtualLanOptions);
    /** A socket bound at `address` ("10.0.0.2:54321"); one endpoint per address. */
    endpoint(address: string): DatagramTransport;
    /** Puts a device session on the LAN at `address`: each reply goes back to its sender. */
    attachDevice(session: DeviceSession, address: string): DatagramTransport;
    /** Sends `method` (properties_changed, event_occured) from an attached device to its subscribers. */
    push(session: DeviceSession, address: string, method: string, params: unknown): void;
    /** Test face: loses the next `count` datagrams sent to `to`, whatever the seed. */
    dropNext(to: string, count?: number): void;
    /** Calls `handler` with every datagram's fate, in the order the fates are decided. */
    tap(handler: (event: LanEvent) => void): void;
    /** @internal Endpoint's send: decides loss now, schedules arrival on the clock. */
    transmit(bytes: Uint8Array, from: string, to: string): void;
    /** @internal */
    unbind(address: string, endpoint: Endpoint): void;
}
/** Milliseconds timers on a VirtualClock (which counts µs), for MiioClient on a VirtualLan. */
export declare function virtualTimers(clock: VirtualClock): Timers;
declare class Endpoint implements DatagramTransport {
    #private;
    private readonly lan;
    readonly address: string;
    constructor(lan: VirtualLan, address: string);
    send(bytes: Uint8Array, to: string): void;
    onReceive(handler: (bytes: Uint8Array, from: string) => void): void;
    close(): void;
    deliver(bytes: Uint8Array, from: string): void;
}
export {};
