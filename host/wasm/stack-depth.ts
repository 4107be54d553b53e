// The interpreter's stack, modelled on the copy the emulator runs (never the
// shipped bytes, docs/decisions.md D110). V8 allows some 18,000 frames;
// wasm3 traps far earlier, when a frame does not fit the stack the runtime
// gave it. This pass adds two globals, the wasm3 stack slots in use and the
// wasm call depth, charges each function's frame (as wasm3-frames.ts sizes
// it) at entry and releases it at every exit, and calls the import
// sail_emulator.stack_alarm when a frame would not fit or the depth passes an
// alarm level (the native-stack estimate, host/board/stack-imports.ts). The
// import decides: it throws the board's reset, or returns the next alarm level.
// Self-contained: it only adds its own globals, import and checks, so other
// instrumentation can be applied to the same module before or after it.

import type { Binaryen, BinaryenModule, ExpressionRef, FunctionRef, TypeRef } from "./binaryen.js";
import type { FrameShape } from "./wasm3-frames.js";
import { childPlaces, makeWalker, type Walker } from "./walk.js";

export const STACK_IMPORT_MODULE = "sail_emulator";
export const STACK_IMPORT = "stack_alarm";
/** An alarm level no depth reaches: no native-stack estimate. */
export const NO_ALARM = 0x7fffffff;

const SP = "sail~stack_slots";
const FRAMES = "sail~stack_frames";
const ALARM = "sail~stack_alarm_frames";
const ALARM_FN = "sail~stack_alarm";

export interface StackLimits {
  /** wasm3's value stack, in slots. */
  readonly slots: number;
  /** The call depth at which the import is first called (NO_ALARM for never). */
  readonly alarmFrames: number;
}

interface PassOps {
  readonly local: {
    get(index: number, type: TypeRef): ExpressionRef;
    set(index: number, value: ExpressionRef): ExpressionRef;
  };
  readonly i32: {
    const(value: number): ExpressionRef;
    add(a: ExpressionRef, b: ExpressionRef): ExpressionRef;
    sub(a: ExpressionRef, b: ExpressionRef): ExpressionRef;
    ge_u(a: ExpressionRef, b: ExpressionRef): ExpressionRef;
    gt_u(a: ExpressionRef, b: ExpressionRef): ExpressionRef;
    or(a: ExpressionRef, b: ExpressionRef): ExpressionRef;
  };
  return(value?: ExpressionRef): ExpressionRef;
}

type Setter = (parent: ExpressionRef, indexOrChild: number, child?: number) => void;

class StackPass {
  readonly ops: PassOps;
  readonly #w: Walker;
  readonly #addVar: (f: FunctionRef, type: TypeRef) => number;

  constructor(
    readonly b: Binaryen,
    readonly m: BinaryenModule,
  ) {
    this.ops = m as unknown as PassOps;
    this.#w = makeWalker(b);
    this.#addVar = b["_BinaryenFunctionAddVar"] as (f: FunctionRef, type: TypeRef) => number;
  }

  #add(global: string, n: number): ExpressionRef {
    const { m, b, ops } = this;
    const now = m.global.get(global, b.i32);
    return m.global.set(global, n >= 0 ? ops.i32.add(now, ops.i32.const(n)) : ops.i32.sub(now, ops.i32.const(-n)));
  }

  #prologue(frame: FrameShape, limits: StackLimits): ExpressionRef[] {
    const { m, b, ops } = this;
    const need = (): ExpressionRef => ops.i32.add(m.global.get(SP, b.i32), ops.i32.const(frame.maxSlots));
    const alarm = ops.i32.or(
      ops.i32.ge_u(need(), ops.i32.const(limits.slots)),
      ops.i32.gt_u(m.global.get(FRAMES, b.i32), m.global.get(ALARM, b.i32)),
    );
    const call = m.global.set(ALARM, m.call(ALARM_FN, [m.global.get(FRAMES, b.i32), need()], b.i32));
    return [this.#add(FRAMES, 1), m.if(alarm, call), this.#add(SP, frame.base)];
  }

  #epilogue(frame: FrameShape): ExpressionRef[] {
    return [this.#add(SP, -frame.base), this.#add(FRAMES, -1)];
  }

  /** Puts `child` where the expression at `place` of `parent` was. */
  #replace(parent: ExpressionRef, field: string, index: number, child: ExpressionRef): void {
    const kind = this.#w.idName(this.b.getExpressionId(parent));
    const api = this.b[kind] as Readonly<Record<string, Setter>> | undefined;
    const name =
      index >= 0
        ? `set${field === "children" ? "Child" : "Operand"}At`
        : `set${field[0]?.toUpperCase()}${field.slice(1)}`;
    const set = api?.[name];
    if (set === undefined) throw new Error(`stack pass: binaryen has no ${kind}.${name}`);
    if (index >= 0) set(parent, index, child);
    else set(parent, child);
  }

  /** `value` evaluated, then `after`, then the value again (kept in a new local), or `finish` applied to it. */
  #then(
    f: FunctionRef,
    value: ExpressionRef,
    after: ExpressionRef[],
    finish?: (v: ExpressionRef) => ExpressionRef,
  ): ExpressionRef {
    const { m, b, ops } = this;
    const type = b.getExpressionType(value);
    if (type === b.none || type === b.unreachable) return m.block(null, [value, ...after], type);
    const tmp = this.#addVar(f, type);
    const get = ops.local.get(tmp, type);
    const last = finish === undefined ? get : finish(get);
    return m.block(null, [ops.local.set(tmp, value), ...after, last], finish === undefined ? type : b.unreachable);
  }

  instrument(f: FunctionRef, frame: FrameShape, limits: StackLimits): void {
    const { b, m, ops } = this;
    const fi = b.getFunctionInfo(f);
    const calls: { parent: ExpressionRef; field: string; index: number; ref: ExpressionRef; extra: number }[] = [];
    const returns: { parent: ExpressionRef; field: string; index: number; ref: ExpressionRef }[] = [];
    const retId = b.ExpressionIds["Return"];
    const todo = [fi.body];
    while (todo.length > 0) {
      const e = todo.pop() as ExpressionRef;
      for (const p of childPlaces(this.#w, this.#w.info(e)) ?? []) {
        const extra = frame.liveCalls.get(p.ref);
        if (extra !== undefined) calls.push({ parent: e, ...p, extra });
        if (b.getExpressionId(p.ref) === retId) returns.push({ parent: e, ...p });
        todo.push(p.ref);
      }
    }
    for (const c of calls) {
      const wrapped = this.#then(f, m.block(null, [this.#add(SP, c.extra), c.ref], b.auto), [this.#add(SP, -c.extra)]);
      this.#replace(c.parent, c.field, c.index, wrapped);
    }
    const exit = (ret: ExpressionRef): ExpressionRef => {
      const value = b.getExpressionInfo(ret)["value"];
      if (typeof value !== "number" || value === 0)
        return m.block(null, [...this.#epilogue(frame), ret], b.unreachable);
      return this.#then(f, value, this.#epilogue(frame), (v) => ops.return(v));
    };
    for (const r of returns) this.#replace(r.parent, r.field, r.index, exit(r.ref));
    const body = b.getExpressionId(fi.body) === retId ? exit(fi.body) : fi.body;
    b.Function.setBody(
      f,
      m.block(null, [...this.#prologue(frame, limits), this.#then(f, body, this.#epilogue(frame))], fi.results),
    );
  }
}

/** Adds the stack model to every defined function of `m` that `frames` sizes. */
export function addStackDepthModel(
  b: Binaryen,
  m: BinaryenModule,
  frames: ReadonlyMap<string, FrameShape>,
  limits: StackLimits,
): void {
  m.addGlobal(SP, b.i32, true, m.i32.const(0));
  m.addGlobal(FRAMES, b.i32, true, m.i32.const(0));
  m.addGlobal(ALARM, b.i32, true, m.i32.const(limits.alarmFrames));
  const createType = b["createType"] as (types: readonly TypeRef[]) => TypeRef;
  m.addFunctionImport(ALARM_FN, STACK_IMPORT_MODULE, STACK_IMPORT, createType([b.i32, b.i32]), b.i32);
  const pass = new StackPass(b, m);
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const f = m.getFunctionByIndex(i);
    const fi = b.getFunctionInfo(f);
    const frame = frames.get(fi.name);
    if (fi.module !== "" || fi.body === 0 || frame === undefined) continue;
    pass.instrument(f, frame, limits);
  }
}
