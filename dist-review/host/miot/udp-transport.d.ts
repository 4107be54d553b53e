import type { DatagramTransport } from "./transport.js";
/** A UDP socket bound to an ephemeral port (port 0) on `host` (all IPv4 interfaces by default). */
export declare function udpTransport(host?: string, port?: number): Promise<DatagramTransport>;
