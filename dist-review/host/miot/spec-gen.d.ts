import type { Spec } from "./spec.js";
/** The AssemblyScript module for `spec`; `sdk` is the import path of assembly/sail. */
export declare function generateBindings(spec: Spec, sdk: string, specName: string): string;
