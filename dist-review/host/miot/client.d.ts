import { SailError, TimeoutError } from "../errors.js";
import type { DatagramTransport, Timers } from "./transport.js";
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
/** A device's `error` reply (§4): `code` is the device's, e.g. -32601. */
export declare class MiioRpcError extends SailError {
    readonly code: number;
    readonly method: string;
    readonly deviceMessage: string;
    name: string;
    constructor(code: number, method: string, deviceMessage: string);
}
/** No reply within all tries. */
export declare class MiioTimeoutError extends TimeoutError {
    readonly address: string;
    readonly method: string;
    name: string;
    constructor(address: string, method: string, tries: number, timeoutMs: number);
}
type PushHandler = (method: string, params: unknown) => void;
export declare class MiioClient {
    #private;
    constructor(transport: DatagramTransport, timers: Timers, options: MiioClientOptions);
    /** The device id from the last hello reply, or null before the first. */
    get did(): number | null;
    /** Sends hello (with retries) and adopts the did and stamp; the token slot is never read (§1). */
    handshake(): Promise<{
        did: number;
        stamp: number;
    }>;
    /** Calls `method`; resolves with `result`, rejects with MiioRpcError or MiioTimeoutError. */
    call(method: string, params: unknown): Promise<unknown>;
    info(): Promise<unknown>;
    getProperties(items: readonly {
        siid: number;
        piid: number;
    }[]): Promise<PropertyResult[]>;
    setProperties(items: readonly {
        siid: number;
        piid: number;
        value: unknown;
    }[]): Promise<PropertyResult[]>;
    action(siid: number, aiid: number, input: readonly unknown[]): Promise<ActionResult>;
    /** Handles properties_changed / event_occured pushes; each push is acknowledged with {code: 0}. */
    onPush(handler: PushHandler): void;
    /** Rejects every pending call and handshake, and closes the transport. */
    close(): void;
}
/** Sends one hello to `address`; resolves with the did and stamp of the reply, or null after `timeoutMs`. */
export declare function discover(transport: DatagramTransport, timers: Timers, address: string, timeoutMs: number): Promise<{
    did: number;
    stamp: number;
} | null>;
export {};
