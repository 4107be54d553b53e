export declare function readUtf8(memory: WebAssembly.Memory | null, ptr: number, len: number, call: string): string;
/** An AssemblyScript string, or "" for a null pointer. Never throws. */
export declare function readAsString(memory: WebAssembly.Memory | null, ptr: number): string;
