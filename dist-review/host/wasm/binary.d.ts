import type { WasmType } from "../abi/table.js";
export declare class WasmFormatError extends Error {
    name: string;
}
export type ValType = WasmType | "v128" | "funcref" | "externref";
export interface FuncType {
    readonly params: readonly ValType[];
    readonly results: readonly ValType[];
}
export type ImportDesc = {
    readonly kind: "function";
    readonly type: FuncType;
} | {
    readonly kind: "table";
} | {
    readonly kind: "memory";
    readonly limits: Limits;
} | {
    readonly kind: "global";
    readonly type: ValType;
    readonly mutable: boolean;
} | {
    readonly kind: "tag";
};
export interface WasmImport {
    readonly module: string;
    readonly name: string;
    readonly desc: ImportDesc;
}
export interface WasmExport {
    readonly name: string;
    readonly kind: "function" | "table" | "memory" | "global" | "tag";
    readonly index: number;
}
export interface Limits {
    readonly min: number;
    readonly max: number | null;
    readonly shared: boolean;
    readonly memory64: boolean;
}
export interface CustomSection {
    readonly name: string;
    readonly data: Uint8Array;
    /** Byte offset of the section's id byte in the file. */
    readonly start: number;
}
export interface WasmInfo {
    readonly types: readonly FuncType[];
    readonly imports: readonly WasmImport[];
    readonly exports: readonly WasmExport[];
    /** Type of every function, imports first (the function index space). */
    readonly functionTypes: readonly FuncType[];
    readonly importedFunctionCount: number;
    /** Globals, imports first; `init` is the value of a constant initialiser. */
    readonly globals: readonly {
        readonly type: ValType;
        readonly mutable: boolean;
        readonly init: number | null;
    }[];
    /** Byte range of the memory section's body, for patching its limits. */
    readonly memorySection: {
        readonly start: number;
        readonly end: number;
    } | null;
    readonly memory: Limits | null;
    /** Highest byte any active data segment writes, i.e. the static data's end. */
    readonly staticDataEnd: number;
    /** Body size in bytes of each defined function, in index order. */
    readonly codeSizes: readonly number[];
    /** Function names from the `name` section, by function index. */
    readonly functionNames: ReadonlyMap<number, string>;
    readonly customSections: readonly CustomSection[];
    readonly hasStart: boolean;
}
export declare function readWasm(bytes: Uint8Array): WasmInfo;
/** A new binary with a custom section appended at the end. */
export declare function appendCustomSection(bytes: Uint8Array, name: string, data: Uint8Array): Uint8Array;
/** A new binary without the custom sections of the given names. */
export declare function removeCustomSections(bytes: Uint8Array, names: readonly string[]): Uint8Array;
/**
 * A new binary whose single defined memory has the given maximum page count
 * (never below its minimum): how the board makes memory.grow fail past its
 * RAM budget, as the on-board runtime's memory limit does.
 */
export declare function withMemoryMaximum(bytes: Uint8Array, info: WasmInfo, maxPages: number): Uint8Array;
export declare function uleb(value: number): number[];
