// The watchdog metering pass. Interpreters such as wasm3 cannot stop a loop
// that makes no calls, so every image carries an instruction budget: each
// straight-line region subtracts its instruction count from the exported
// global `sail_fuel`, and function entries and loop headers call the import
// `sail.meter_exhausted` when it goes negative. The same counts give the board
// its estimate of device time. Regions are charged where they start (function
// entry, loop body, if arm), so an early exit over-counts a little; the exact
// per-instruction counter belongs to the profiler.

import { ImageError } from "../errors.js";
import {
  captureOutput,
  loadBinaryen,
  readModule,
  type Binaryen,
  type BinaryenModule,
  type ExpressionRef,
} from "../wasm/binaryen.js";
import { compactNameSection } from "../wasm/names.js";
import { makeWalker, type Walker } from "../wasm/walk.js";
import { defined } from "../defined.js";

export const FUEL_GLOBAL = "sail_fuel";
export const METER_IMPORT = "meter_exhausted";
const METER_INTERNAL = "sail~meter_exhausted";
/** If arms up to this many instructions are not metered on their own. */
export const SMALL_ARM = 8;

/**
 * Returns the metered binary (the metering CURRENT_METERING in meter-check.ts
 * names). `file` names the image in errors.
 */
export async function meterImage(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  const b = await loadBinaryen();
  const m = readModule(b, bytes, file);
  try {
    b.setDebugInfo(true);
    m.setFeatures(defined(b.Features["All"], "binaryen's feature set"));
    refuseMeteringNames(b, m, file);
    const imported = new Set<string>();
    for (let i = 0; i < m.getNumFunctions(); i++) {
      const fi = b.getFunctionInfo(m.getFunctionByIndex(i));
      if (fi.module !== "") imported.add(fi.name);
    }
    // Internal names from the image's name section may be anything, even ours.
    const names = { fuel: freshName(b, m, FUEL_GLOBAL), meter: freshName(b, m, METER_INTERNAL) };
    m.addGlobal(names.fuel, b.i32, true, m.i32.const(0));
    m.addGlobalExport(names.fuel, FUEL_GLOBAL);
    m.addFunctionImport(names.meter, "sail", METER_IMPORT, b.none, b.none);
    const pass = new MeterPass(b, m, makeWalker(b), imported, names);
    for (let i = 0; i < m.getNumFunctions(); i++) {
      const f = m.getFunctionByIndex(i);
      const fi = b.getFunctionInfo(f);
      if (fi.module !== "" || fi.body === 0) continue;
      pass.startFunction();
      const cost = pass.region(fi.body, fi.name);
      // A function without loops or calls cannot run long or recurse: charging
      // it is enough, the next check elsewhere sees the fuel it used.
      const entry = pass.sawLoopOrCall ? [pass.charge(cost), pass.check()] : [pass.charge(cost)];
      b.Function.setBody(f, m.block(null, [...entry, fi.body], b.auto));
    }
    const { result: valid, output } = captureOutput(() => m.validate());
    if (!valid) throw new ImageError(file, `metering produced an invalid module:\n${output.trim()}`);
    return compactNameSection(m.emitBinary());
  } finally {
    m.dispose();
  }
}

class MeterPass {
  readonly #ids: Readonly<Record<string, number>>;
  readonly #calls: ReadonlySet<number>;
  /** Whether the last function walked has a loop or makes a call. */
  sawLoopOrCall = false;

  /** Starts on a function body: no loop or call seen yet. */
  startFunction(): void {
    this.sawLoopOrCall = false;
  }
  constructor(
    readonly b: Binaryen,
    readonly m: BinaryenModule,
    readonly w: Walker,
    readonly imported: ReadonlySet<string>,
    readonly names: { readonly fuel: string; readonly meter: string },
  ) {
    this.#ids = b.ExpressionIds;
    this.#calls = new Set(
      [b.ExpressionIds["Call"], b.ExpressionIds["CallIndirect"]].filter((x): x is number => x !== undefined),
    );
  }

  charge(n: number): ExpressionRef {
    const { m, b } = this;
    const { fuel } = this.names;
    return m.global.set(fuel, m.i32.sub(m.global.get(fuel, b.i32), m.i32.const(n)));
  }

  check(): ExpressionRef {
    const { m, b } = this;
    const { fuel, meter } = this.names;
    return m.if(m.i32.lt_s(m.global.get(fuel, b.i32), m.i32.const(0)), m.call(meter, [], b.none));
  }

  /**
   * Instruments the loops and if arms inside `e` and returns the number of
   * instructions `e` executes outside them.
   */
  region(e: ExpressionRef, fn: string): number {
    const { b, m, w } = this;
    const ids = this.#ids;
    const info = w.info(e);
    const kids = w.children(e, info);
    if (kids === null) throw new ImageError(fn, `cannot meter instruction ${w.idName(info.id)}`);
    if (this.#calls.has(info.id) && !this.imported.has(info["target"] as string)) this.sawLoopOrCall = true;
    if (info.id === ids["Loop"]) {
      this.sawLoopOrCall = true;
      const body = info["body"] as number;
      const n = this.region(body, fn);
      b.Loop.setBody(e, m.block(null, [this.charge(n), this.check(), body], b.auto));
      return 0;
    }
    if (info.id === ids["If"]) {
      const cost = 1 + this.region(info["condition"] as number, fn);
      const arms: [ExpressionRef, (arm: ExpressionRef) => void][] = [
        [info["ifTrue"] as number, (a) => b.If.setIfTrue(e, a)],
      ];
      if (info["ifFalse"]) arms.push([info["ifFalse"] as number, (a) => b.If.setIfFalse(e, a)]);
      const counts = arms.map(([arm]) => this.region(arm, fn));
      // Small arms are charged to the enclosing region as the longer of the two:
      // a few instructions of over-count instead of 8 bytes of metering each.
      if (counts.every((n) => n <= SMALL_ARM)) return cost + Math.max(...counts);
      arms.forEach(([arm, set], i) => {
        const n = counts[i] as number;
        if (n > 0) set(m.block(null, [this.charge(n), arm], b.auto));
      });
      return cost;
    }
    let cost = info.id === ids["Block"] || info.id === ids["Nop"] ? 0 : 1;
    for (const k of kids) cost += this.region(k, fn);
    return cost;
  }
}

/** True if the image claims to carry the metering (built by `sail build`); meter-check.ts verifies the claim. */
export function isMetered(exports: readonly { readonly name: string }[]): boolean {
  return exports.some((e) => e.name === FUEL_GLOBAL);
}

/**
 * The names the metering adds must be its own: an image that already exports
 * `sail_fuel` is metered (or forged) and is checked instead, and one that
 * imports `sail.meter_exhausted` could call it to refill its fuel at will.
 */
function refuseMeteringNames(b: Binaryen, m: BinaryenModule, file: string): void {
  for (let i = 0; i < m.getNumExports(); i++) {
    if (b.getExportInfo(m.getExportByIndex(i)).name === FUEL_GLOBAL)
      throw new ImageError(file, `exports ${FUEL_GLOBAL}, a name the watchdog metering adds: rename that export`);
  }
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const fi = b.getFunctionInfo(m.getFunctionByIndex(i));
    if (fi.module === "sail" && fi.base === METER_IMPORT)
      throw new ImageError(
        file,
        `imports sail.${METER_IMPORT}, which only the watchdog metering calls: remove that import ` +
          `(function ${fi.name}); the metering adds its own`,
      );
  }
}

/** `base`, or `base` with a number after it, whichever no function or global of `m` is called yet. */
function freshName(b: Binaryen, m: BinaryenModule, base: string): string {
  const taken = new Set<string>();
  for (let i = 0; i < m.getNumFunctions(); i++) taken.add(b.getFunctionInfo(m.getFunctionByIndex(i)).name);
  for (let i = 0; i < m.getNumGlobals(); i++) taken.add(b.getGlobalInfo(m.getGlobalByIndex(i)).name);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}~${n}`;
  return name;
}
