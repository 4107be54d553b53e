// How wasm3 sizes each function's frame on its value stack, computed from the
// module the way wasm3 v0.5.0's compiler does it (source/m3_compile.c,
// CompileFunction, ReserveConstants, CompileCallArgsAndReturn), with 32-bit
// slots (d_m3Use32BitSlots, the default):
// - 2 slots for each result and each argument (c_ioSlotCount), then the
//   locals (1 slot for i32/f32, 2 aligned for i64/f64);
// - then constant slots: the compiler scans the body's bytes blindly and
//   reserves 1 slot for every 0x41/0x43 byte and 2 for every 0x42/0x44 byte
//   (capped near 120), rounded up to even;
// - a call puts the callee's frame at the first slot above every live value,
//   rounded up to even (at least 1): live values are results of earlier
//   calls and computed values spilled from wasm3's register; values read
//   from locals and constants take no slot.
// On entry (op_Entry) wasm3 traps "stack overflow" unless
// frame start + the callee's highest slot < the stack's slots.
// docs/fidelity.md compares the depths this gives with wasm3 builds.

import type { Binaryen, BinaryenModule, ExpressionRef } from "./binaryen.js";
import type { WasmInfo } from "./binary.js";
import { childPlaces, makeWalker, type Walker } from "./walk.js";

/** wasm3's value-stack slot with d_m3Use32BitSlots: 4 bytes. */
export const WASM3_SLOT_BYTES = 4;
const MAX_CONSTANT_SLOTS = 120;

export interface FrameShape {
  /** Slots from this function's frame start to a callee's frame start at a call with nothing live. */
  readonly base: number;
  /** The highest slot the function uses, plus one (wasm3's maxStackSlots). */
  readonly maxSlots: number;
  /** Calls made with values live below them: how many slots past `base` their callee starts. */
  readonly liveCalls: ReadonlyMap<ExpressionRef, number>;
}

const even = (n: number): number => n + (n & 1);

function uleb(bytes: Uint8Array, at: { pos: number }): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at.pos++] ?? 0;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7;
  }
}

interface RawBody {
  /** Slot count after the locals, counting results and arguments. */
  readonly localsEnd: number;
  /** Constant slots wasm3 reserves (even). */
  readonly constants: number;
}

/** Per defined function, in index order: its locals' slots and the constant slots wasm3 reserves. */
function readBodies(bytes: Uint8Array, info: WasmInfo): RawBody[] {
  const section = info.sections.find((s) => s.id === 10);
  if (section === undefined) return [];
  const at = { pos: section.body };
  const out: RawBody[] = [];
  const count = uleb(bytes, at);
  for (let k = 0; k < count; k++) {
    const size = uleb(bytes, at);
    const end = at.pos + size;
    const signature = info.functionTypes[info.importedFunctionCount + k];
    let slot = 2 * ((signature?.params.length ?? 0) + (signature?.results.length ?? 0));
    let gap = -1;
    for (let groups = uleb(bytes, at); groups > 0; groups--) {
      let n = uleb(bytes, at);
      const type = bytes[at.pos++];
      const wide = type !== 0x7f && type !== 0x7d; // i32 and f32 take one slot
      for (; n > 0; n--) {
        if (!wide && gap >= 0) gap = -1;
        else if (!wide) slot += 1;
        else {
          if (slot & 1) gap = slot++;
          slot += 2;
        }
      }
    }
    let constants = 0;
    for (let p = at.pos; p < end && constants < MAX_CONSTANT_SLOTS; p++) {
      const op = bytes[p];
      if (op === 0x41 || op === 0x43) constants += 1;
      else if (op === 0x42 || op === 0x44) constants += 2;
    }
    out.push({ localsEnd: slot, constants: even(constants) });
    at.pos = end;
  }
  return out;
}

/** A value on wasm3's compile-time stack: a local or constant (no slot), in its register, or in slots. */
interface StackValue {
  readonly slots: number;
  where: "ref" | "reg" | "slot";
}

class FrameWalk {
  readonly #stack: StackValue[] = [];
  readonly liveCalls = new Map<ExpressionRef, number>();
  maxSlots: number;
  readonly #ids: Readonly<Record<string, number>>;

  constructor(
    readonly b: Binaryen,
    readonly w: Walker,
    readonly dynamicStart: number,
    readonly base: number,
    readonly callSlots: (e: ExpressionRef) => number,
  ) {
    this.#ids = b.ExpressionIds;
    this.maxSlots = Math.max(dynamicStart, base);
  }

  #spilled(): number {
    let n = 0;
    for (const v of this.#stack) if (v.where === "slot") n += v.slots;
    return n;
  }

  #slotsOf(type: number): number {
    return type === this.b.i64 || type === this.b["f64"] ? 2 : 1;
  }

  visit(e: ExpressionRef): void {
    const info = this.w.info(e);
    const ids = this.#ids;
    const depth = this.#stack.length;
    const places = childPlaces(this.w, info) ?? [];
    if (info.id === ids["If"]) {
      const [cond, ...arms] = places;
      if (cond !== undefined) this.visit(cond.ref);
      this.#stack.length = depth;
      for (const arm of arms) {
        this.visit(arm.ref);
        this.#stack.length = depth;
      }
    } else {
      for (const p of places) this.visit(p.ref);
    }
    const isCall = info.id === ids["Call"] || info.id === ids["CallIndirect"];
    if (isCall) {
      // The register is saved before a call unless it holds an argument, which is copied into place.
      for (let i = 0; i < depth; i++) {
        const v = this.#stack[i];
        if (v?.where === "reg") v.where = "slot";
      }
      const offset = even(Math.max(1, this.dynamicStart + this.#spilled()));
      if (offset > this.base) this.liveCalls.set(e, offset - this.base);
      this.maxSlots = Math.max(this.maxSlots, offset + this.callSlots(e));
    }
    this.#stack.length = depth;
    const types = this.b.expandType(info.type);
    if (types.length === 0 || info.type === this.b.unreachable) return;
    const slots = types.reduce((n, t) => n + this.#slotsOf(t), 0);
    const isRef =
      info.id === ids["LocalGet"] ||
      info.id === ids["Const"] ||
      (info.id === ids["LocalSet"] && info["isTee"] === true);
    if (isRef) {
      this.#stack.push({ slots, where: "ref" });
      return;
    }
    for (const v of this.#stack) if (v.where === "reg") v.where = "slot";
    this.#stack.push({ slots, where: isCall ? "slot" : "reg" });
    this.maxSlots = Math.max(this.maxSlots, this.dynamicStart + this.#spilled() + slots);
  }
}

/**
 * The frame wasm3 gives each defined function of `m`, by binaryen function name.
 * `bytes` and `info` are the binary `m` was read from (the constant scan reads its bytes).
 */
export function wasm3Frames(
  b: Binaryen,
  m: BinaryenModule,
  bytes: Uint8Array,
  info: WasmInfo,
): Map<string, FrameShape> {
  const bodies = readBodies(bytes, info);
  const w = makeWalker(b);
  const ids = b.ExpressionIds;
  const ioSlots = new Map<string, number>();
  const typeSlots = (params: number, results: number): number =>
    2 * (b.expandType(params).length + b.expandType(results).length);
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const fi = b.getFunctionInfo(m.getFunctionByIndex(i));
    ioSlots.set(fi.name, typeSlots(fi.params, fi.results));
  }
  const callSlots = (e: ExpressionRef): number => {
    const ei = b.getExpressionInfo(e);
    if (ei.id === ids["Call"]) return ioSlots.get(String(ei["target"])) ?? 0;
    const params = ei["params"];
    const results = ei["results"];
    return typeof params === "number" && typeof results === "number" ? typeSlots(params, results) : 0;
  };
  const frames = new Map<string, FrameShape>();
  for (let i = 0, k = 0; i < m.getNumFunctions(); i++) {
    const fi = b.getFunctionInfo(m.getFunctionByIndex(i));
    if (fi.module !== "") continue;
    const body = bodies[k++];
    if (body === undefined || fi.body === 0) continue;
    const dynamicStart = body.localsEnd + body.constants;
    const walk = new FrameWalk(b, w, dynamicStart, even(Math.max(1, dynamicStart)), callSlots);
    walk.visit(fi.body);
    frames.set(fi.name, { base: walk.base, maxSlots: walk.maxSlots, liveCalls: walk.liveCalls });
  }
  return frames;
}
