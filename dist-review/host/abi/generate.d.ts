/** assembly/sail/bindings.ts: every Sail import, numbers only. */
export declare function assemblyScriptBindings(): string;
/** assembly/sail/abi.ts: status codes, event kinds, constants, version. */
export declare function assemblyScriptConstants(): string;
/** sail_abi.h: the ABI for the on-board C runtime (wasm3 raw functions). */
export declare function cHeader(): string;
/** The ABI reference in Markdown (README section). */
export declare function markdownReference(): string;
