import { type HostImports } from "../abi/table.js";
export declare function bindImports(impl: HostImports, countHostCall: () => void): WebAssembly.Imports;
