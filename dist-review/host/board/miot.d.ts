import { DeviceSession } from "../miot/device-session.js";
import { type MiotDevice } from "../miot/methods.js";
import { type UdpEndpoint } from "../miot/udp.js";
import type { VirtualLan } from "../miot/virtual-lan.js";
import { type Spec } from "../miot/spec.js";
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
    readonly info: () => Readonly<Record<string, unknown>>;
}
export type Push = (method: string, params: unknown) => void;
export declare class BoardMiot implements MiotDevice {
    #private;
    readonly identity: MiotIdentity;
    readonly host: MiotHost;
    /** One session for the board's life: attachments and caches survive resets and reflashing. */
    readonly session: DeviceSession;
    constructor(spec: Spec, identity: MiotIdentity, host: MiotHost);
    get spec(): Spec;
    /** A newly flashed image: its spec (null: it speaks no MIoT, every method is unknown). */
    load(spec: Spec | null): void;
    /** Where pushes go: the UDP endpoint, the virtual LAN ... */
    onPush(push: Push): void;
    /** Puts the device on a virtual LAN at `address` (e.g. "10.0.0.2:54321"). */
    attach(lan: VirtualLan, address: string): void;
    /** Serves miIO over real UDP; port 0 picks a free one. */
    serveUdp(host?: string, port?: number): Promise<UdpEndpoint>;
    info(): Readonly<Record<string, unknown>>;
    get(siid: number, piid: number): {
        code: number;
        value?: unknown;
    };
    set(siid: number, piid: number, value: unknown): number;
    action(siid: number, aiid: number, input: readonly unknown[]): {
        code: number;
        out: readonly unknown[];
    };
    reply(value: bigint | number | string): void;
    arg(index: number, call: string): unknown;
    changed(siid: number, piid: number, raw: bigint | number | string): number;
    event(siid: number, eiid: number): number;
}
