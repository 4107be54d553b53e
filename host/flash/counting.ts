// The counting copy (emulator only): counters added to a copy of the shipped
// image, so the board's clock and the profiler see exactly the instructions
// the program executes. The shipped metering stays as it is and decides where
// the watchdog bites; its own instructions, and the counters', are not counted.
//
// An executed instruction is every opcode except block, loop, end, else and
// nop. Code is cut into straight-line segments, each charged once, where it
// starts, with its whole length. A segment ends at everything that may leave
// it or look at the count: br_if, br, br_table, return, unreachable, every call
// (the callee may read the clock, trap or never return) and the metering's
// check (the watchdog reads the clock). One starts at a function's entry, a
// loop's body, each if arm, after an if, after a block that is branched to,
// and after each call, br_if or check. So the count is exact wherever it can
// be read; only a trap in the middle of a segment (a load out of bounds, a
// division by zero) finds the rest of its segment already counted.
//
// `sail_count` holds instructions and `sail_calls` wasm function entries
// (i32 each; the host folds them into its own totals at every meter_exhausted,
// well before they could wrap).

import { ImageError } from "../errors.js";
import {
  loadBinaryen,
  type Binaryen,
  type BinaryenModule,
  type ExpressionRef,
  type TypeRef,
} from "../wasm/binaryen.js";
import { childFields } from "../wasm/walk.js";
import type { WasmInfo } from "../wasm/binary.js";
import { defined } from "../defined.js";
import { FUEL_GLOBAL, METER_IMPORT } from "./meter.js";

export const COUNT_GLOBAL = "sail_count";
export const CALLS_GLOBAL = "sail_calls";

/** Child fields in evaluation order: operands before a call_indirect's index, a br_if's value first. */
const EVALUATION_ORDER: Readonly<Record<string, readonly string[]>> = {
  CallIndirect: ["operands", "target"],
  Break: ["value", "condition"],
  Switch: ["value", "condition"],
};

/** Expressions the count passes over to place a charge after them: they cannot trap, branch or call. */
const CLIMBABLE = new Set(["Drop", "LocalSet", "GlobalSet"]);

/** Binaryen expressions that are no opcode of their own. */
const NOT_COUNTED = new Set(["Block", "Loop", "Nop", "TupleMake", "TupleExtract", "Pop"]);

/** A straight-line segment: its length so far and where its charge goes (a placeholder child of a wrapper block). */
interface Segment {
  n: number;
  site: { readonly block: ExpressionRef; readonly index: number } | null;
}

/**
 * Whether the counting pass can count `info`'s code. Binaryen cannot place a
 * charge beside a value of several results (multi-value), so such an image
 * runs without counters and the clock charges the metering's fuel instead
 * (an over-count of up to a block per branch, docs/decisions.md D114).
 */
export function countable(info: WasmInfo): boolean {
  return !info.types.some((t) => t.results.length > 1);
}

/** Returns the counting copy of `code` (a metered image). `file` names the image in errors. */
export async function countingCopy(code: Uint8Array, file: string): Promise<Uint8Array> {
  const b = await loadBinaryen();
  const m = b.readBinary(code, defined(b.Features["All"], "binaryen's feature set"));
  try {
    b.setDebugInfo(true);
    m.setFeatures(defined(b.Features["All"], "binaryen's feature set"));
    addInstructionCounters(b, m, file);
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

/**
 * Adds the exported counters `sail_count` and `sail_calls` to `m` and charges
 * every segment of every defined function. Composable with other passes on
 * the emulator's copy: it only adds globals, charges and wrapper blocks.
 */
export function addInstructionCounters(b: Binaryen, m: BinaryenModule, file: string): void {
  m.addGlobal(COUNT_GLOBAL, b.i32, true, m.i32.const(0));
  m.addGlobalExport(COUNT_GLOBAL, COUNT_GLOBAL);
  m.addGlobal(CALLS_GLOBAL, b.i32, true, m.i32.const(0));
  m.addGlobalExport(CALLS_GLOBAL, CALLS_GLOBAL);
  const pass = new CountingPass(b, m, meteringNames(b, m), file);
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const f = m.getFunctionByIndex(i);
    const fi = b.getFunctionInfo(f);
    if (fi.module !== "" || fi.body === 0) continue;
    b.Function.setBody(f, pass.functionBody(fi.body, fi.name));
  }
  // No binaryen validation here (it costs a cold flash about 0.2 s): V8 validates the copy when it compiles it.
}

/** The internal names of the metering's fuel global and meter import, if the image is metered. */
function meteringNames(b: Binaryen, m: BinaryenModule): { fuel: string | null; meter: string | null } {
  let fuel: string | null = null;
  let meter: string | null = null;
  for (let i = 0; i < m.getNumExports(); i++) {
    const e = b.getExportInfo(m.getExportByIndex(i));
    if (e.name === FUEL_GLOBAL && e.kind === b.ExternalGlobal) fuel = e.value;
  }
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const fi = b.getFunctionInfo(m.getFunctionByIndex(i));
    if (fi.module === "sail" && fi.base === METER_IMPORT) meter = fi.name;
  }
  return { fuel, meter };
}

type Getter = (e: ExpressionRef, ...args: number[]) => unknown;
type Setter = (e: ExpressionRef, ...args: number[]) => void;

/** A child expression and how to put another in its place. */
interface Slot {
  readonly e: ExpressionRef;
  readonly set: (child: ExpressionRef) => void;
}

/**
 * Reads children with binaryen's per-kind getters: its generic getExpressionInfo calls every
 * getter of a kind (names included) and would make flashing several times slower.
 */
class Children {
  readonly #byKind = new Map<string, ((e: ExpressionRef) => Slot[]) | null>();

  constructor(readonly b: Binaryen) {}

  /** The children of an expression of `kind`, in evaluation order; null for a kind the pass does not know. */
  of(kind: string, e: ExpressionRef): Slot[] | null {
    let read = this.#byKind.get(kind);
    if (read === undefined) {
      read = this.#reader(kind);
      this.#byKind.set(kind, read);
    }
    return read === null ? null : read(e);
  }

  #reader(kind: string): ((e: ExpressionRef) => Slot[]) | null {
    const fields = EVALUATION_ORDER[kind] ?? childFields(kind);
    if (fields === null) return null;
    const cls = (this.b as unknown as Record<string, Record<string, Getter | Setter> | undefined>)[kind] ?? {};
    const readers = fields.map((field) => {
      const cap = field.charAt(0).toUpperCase() + field.slice(1);
      if (field === "children" || field === "operands") {
        const one = field === "children" ? "Child" : "Operand";
        const count = cls[`getNum${cap}`] as Getter;
        const at = cls[`get${one}At`] as Getter;
        const setAt = cls[`set${one}At`] as Setter;
        return (e: ExpressionRef, out: Slot[]): void => {
          const n = count(e) as number;
          for (let i = 0; i < n; i++) {
            const c = at(e, i) as number;
            if (c !== 0) out.push({ e: c, set: (x) => setAt(e, i, x) });
          }
        };
      }
      const get = cls[`get${cap}`] as Getter;
      const set = cls[`set${cap}`] as Setter;
      return (e: ExpressionRef, out: Slot[]): void => {
        const c = get(e) as number;
        if (c !== 0) out.push({ e: c, set: (x) => set(e, x) });
      };
    });
    return (e) => {
      const out: Slot[] = [];
      for (const r of readers) r(e, out);
      return out;
    };
  }
}

class CountingPass {
  /** The open segment; null in code that cannot be reached. */
  #seg: Segment | null = null;
  /** The open segment started after a boundary and its charge is not placed yet. */
  #pending = false;
  /** Labels branched to in the function being counted. */
  #targets = new Set<string>();
  readonly #kinds = new Map<number, string>();
  readonly #children: Children;
  readonly #temps = new Map<TypeRef, string>();
  #fn = "";

  constructor(
    readonly b: Binaryen,
    readonly m: BinaryenModule,
    readonly metering: { readonly fuel: string | null; readonly meter: string | null },
    readonly file: string,
  ) {
    for (const [name, id] of Object.entries(b.ExpressionIds)) this.#kinds.set(id, name);
    this.#children = new Children(b);
  }

  functionBody(body: ExpressionRef, name: string): ExpressionRef {
    const { m, b } = this;
    this.#fn = name;
    this.#targets = new Set();
    const entry = m.global.set(CALLS_GLOBAL, m.i32.add(m.global.get(CALLS_GLOBAL, b.i32), m.i32.const(1)));
    const wrapper = m.block(null, [entry, m.nop(), body], b.auto);
    this.#open(wrapper, 1);
    const visited = this.#visit(body);
    let result = visited;
    if (this.#pending) result = this.#placeAfter(visited);
    this.#close();
    this.#setChild(wrapper, 2, result);
    return wrapper;
  }

  #kind(e: ExpressionRef): string {
    return this.#kinds.get(this.b.getExpressionId(e)) ?? "?";
  }

  /** Counts `e` and what it contains; returns what stands in its place. */
  #visit(e: ExpressionRef): ExpressionRef {
    const b = this.b as unknown as Record<string, Record<string, Getter>>;
    const kind = this.#kind(e);
    if (kind === "GlobalSet" && this.metering.fuel !== null && b["GlobalSet"]?.["getName"]?.(e) === this.metering.fuel)
      return e;
    if (kind === "If" && this.#isFuelCheck(e)) {
      this.#boundary();
      return e;
    }
    if (kind === "Block") return this.#block(e);
    if (kind === "Loop") return this.#loop(e);
    if (kind === "If") return this.#if(e);
    const kids = this.#children.of(kind, e);
    if (kids === null) throw new ImageError(this.file, `cannot count ${this.#fn}: it uses ${kind}`);
    const climbable = CLIMBABLE.has(kind) && !(kind === "LocalSet" && b["LocalSet"]?.["isTee"]?.(e) === true);
    kids.forEach((slot, i) => {
      let child = this.#visit(slot.e);
      if (this.#pending && !(i === kids.length - 1 && climbable)) child = this.#placeAfter(child);
      if (child !== slot.e) slot.set(child);
    });
    if (!NOT_COUNTED.has(kind) && this.#seg !== null) this.#seg.n++;
    if (kind === "Break") this.#targets.add(b["Break"]?.["getName"]?.(e) as string);
    if (kind === "Switch") {
      const sw = b["Switch"] as Record<string, Getter>;
      const n = sw["getNumNames"]?.(e) as number;
      for (let i = 0; i < n; i++) this.#targets.add(sw["getNameAt"]?.(e, i) as string);
      this.#targets.add(sw["getDefaultName"]?.(e) as string);
    }
    const isCall = kind === "Call" || kind === "CallIndirect";
    const conditional = kind === "Break" && b["Break"]?.["getCondition"]?.(e) !== 0;
    if ((isCall && b[kind]?.["isReturn"]?.(e) === true) || kind === "Return" || kind === "Unreachable") this.#deadEnd();
    else if (kind === "Switch" || (kind === "Break" && !conditional)) this.#deadEnd();
    else if (isCall || kind === "Break") this.#boundary();
    return e;
  }

  #block(e: ExpressionRef): ExpressionRef {
    const { b } = this;
    const kids = this.#children.of("Block", e) ?? [];
    kids.forEach((slot, i) => {
      let child = this.#visit(slot.e);
      if (this.#pending && i < kids.length - 1) child = this.#placeAfter(child);
      if (child !== slot.e) slot.set(child);
    });
    const label = (b as unknown as Record<string, Record<string, Getter>>)["Block"]?.["getName"]?.(e);
    const type = b.getExpressionType(e);
    if (typeof label === "string" && label !== "" && this.#targets.has(label) && type !== b.unreachable) {
      // The block's end is a join: what follows is a new segment.
      if (kids.length > 0) this.#settleBeforeJoin(e, kids.length - 1);
      this.#boundary();
    }
    return e;
  }

  #loop(e: ExpressionRef): ExpressionRef {
    const { b, m } = this;
    this.#close();
    const body = (b as unknown as Record<string, Record<string, Getter>>)["Loop"]?.["getBody"]?.(e) as number;
    const wrapper = m.block(null, [m.nop(), body], b.auto);
    this.#open(wrapper, 0);
    const visited = this.#visit(body);
    if (visited !== body) this.#setChild(wrapper, 1, visited);
    b.Loop.setBody(e, wrapper);
    return e;
  }

  #if(e: ExpressionRef): ExpressionRef {
    const { b, m } = this;
    const get = (b as unknown as Record<string, Record<string, Getter>>)["If"] as Record<string, Getter>;
    const condition = get["getCondition"]?.(e) as number;
    let c = this.#visit(condition);
    if (this.#pending) c = this.#placeAfter(c);
    if (c !== condition) b.If.setCondition(e, c);
    if (this.#seg !== null) this.#seg.n++;
    this.#close();
    const arms: [number, (arm: ExpressionRef) => void][] = [
      [get["getIfTrue"]?.(e) as number, (a) => b.If.setIfTrue(e, a)],
    ];
    const ifFalse = get["getIfFalse"]?.(e) as number;
    if (ifFalse !== 0) arms.push([ifFalse, (a) => b.If.setIfFalse(e, a)]);
    for (const [arm, set] of arms) {
      const wrapper = m.block(null, [m.nop(), arm], b.auto);
      this.#open(wrapper, 0);
      const visited = this.#visit(arm);
      if (visited !== arm) this.#setChild(wrapper, 1, visited);
      this.#settleBeforeJoin(wrapper, 1);
      this.#close();
      set(wrapper);
    }
    if (b.getExpressionType(e) === b.unreachable) this.#deadEnd();
    else this.#boundary();
    return e;
  }

  /** Before a join: a pending segment that counted something gets its charge after the last child of `block`. */
  #settleBeforeJoin(block: ExpressionRef, last: number): void {
    if (!this.#pending) return;
    if ((this.#seg?.n ?? 0) > 0) {
      const child = this.b.Block.getChildAt(block, last);
      this.#setChild(block, last, this.#placeAfter(child));
    } else {
      this.#seg = null;
      this.#pending = false;
    }
  }

  /** Starts a segment whose charge goes at child `index` of `block` (a placeholder). */
  #open(block: ExpressionRef, index: number): void {
    this.#seg = { n: 0, site: { block, index } };
    this.#pending = false;
  }

  /** Ends the open segment; a new one starts at once, its charge placed by the caller. */
  #boundary(): void {
    this.#close();
    this.#seg = { n: 0, site: null };
    this.#pending = true;
  }

  /** Ends the open segment; what follows is unreachable until the next join. */
  #deadEnd(): void {
    this.#close();
    this.#seg = null;
    this.#pending = false;
  }

  /** Writes the open segment's charge. */
  #close(): void {
    const seg = this.#seg;
    this.#seg = null;
    this.#pending = false;
    if (seg === null || seg.n === 0) return;
    if (seg.site === null) throw new Error(`internal error: counting ${this.#fn}: a segment without a charge`);
    const { m, b } = this;
    const charge = m.global.set(COUNT_GLOBAL, m.i32.add(m.global.get(COUNT_GLOBAL, b.i32), m.i32.const(seg.n)));
    this.#setChild(seg.site.block, seg.site.index, charge);
  }

  /** Places the pending segment's charge right after `e` (through a temporary global when `e` has a value). */
  #placeAfter(e: ExpressionRef): ExpressionRef {
    const { m, b } = this;
    const seg = this.#seg as Segment;
    this.#pending = false;
    const type = b.getExpressionType(e);
    if (type === b.none || type === b.unreachable) {
      const wrapper = m.block(null, [e, m.nop()], b.none);
      seg.site = { block: wrapper, index: 1 };
      return wrapper;
    }
    const temp = this.#temp(type);
    const wrapper = m.block(null, [m.global.set(temp, e), m.nop(), m.global.get(temp, type)], type);
    seg.site = { block: wrapper, index: 1 };
    return wrapper;
  }

  #temp(type: TypeRef): string {
    let name = this.#temps.get(type);
    if (name === undefined) {
      name = `sail~count_tmp${this.#temps.size}`;
      this.m.addGlobal(name, type, true, zeroOf(this.b, this.m, type));
      this.#temps.set(type, name);
    }
    return name;
  }

  #isFuelCheck(e: ExpressionRef): boolean {
    const { meter } = this.metering;
    const get = (this.b as unknown as Record<string, Record<string, Getter>>)["If"] as Record<string, Getter>;
    if (meter === null || get["getIfFalse"]?.(e) !== 0) return false;
    const arm = get["getIfTrue"]?.(e) as number;
    const call = (this.b as unknown as Record<string, Record<string, Getter>>)["Call"] as Record<string, Getter>;
    return this.#kind(arm) === "Call" && call["getTarget"]?.(arm) === meter;
  }

  #setChild(block: ExpressionRef, index: number, child: ExpressionRef): void {
    this.b.Block.setChildAt(block, index, child);
  }
}

function zeroOf(b: Binaryen, m: BinaryenModule, type: TypeRef): ExpressionRef {
  const typed = m as unknown as Record<string, { const(v: number | bigint): ExpressionRef }>;
  if (type === b.i64) return (typed["i64"] as { const(v: bigint): ExpressionRef }).const(0n);
  if (type === (b["f32"] as number)) return (typed["f32"] as { const(v: number): ExpressionRef }).const(0);
  if (type === (b["f64"] as number)) return (typed["f64"] as { const(v: number): ExpressionRef }).const(0);
  return m.i32.const(0);
}
