/** The usual head of a Sail entry file, for a snippet in build/test-snippets. */
export declare const ENTRY = "export { sail_event, sail_abi_version } from \"../../assembly/sail\";\n";
/** Compiles `source` (an entry file) with the given extra asc arguments. */
export declare function compileSnippet(name: string, source: string, args?: readonly string[]): Promise<Uint8Array>;
