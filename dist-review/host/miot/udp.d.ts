import type { DeviceSession } from "./device-session.js";
export interface UdpEndpoint {
    readonly host: string;
    readonly port: number;
    /** Sends pushes (properties_changed, event_occured) to every subscriber. */
    push(method: string, params: unknown): void;
    close(): Promise<void>;
}
export declare function serveUdp(session: DeviceSession, host?: string, port?: number): Promise<UdpEndpoint>;
