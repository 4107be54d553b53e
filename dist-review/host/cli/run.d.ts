import type { MiotIdentity } from "../board/miot.js";
import type { Command } from "./main.js";
export interface RunOptions {
    readonly firmware: string;
    readonly board: string;
    /** Virtual time to run; null runs until Ctrl-C. */
    readonly forUs: number | null;
    readonly realtime: boolean;
    readonly trace: boolean;
    readonly seed: number;
    /** Serve miIO over UDP at this host:port (the image must carry a MIoT spec). */
    readonly miot: {
        readonly host: string;
        readonly port: number;
    } | null;
    readonly identity: Partial<MiotIdentity>;
}
/** Builds `path` first when it is a project folder; returns the image path. */
export declare function resolveFirmware(path: string): Promise<string>;
export declare function runFirmware(o: RunOptions): Promise<number>;
export declare const runCommand: Command;
/** "127.0.0.1:54321", "127.0.0.1" or ":54321". */
export declare function parseAddress(text: string): {
    host: string;
    port: number;
};
