import { type Manifest } from "../flash/manifest.js";
export interface BuildOptions {
    /** asconfig target (default "release"). */
    readonly target?: string;
    /** Output path (default <dir>/build/<name>.wasm). */
    readonly outFile?: string;
    /** Where compiler messages go (default: collected into the error). */
    readonly log?: (line: string) => void;
}
export interface BuildResult {
    readonly file: string;
    readonly bytes: Uint8Array;
    readonly manifest: Manifest;
    /** Size asc produced, before metering and manifest. */
    readonly compiledBytes: number;
}
/** Builds the project in `dir` (which holds asconfig.json and sail.json). */
export declare function buildProject(dir: string, options?: BuildOptions): Promise<BuildResult>;
/** Runs asc with `args` and returns the .wasm it wrote (nothing touches the disk). */
export declare function compileAssemblyScript(args: readonly string[], what: string, log?: (line: string) => void): Promise<Uint8Array>;
