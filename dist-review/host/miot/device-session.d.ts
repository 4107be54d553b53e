import { type DropReason } from "./codec.js";
export interface RpcError {
    readonly code: number;
    readonly message: string;
}
export type RpcOutcome = {
    readonly result: unknown;
} | {
    readonly error: RpcError;
};
/** Handles one JSON-RPC method; null means "no such method". */
export type MethodHandler = (method: string, params: unknown, from: string) => RpcOutcome | null;
export interface DeviceSessionOptions {
    readonly did: number;
    readonly token: Uint8Array;
    /** Device uptime in µs (the board clock). */
    readonly nowUs: () => number;
    readonly handle: MethodHandler;
    /** Freshness window: seconds a request's stamp may lag / lead the device's. */
    readonly behindS?: number;
    readonly aheadS?: number;
}
export type SessionDrop = DropReason | "foreign-did" | "stale-stamp" | "not-a-request";
export declare const METHOD_NOT_FOUND: RpcError;
export declare class DeviceSession {
    #private;
    readonly options: DeviceSessionOptions;
    /** Dropped datagrams by reason, for tests and `sail run`. */
    readonly drops: Map<SessionDrop, number>;
    /** Requests executed (not counting replays answered from the cache). */
    executed: number;
    constructor(options: DeviceSessionOptions);
    /** The device stamp: whole seconds of uptime, starting at 1, never 0. */
    get stamp(): number;
    get subscribers(): readonly string[];
    /** Handles one datagram from `from`; returns the reply, or null when dropped or unanswered. */
    receive(bytes: Uint8Array, from: string): Uint8Array | null;
    /** Packets announcing `method` (properties_changed, event_occured) to every subscriber. */
    push(method: string, params: unknown): {
        to: string;
        bytes: Uint8Array;
    }[];
}
