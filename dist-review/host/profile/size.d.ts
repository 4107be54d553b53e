import type { BoardProfile } from "../board/profile.js";
import { type FuncType } from "../wasm/binary.js";
export interface SizeReport {
    readonly file: string;
    /** Bytes in the image file. */
    readonly total: number;
    readonly partition: {
        readonly name: string;
        readonly size: number;
    };
    /** total / partition size. */
    readonly fractionOfPartition: number;
    /** Defined functions, largest body first. */
    readonly functions: readonly {
        readonly index: number;
        readonly name: string;
        readonly bytes: number;
    }[];
    /** Sum of the function bodies. */
    readonly code: number;
    /** Data segments: how many, their payload bytes, and where static data ends in memory. */
    readonly data: {
        readonly segments: number;
        readonly bytes: number;
        readonly staticDataEnd: number;
    };
    /** Custom sections in file order, each with its payload bytes (after its name). */
    readonly customSections: readonly {
        readonly name: string;
        readonly bytes: number;
    }[];
    /** Imports, each with its signature when it is a function ("(i32, i32) -> i32"), else its kind. */
    readonly imports: readonly {
        readonly module: string;
        readonly name: string;
        readonly signature: string;
    }[];
    readonly exports: readonly {
        readonly name: string;
        readonly kind: string;
    }[];
    /** Linear memory in 64 KiB pages, against the app's RAM budget in bytes. */
    readonly memory: {
        readonly initialPages: number;
        readonly maxPages: number | null;
        readonly ramBudget: number;
    };
    /** Bytes in none of code, data and custom sections: framing, types, tables, globals, exports... */
    readonly other: number;
}
/** Bytes in a WebAssembly page (core spec §2.3.4). */
export declare const PAGE_BYTES = 65536;
/** The size report of an image; `file` names it in the report and in errors. */
export declare function sizeReport(bytes: Uint8Array, file: string, profile: BoardProfile): SizeReport;
/** "(i32, i32) -> i32", "() -> ()", as the ABI table writes signatures. */
export declare function signature(t: FuncType): string;
/** The report as a terminal table. */
export declare function formatSizeReport(r: SizeReport): string;
