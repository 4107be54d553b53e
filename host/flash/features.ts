// Which WebAssembly features a module really uses, and where. AssemblyScript
// writes no target_features section, so binaryen's getFeatures() says "MVP"
// for everything; we look at the instructions and the module's declarations.

import type { Binaryen, BinaryenModule } from "../wasm/binaryen.js";
import { opConstant } from "../wasm/binaryen.js";
import type { WasmInfo } from "../wasm/binary.js";
import { shortName } from "../wasm/names.js";
import { makeWalker } from "../wasm/walk.js";

export const WASM_FEATURES = [
  "mutable-globals",
  "sign-extension",
  "nontrapping-f2i",
  "memory-copy-fill",
  "bulk-memory",
  "multi-value",
  "reference-types",
  "tail-call",
  "extended-const",
  "simd",
  "threads",
  "exception-handling",
  "gc",
  "memory64",
  "multi-memory",
] as const;

export type WasmFeature = (typeof WASM_FEATURES)[number];

/**
 * What each interpreter version accepts, from one probe module per feature run
 * on a build of that version (docs/fidelity.md "Features"). A profile naming
 * one of these versions may list only these features. wasm3 v0.5.0 parses
 * return_call but compiles it as an ordinary call (the stack grows), so tail
 * calls are not listed for it.
 */
export const INTERPRETER_FEATURES: Readonly<Record<string, readonly WasmFeature[]>> = {
  "wasm3 0.5.0": ["mutable-globals", "sign-extension", "nontrapping-f2i", "memory-copy-fill", "multi-value"],
  "wasm3 main@c9b579d": [
    "mutable-globals",
    "sign-extension",
    "nontrapping-f2i",
    "memory-copy-fill",
    "bulk-memory",
    "multi-value",
    "reference-types",
    "tail-call",
    "extended-const",
  ],
};

/** The features an image may use on an engine that lists `features`: full bulk memory includes copy and fill. */
export function allowedFeatures(features: readonly WasmFeature[]): Set<WasmFeature> {
  const allowed = new Set(features);
  if (allowed.has("bulk-memory")) allowed.add("memory-copy-fill");
  return allowed;
}

export interface FeatureUse {
  readonly feature: WasmFeature;
  /** Where it is first used: "function blink/tick", "export sail_fuel" ... */
  readonly where: string;
}

const SIGN_EXT_OPS = ["ExtendS8Int32", "ExtendS16Int32", "ExtendS8Int64", "ExtendS16Int64", "ExtendS32Int64"];
const TRUNC_SAT_OPS = [
  "TruncSatSFloat32ToInt32",
  "TruncSatUFloat32ToInt32",
  "TruncSatSFloat64ToInt32",
  "TruncSatUFloat64ToInt32",
  "TruncSatSFloat32ToInt64",
  "TruncSatUFloat32ToInt64",
  "TruncSatSFloat64ToInt64",
  "TruncSatUFloat64ToInt64",
];

/** Feature implied by an expression kind the walker does not model. */
function featureOfKind(idName: string): WasmFeature {
  if (idName.startsWith("SIMD")) return "simd";
  if (idName.startsWith("Atomic")) return "threads";
  if (/^(Try|Throw|Rethrow)/.test(idName)) return "exception-handling";
  return "gc";
}

/** Every feature the module uses, each with its first use. */
export function findFeatureUses(b: Binaryen, m: BinaryenModule, info: WasmInfo): FeatureUse[] {
  const uses = new Map<WasmFeature, string>();
  const use = (f: WasmFeature, where: string): void => {
    if (!uses.has(f)) uses.set(f, where);
  };

  // Declarations.
  for (const imp of info.imports) {
    if (imp.desc.kind === "global" && imp.desc.mutable) use("mutable-globals", `import ${imp.module}.${imp.name}`);
    if (imp.desc.kind === "tag") use("exception-handling", `import ${imp.module}.${imp.name}`);
  }
  for (const exp of info.exports) {
    if (exp.kind === "global" && info.globals[exp.index]?.mutable) use("mutable-globals", `export ${exp.name}`);
    if (exp.kind === "tag") use("exception-handling", `export ${exp.name}`);
  }
  info.functionTypes.forEach((t, i) => {
    const fname = shortName(info.functionNames.get(i) ?? `#${i}`);
    if (t.results.length > 1) use("multi-value", `function ${fname}`);
    if ([...t.params, ...t.results].includes("v128")) use("simd", `function ${fname}`);
  });
  if (info.memory?.shared) use("threads", "memory (shared)");
  if (info.memory?.memory64) use("memory64", "memory");

  // Instructions.
  const w = makeWalker(b);
  const ids = b.ExpressionIds;
  const signExt = new Set(SIGN_EXT_OPS.map((n) => opConstant(b, n)));
  const truncSat = new Set(TRUNC_SAT_OPS.map((n) => opConstant(b, n)));
  // wasm3 v0.5.0 has memory.copy and memory.fill but not the rest of bulk memory (docs/fidelity.md "Features").
  const copyFill = new Set([ids["MemoryCopy"], ids["MemoryFill"]]);
  const bulk = new Set([ids["MemoryInit"], ids["DataDrop"]]);
  const refs = new Set([
    ids["RefNull"],
    ids["RefIsNull"],
    ids["RefFunc"],
    ids["RefEq"],
    ids["TableGet"],
    ids["TableSet"],
    ids["TableSize"],
    ids["TableGrow"],
  ]);
  const tuples = new Set([ids["TupleMake"], ids["TupleExtract"]]);
  const calls = new Set([ids["Call"], ids["CallIndirect"]]);
  const structured = new Set([ids["Block"], ids["If"], ids["Loop"]]);

  for (let i = 0; i < m.getNumFunctions(); i++) {
    const fi = b.getFunctionInfo(m.getFunctionByIndex(i));
    if (fi.module !== "" || fi.body === 0) continue;
    const where = `function ${shortName(fi.name)}`;
    if (fi.vars.includes(b.v128)) use("simd", where);
    const stack = [fi.body];
    while (stack.length > 0) {
      const e = stack.pop() as number;
      const ei = w.info(e);
      if (ei.type === b.v128) use("simd", where);
      const kids = w.children(e, ei);
      if (kids === null) {
        use(featureOfKind(w.idName(ei.id)), where);
        continue;
      }
      if (ei.id === ids["Unary"]) {
        const op = ei["op"] as number;
        if (signExt.has(op)) use("sign-extension", where);
        else if (truncSat.has(op)) use("nontrapping-f2i", where);
      } else if (copyFill.has(ei.id)) use("memory-copy-fill", where);
      else if (bulk.has(ei.id)) use("bulk-memory", where);
      else if (refs.has(ei.id)) use("reference-types", where);
      else if (tuples.has(ei.id)) use("multi-value", where);
      else if (calls.has(ei.id) && ei["isReturn"] === true) use("tail-call", where);
      if (structured.has(ei.id) && b.expandType(ei.type).length > 1) use("multi-value", where);
      stack.push(...kids);
    }
  }
  return [...uses].map(([feature, where]) => ({ feature, where }));
}
