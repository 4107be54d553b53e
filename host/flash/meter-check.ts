// The check of an image that claims to be metered (it exports `sail_fuel`).
// Such an image runs as it ships, so a forged metering would let a loop spin
// without ever calling the watchdog. The manifest names the metering as
// `<algorithm>@<version>` (docs/decisions.md D98); the board keeps a checker
// for every released version, and an image without the field is version 1.
//
// Version 1 is checked by walking the code as meterImage walks it and
// expecting, at exactly the places it puts them, the sequences it adds, with
// the instruction counts it computes: what passes is what re-metering the
// unmetered code would give, and nothing else reads or writes the fuel.

import type { Binaryen, BinaryenModule, ExpressionInfo, ExpressionRef } from "../wasm/binaryen.js";
import { opConstant } from "../wasm/binaryen.js";
import { makeWalker, type Walker } from "../wasm/walk.js";
import { FUEL_GLOBAL, METER_IMPORT, SMALL_ARM } from "./meter.js";

/** The metering `sail build` applies now, as the manifest names it. */
export const CURRENT_METERING = "sail-meter@1";

type Checker = (b: Binaryen, m: BinaryenModule) => string | null;

/** A checker for every metering version released. */
const CHECKERS: ReadonlyMap<string, Checker> = new Map([["sail-meter@1", meteringV1Problem]]);

/** The metering versions this board can check, e.g. ["sail-meter@1"]. */
export const KNOWN_METERINGS: readonly string[] = [...CHECKERS.keys()];

/**
 * Checks an image that exports `sail_fuel` against the metering `metering`
 * (from the manifest; version 1 when it names none). Returns what is wrong,
 * naming the function, or null.
 */
export function meteringProblem(b: Binaryen, m: BinaryenModule, metering = CURRENT_METERING): string | null {
  const check = CHECKERS.get(metering);
  if (check === undefined)
    return `the metering ${metering} is not one this board knows (it knows ${KNOWN_METERINGS.join(", ")})`;
  return check(b, m);
}

const CHARGE_SHAPE = `global.set ${FUEL_GLOBAL} (i32.sub (global.get ${FUEL_GLOBAL}) (i32.const N))`;
const CHECK_SHAPE = `if (i32.lt_s (global.get ${FUEL_GLOBAL}) (i32.const 0)) (call sail.${METER_IMPORT})`;

/** sail-meter@1: see meterImage in meter.ts (docs/decisions.md D31, D32). */
function meteringV1Problem(b: Binaryen, m: BinaryenModule): string | null {
  let fuel: string | null = null;
  const exportedAs = new Map<string, string[]>();
  for (let i = 0; i < m.getNumExports(); i++) {
    const e = b.getExportInfo(m.getExportByIndex(i));
    if (e.kind !== b.ExternalGlobal) continue;
    if (e.name === FUEL_GLOBAL) fuel = e.value;
    exportedAs.set(e.value, [...(exportedAs.get(e.value) ?? []), e.name]);
  }
  const global = fuel === null ? null : findGlobal(b, m, fuel);
  if (fuel === null || global === null || global.type !== b.i32 || !global.mutable || global.module !== "")
    return `${FUEL_GLOBAL} is not a mutable i32 global of the image`;
  const others = (exportedAs.get(fuel) ?? []).filter((n) => n !== FUEL_GLOBAL);
  if (others.length > 0) return `it exports the ${FUEL_GLOBAL} global a second time, as ${others.join(", ")}`;
  const meters: string[] = [];
  const imported = new Set<string>();
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const fi = b.getFunctionInfo(m.getFunctionByIndex(i));
    if (fi.module === "") continue;
    imported.add(fi.name);
    if (fi.module === "sail" && fi.base === METER_IMPORT) meters.push(fi.name);
  }
  const meter = meters[0];
  if (meter === undefined) return `it does not import sail.${METER_IMPORT}`;
  if (meters.length > 1) return `it imports sail.${METER_IMPORT} ${meters.length} times; the metering imports it once`;
  const check = new V1Check(b, makeWalker(b), fuel, meter, imported);
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const fi = b.getFunctionInfo(m.getFunctionByIndex(i));
    if (fi.module !== "" || fi.body === 0) continue;
    try {
      check.functionBody(fi.body);
    } catch (e) {
      if (e instanceof Mismatch) return `function ${fi.name}: ${e.message}`;
      throw e;
    }
  }
  return null;
}

/** What the walk found where version 1 puts something else. */
class Mismatch extends Error {}

class V1Check {
  readonly #ids: Readonly<Record<string, number>>;
  readonly #sub: number;
  readonly #ltS: number;
  /** Whether the function walked so far has a loop or calls a wasm function. */
  #sawLoopOrCall = false;

  constructor(
    readonly b: Binaryen,
    readonly w: Walker,
    readonly fuel: string,
    readonly meter: string,
    readonly imported: ReadonlySet<string>,
  ) {
    this.#ids = b.ExpressionIds;
    this.#sub = opConstant(b, "SubInt32");
    this.#ltS = opConstant(b, "LtSInt32");
  }

  /** A function body: charged with its count, checked if it loops or calls. */
  functionBody(body: ExpressionRef): void {
    this.#sawLoopOrCall = false;
    const { charged, checked, rest } = this.#meteredStart(body);
    if (charged === null) throw new Mismatch(`the function entry does not start with the charge ${CHARGE_SHAPE}`);
    const cost = this.#sum(rest);
    if (!fits(charged, cost))
      throw new Mismatch(`the function entry charges ${charged} instructions; it runs ${show(cost)}`);
    const loopsOrCalls = this.#loopsOrCalls();
    if (loopsOrCalls && !checked)
      throw new Mismatch(`it loops or calls but its entry does not check the fuel with ${CHECK_SHAPE}`);
    if (!loopsOrCalls && checked)
      throw new Mismatch("its entry checks the fuel, which sail-meter@1 does only where a function loops or calls");
  }

  /** Read through a method: the walk sets the flag behind the type checker's back. */
  #loopsOrCalls(): boolean {
    return this.#sawLoopOrCall;
  }

  /** The charge, the check and the rest at the start of a block. */
  #meteredStart(e: ExpressionRef): { charged: number | null; checked: boolean; rest: readonly ExpressionRef[] } {
    const info = this.w.info(e);
    const kids = info.id === this.#ids["Block"] ? (info["children"] as number[]) : [e];
    const charged = kids[0] === undefined ? null : this.#chargeOf(kids[0]);
    if (charged === null) return { charged, checked: false, rest: kids };
    const checked = kids[1] !== undefined && this.#isCheck(kids[1]);
    return { charged, checked, rest: kids.slice(checked ? 2 : 1) };
  }

  /** N if `e` is exactly the charge, else null. */
  #chargeOf(e: ExpressionRef): number | null {
    const set = this.w.info(e);
    if (set.id !== this.#ids["GlobalSet"] || set["name"] !== this.fuel) return null;
    const sub = this.w.info(set["value"] as number);
    if (sub.id !== this.#ids["Binary"] || sub["op"] !== this.#sub) return null;
    if (!this.#isFuelGet(sub["left"] as number)) return null;
    return this.#i32Const(sub["right"] as number);
  }

  #isCheck(e: ExpressionRef): boolean {
    const branch = this.w.info(e);
    if (branch.id !== this.#ids["If"] || branch["ifFalse"]) return false;
    const test = this.w.info(branch["condition"] as number);
    if (test.id !== this.#ids["Binary"] || test["op"] !== this.#ltS) return false;
    if (!this.#isFuelGet(test["left"] as number) || this.#i32Const(test["right"] as number) !== 0) return false;
    const call = this.w.info(branch["ifTrue"] as number);
    return (
      call.id === this.#ids["Call"] &&
      call["target"] === this.meter &&
      (call["operands"] as number[]).length === 0 &&
      call["isReturn"] !== true
    );
  }

  #isFuelGet(e: ExpressionRef): boolean {
    const get = this.w.info(e);
    return get.id === this.#ids["GlobalGet"] && get["name"] === this.fuel;
  }

  #i32Const(e: ExpressionRef): number | null {
    const c = this.w.info(e);
    return c.id === this.#ids["Const"] && c.type === this.b.i32 ? (c["value"] as number) : null;
  }

  #sum(kids: readonly ExpressionRef[]): Count {
    const ids = this.#ids;
    const cost = { lo: 0, hi: 0 };
    let after: number | null = null;
    for (const k of kids) {
      const c = this.#region(k);
      const id = this.b.getExpressionId(k);
      // Writing the module puts an `unreachable` after each control structure that cannot fall
      // through: counted by this walk, not by meterImage, and free either way (it traps).
      const written =
        id === ids["Unreachable"] && (after === ids["Block"] || after === ids["Loop"] || after === ids["If"]);
      cost.lo += written ? 0 : c.lo;
      cost.hi += c.hi;
      after = id;
    }
    return cost;
  }

  /** The count meterImage gives `e` (instructions outside loops and metered if arms), checking those. */
  #region(e: ExpressionRef): Count {
    const ids = this.#ids;
    const info = this.w.info(e);
    const kids = this.w.children(e, info);
    if (kids === null) throw new Mismatch(`it uses ${this.w.idName(info.id)}, which sail-meter@1 does not meter`);
    this.#refuseFuelUse(info);
    if (info.id === ids["CallIndirect"]) this.#sawLoopOrCall = true;
    if (info.id === ids["Call"] && !this.imported.has(info["target"] as string)) this.#sawLoopOrCall = true;
    if (info.id === ids["Loop"]) {
      this.#sawLoopOrCall = true;
      this.#loopBody(info["body"] as number);
      return { lo: 0, hi: 0 };
    }
    if (info.id === ids["If"]) return add(1, this.#region(info["condition"] as number), this.#ifArms(info));
    return add(info.id === ids["Block"] || info.id === ids["Nop"] ? 0 : 1, this.#sum(kids));
  }

  #refuseFuelUse(info: ExpressionInfo): void {
    const ids = this.#ids;
    if (info.id === ids["GlobalSet"] && info["name"] === this.fuel)
      throw new Mismatch(
        `it writes ${FUEL_GLOBAL} other than by the charge ${CHARGE_SHAPE} where the metering puts it`,
      );
    if (info.id === ids["GlobalGet"] && info["name"] === this.fuel)
      throw new Mismatch(`it reads ${FUEL_GLOBAL} outside the metering's charges and checks`);
    if (info.id === ids["Call"] && info["target"] === this.meter)
      throw new Mismatch(`it calls sail.${METER_IMPORT} other than by the check ${CHECK_SHAPE}`);
  }

  #loopBody(body: ExpressionRef): void {
    const { charged, checked, rest } = this.#meteredStart(body);
    if (charged === null) throw new Mismatch(`a loop does not start with the charge ${CHARGE_SHAPE}`);
    if (!checked) throw new Mismatch(`a loop does not check the fuel right after its charge with ${CHECK_SHAPE}`);
    const cost = this.#sum(rest);
    if (!fits(charged, cost))
      throw new Mismatch(`a loop charges ${charged} instructions per iteration; it runs ${show(cost)}`);
  }

  /** The count an if's arms add to the enclosing region; arms over SMALL_ARM are charged on their own. */
  #ifArms(info: ExpressionInfo): Count {
    const arms = [info["ifTrue"] as number];
    if (info["ifFalse"]) arms.push(info["ifFalse"] as number);
    const seen = arms.map((arm) => {
      const { charged, checked, rest } = this.#meteredStart(arm);
      if (checked) throw new Mismatch("an if arm checks the fuel, which sail-meter@1 does only at loops and entries");
      return { charged, cost: this.#sum(rest) };
    });
    if (seen.every((a) => a.charged === null)) {
      const big = seen.find((a) => a.cost.lo > SMALL_ARM);
      if (big !== undefined)
        throw new Mismatch(
          `an if arm of ${show(big.cost)} instructions is not charged on its own; ${CHARGE_SHAPE} first`,
        );
      return { lo: Math.max(...seen.map((a) => a.cost.lo)), hi: Math.max(...seen.map((a) => a.cost.hi)) };
    }
    if (seen.every((a) => a.cost.hi <= SMALL_ARM))
      throw new Mismatch("an if arm is charged on its own, which sail-meter@1 does only for arms over 8 instructions");
    for (const { charged, cost } of seen) {
      const ok = charged === null ? cost.lo === 0 : charged > 0 && fits(charged, cost);
      if (!ok)
        throw new Mismatch(
          `an if arm of ${show(cost)} instructions is charged ${charged === null ? "nothing" : String(charged)}`,
        );
    }
    return { lo: 0, hi: 0 };
  }
}

/** Instructions a region runs: exactly, or within a range where writing the module added `unreachable`s. */
interface Count {
  readonly lo: number;
  readonly hi: number;
}

function add(n: number, ...counts: readonly Count[]): Count {
  return counts.reduce((a, c) => ({ lo: a.lo + c.lo, hi: a.hi + c.hi }), { lo: n, hi: n });
}

function fits(charged: number, cost: Count): boolean {
  return charged >= cost.lo && charged <= cost.hi;
}

function show(cost: Count): string {
  return cost.lo === cost.hi ? String(cost.lo) : `${cost.lo} to ${cost.hi}`;
}

function findGlobal(
  b: Binaryen,
  m: BinaryenModule,
  name: string,
): { type: number; mutable: boolean; module: string } | null {
  for (let i = 0; i < m.getNumGlobals(); i++) {
    const g = b.getGlobalInfo(m.getGlobalByIndex(i));
    if (g.name === name) return { type: g.type, mutable: g.mutable, module: g.module };
  }
  return null;
}
