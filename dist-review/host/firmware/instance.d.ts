import type { FlashedImage } from "../flash/flash.js";
export interface FirmwareExports {
    readonly start: () => void;
    readonly setup: () => void;
    readonly event: (kind: number, id: number, a: bigint, b: bigint) => number;
    readonly collect: (() => void) | null;
    readonly memory: WebAssembly.Memory | null;
    readonly fuel: WebAssembly.Global | null;
    /** The exchange buffer (sail_buffer / sail_buffer_size), or null. */
    readonly buffer: (() => {
        readonly ptr: number;
        readonly size: number;
    }) | null;
}
export declare function instantiate(image: FlashedImage, imports: WebAssembly.Imports): FirmwareExports;
