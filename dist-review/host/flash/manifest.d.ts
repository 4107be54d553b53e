import { type Spec } from "../miot/spec.js";
import { type WasmInfo } from "../wasm/binary.js";
export declare const MANIFEST_SECTION = "sail.manifest";
/** The MIoT-Spec-V2 instance the firmware implements (JSON), when it has one. */
export declare const SPEC_SECTION = "sail.spec";
export interface Manifest {
    readonly name: string;
    readonly version: string;
    readonly model: string;
    /** Board profile ids the image may be flashed onto; empty means any. */
    readonly boards: readonly string[];
    /** ABI version built for, "major.minor". */
    readonly abi: string;
    readonly built: string;
}
/** Checks a manifest object; `where` names the file (and section) in errors. */
export declare function parseManifest(json: unknown, where: string): Manifest;
/** The manifest carried by an image, or null for a bare .wasm. */
export declare function readManifest(info: WasmInfo, file: string): Manifest | null;
/** The MIoT spec carried by an image, validated, or null. */
export declare function readSpecSection(info: WasmInfo, file: string): Spec | null;
export declare function withSpec(bytes: Uint8Array, spec: unknown): Uint8Array;
export declare function withManifest(bytes: Uint8Array, manifest: Manifest): Uint8Array;
