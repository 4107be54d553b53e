import type { BoardProfile } from "../board/profile.js";
import { type WasmInfo } from "../wasm/binary.js";
import { type Manifest } from "./manifest.js";
import type { Spec } from "../miot/spec.js";
export declare const PAGE_BYTES = 65536;
export interface FlashedImage {
    readonly file: string;
    /** The image as given (what would be written to the app partition). */
    readonly bytes: Uint8Array;
    readonly manifest: Manifest | null;
    /** The MIoT spec the image carries (sail.spec), or null. */
    readonly spec: Spec | null;
    /** The code the board runs: metered, memory capped at the RAM budget. */
    readonly module: WebAssembly.Module;
    /** The bytes of `module`. */
    readonly code: Uint8Array;
    readonly info: WasmInfo;
    readonly abiVersion: number;
    /** What the board did on its own: "metered a raw image" ... */
    readonly notes: readonly string[];
}
/** Validates `bytes` for `profile` and prepares it to run. */
export declare function flashImage(bytes: Uint8Array, profile: BoardProfile, file?: string): Promise<FlashedImage>;
