import type { Binaryen, BinaryenModule } from "../wasm/binaryen.js";
import type { WasmInfo } from "../wasm/binary.js";
export declare const WASM_FEATURES: readonly ["mutable-globals", "sign-extension", "nontrapping-f2i", "bulk-memory", "multi-value", "reference-types", "tail-call", "extended-const", "simd", "threads", "exception-handling", "gc", "memory64", "multi-memory"];
export type WasmFeature = (typeof WASM_FEATURES)[number];
export interface FeatureUse {
    readonly feature: WasmFeature;
    /** Where it is first used: "function blink/tick", "export sail_fuel" ... */
    readonly where: string;
}
/** Every feature the module uses, each with its first use. */
export declare function findFeatureUses(b: Binaryen, m: BinaryenModule, info: WasmInfo): FeatureUse[];
