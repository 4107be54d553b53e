// The profiling pass (emulator only, on top of the watchdog metering): every
// defined function calls `sail_prof.enter(id)` first and `sail_prof.exit(id)`
// on every way out (each return and its end), so the host keeps the wasm call
// stack and charges the metering's instruction counts to it. A returned value
// waits in a temporary global while exit runs: exit never calls back into wasm.

import { ImageError } from "../errors.js";
import { loadBinaryen, readModule, type Binaryen, type BinaryenModule, type ExpressionRef } from "../wasm/binaryen.js";
import { shortName } from "../wasm/names.js";
import { makeWalker } from "../wasm/walk.js";
import { defined } from "../defined.js";

export const PROFILER_MODULE = "sail_prof";
const ENTER = "sail~prof_enter";
const EXIT = "sail~prof_exit";

export interface ProfiledCode {
  readonly bytes: Uint8Array;
  /** Names of the instrumented functions, by the id passed to enter/exit. */
  readonly names: readonly string[];
}

export async function instrumentForProfiler(code: Uint8Array, file: string): Promise<ProfiledCode> {
  const b = await loadBinaryen();
  const m = readModule(b, code, file);
  try {
    m.setFeatures(defined(b.Features["All"], "binaryen's feature set"));
    m.addFunctionImport(ENTER, PROFILER_MODULE, "enter", b.i32, b.none);
    m.addFunctionImport(EXIT, PROFILER_MODULE, "exit", b.i32, b.none);
    const temps = new Map<number, string>();
    const temp = (type: number): string => {
      let name = temps.get(type);
      if (name === undefined) {
        name = `sail~prof_tmp${temps.size}`;
        m.addGlobal(name, type, true, zero(b, m, type));
        temps.set(type, name);
      }
      return name;
    };
    const names: string[] = [];
    for (let i = 0; i < m.getNumFunctions(); i++) {
      const f = m.getFunctionByIndex(i);
      const fi = b.getFunctionInfo(f);
      if (fi.module !== "" || fi.body === 0) continue;
      const id = names.length;
      names.push(shortName(fi.name));
      const results = b.expandType(fi.results);
      if (results.length > 1)
        throw new ImageError(file, `cannot profile ${shortName(fi.name)}: it returns several values`);
      const exit = (): ExpressionRef => m.call(EXIT, [m.i32.const(id)], b.none);
      const keep = (value: ExpressionRef, type: number): ExpressionRef => {
        const g = temp(type);
        return m.block(null, [m.global.set(g, value), exit(), m.global.get(g, type)], type);
      };
      rewriteReturns(b, m, fi.body, exit, keep, fi.results, shortName(fi.name), file);
      const body = fi.results === b.none ? m.block(null, [fi.body, exit()], b.none) : keep(fi.body, fi.results);
      b.Function.setBody(f, m.block(null, [m.call(ENTER, [m.i32.const(id)], b.none), body], b.auto));
    }
    return { bytes: m.emitBinary(), names };
  } finally {
    m.dispose();
  }
}

function zero(b: Binaryen, m: BinaryenModule, type: number): ExpressionRef {
  const typed = m as unknown as Record<string, { const(v: number | bigint): ExpressionRef }>;
  if (type === b.i64) return (typed["i64"] as { const(v: bigint): ExpressionRef }).const(0n);
  if (type === (b["f32"] as number)) return (typed["f32"] as { const(v: number): ExpressionRef }).const(0);
  if (type === (b["f64"] as number)) return (typed["f64"] as { const(v: number): ExpressionRef }).const(0);
  return m.i32.const(0);
}

/** Puts an exit call in front of every return in `body`. */
function rewriteReturns(
  b: Binaryen,
  m: BinaryenModule,
  body: ExpressionRef,
  exit: () => ExpressionRef,
  keep: (value: ExpressionRef, type: number) => ExpressionRef,
  resultType: number,
  fn: string,
  file: string,
): void {
  const w = makeWalker(b);
  const ids = b.ExpressionIds;
  const classes = b as unknown as Record<string, Record<string, (...args: number[]) => void>>;
  const stack: { e: ExpressionRef; parent: ExpressionRef | null; slot: number }[] = [
    { e: body, parent: null, slot: 0 },
  ];
  while (stack.length > 0) {
    const { e, parent, slot } = stack.pop() as { e: ExpressionRef; parent: ExpressionRef | null; slot: number };
    const info = w.info(e);
    if (info.id === ids["Return"]) {
      const value = info["value"] as number;
      if (value !== 0) {
        (classes["Return"] as Record<string, (a: number, b: number) => void>)["setValue"]?.(e, keep(value, resultType));
        // returns nested in the value, e.g. in a called function's argument
        stack.push({ e: value, parent: null, slot: 0 });
        continue;
      }
      // A bare return: replace it with (exit; return) where it stands.
      const replacement = m.block(null, [exit(), e], b.auto);
      if (parent === null)
        throw new ImageError(
          file,
          `cannot profile ${fn}: a bare return where the pass cannot put an exit hook before it`,
        );
      const pinfo = w.info(parent);
      if (pinfo.id === ids["Block"])
        (classes["Block"] as Record<string, (a: number, i: number, c: number) => void>)["setChildAt"]?.(
          parent,
          slot,
          replacement,
        );
      else if (pinfo.id === ids["If"])
        (classes["If"] as Record<string, (a: number, c: number) => void>)[slot === 1 ? "setIfTrue" : "setIfFalse"]?.(
          parent,
          replacement,
        );
      else if (pinfo.id === ids["Loop"])
        (classes["Loop"] as Record<string, (a: number, c: number) => void>)["setBody"]?.(parent, replacement);
      else throw new ImageError(file, `cannot profile ${fn}: a return inside ${w.idName(pinfo.id)}`);
      continue;
    }
    const kids = w.children(e, info);
    if (kids === null)
      throw new ImageError(
        file,
        `cannot profile ${fn}: it uses ${w.idName(info.id)}, which the profiling pass does not know`,
      );
    if ((info.id === ids["Call"] || info.id === ids["CallIndirect"]) && info["isReturn"] === true) {
      throw new ImageError(file, `cannot profile ${fn}: it makes a tail call, which leaves without a return`);
    }
    if (info.id === ids["Block"]) kids.forEach((k, i) => stack.push({ e: k, parent: e, slot: i }));
    else if (info.id === ids["If"]) {
      stack.push({ e: info["condition"] as number, parent: null, slot: 0 });
      stack.push({ e: info["ifTrue"] as number, parent: e, slot: 1 });
      if (info["ifFalse"]) stack.push({ e: info["ifFalse"] as number, parent: e, slot: 2 });
    } else if (info.id === ids["Loop"]) stack.push({ e: info["body"] as number, parent: e, slot: 0 });
    else for (const k of kids) stack.push({ e: k, parent: null, slot: 0 });
  }
}
