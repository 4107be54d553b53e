import { type Binaryen, type BinaryenModule } from "../wasm/binaryen.js";
export declare const FUEL_GLOBAL = "sail_fuel";
export declare const METER_IMPORT = "meter_exhausted";
/** Returns the metered binary. `file` names the image in errors. */
export declare function meterImage(bytes: Uint8Array, file: string): Promise<Uint8Array>;
/** True if the image claims to carry the metering (built by `sail build`); verify with findUnmeteredLoop. */
export declare function isMetered(exports: readonly {
    readonly name: string;
}[]): boolean;
/**
 * Checks an image that claims to be metered, so a forged one cannot hang the
 * host: `sail_fuel` is a mutable i32, `sail.meter_exhausted` is imported, and
 * every loop body starts by charging fuel and checking it. Returns what is
 * wrong, or null.
 */
export declare function meteringProblem(b: Binaryen, m: BinaryenModule): string | null;
