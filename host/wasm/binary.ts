// Reads the parts of a WebAssembly binary the board needs without running it:
// types, imports with their signatures, exports, memory limits, static data,
// per-function code size, data segment sizes, names, custom sections and where
// each section lies in the file (WebAssembly core spec §5).
// Also appends custom sections. Throws WasmFormatError on malformed input.

import type { WasmType } from "../abi/table.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true });

export class WasmFormatError extends Error {
  override name = "WasmFormatError";
}

export type ValType = WasmType | "v128" | "funcref" | "externref";

export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

export type ImportDesc =
  | { readonly kind: "function"; readonly type: FuncType }
  | { readonly kind: "table" }
  | { readonly kind: "memory"; readonly limits: Limits }
  | { readonly kind: "global"; readonly type: ValType; readonly mutable: boolean }
  | { readonly kind: "tag" };

export interface WasmImport {
  readonly module: string;
  readonly name: string;
  readonly desc: ImportDesc;
}

export interface WasmExport {
  readonly name: string;
  readonly kind: "function" | "table" | "memory" | "global" | "tag";
  readonly index: number;
}

export interface Limits {
  readonly min: number;
  readonly max: number | null;
  readonly shared: boolean;
  readonly memory64: boolean;
}

export interface CustomSection {
  readonly name: string;
  readonly data: Uint8Array;
  /** Byte offset of the section's id byte in the file. */
  readonly start: number;
}

/** Where one section lies in the file (core spec §5.5.2). */
export interface WasmSection {
  readonly id: number;
  /** Byte offset of its id byte. */
  readonly start: number;
  /** Byte offset of its body, after the id and the size. */
  readonly body: number;
  /** Byte offset just past its body. */
  readonly end: number;
}

export interface WasmInfo {
  readonly types: readonly FuncType[];
  readonly imports: readonly WasmImport[];
  readonly exports: readonly WasmExport[];
  /** Type of every function, imports first (the function index space). */
  readonly functionTypes: readonly FuncType[];
  readonly importedFunctionCount: number;
  /** Globals, imports first; `init` is the value of a constant initialiser. */
  readonly globals: readonly { readonly type: ValType; readonly mutable: boolean; readonly init: number | null }[];
  /** Byte range of the memory section's body, for patching its limits. */
  readonly memorySection: { readonly start: number; readonly end: number } | null;
  readonly memory: Limits | null;
  /** Highest byte any active data segment writes, i.e. the static data's end. */
  readonly staticDataEnd: number;
  /** Body size in bytes of each defined function, in index order. */
  readonly codeSizes: readonly number[];
  /** Payload bytes of each data segment, in order: what it copies into memory (core spec §5.5.12). */
  readonly dataSizes: readonly number[];
  /** Where the data section's last segment ends (its size should say the same); null without a data section. */
  readonly dataSegmentsEnd: number | null;
  /** Every section in file order, custom and unknown ones included. */
  readonly sections: readonly WasmSection[];
  /** Function names from the `name` section, by function index. */
  readonly functionNames: ReadonlyMap<number, string>;
  readonly customSections: readonly CustomSection[];
  readonly hasStart: boolean;
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const EXPORT_KINDS = ["function", "table", "memory", "global", "tag"] as const;

class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }
  byte(): number {
    if (this.pos >= this.end) throw new WasmFormatError(`unexpected end at byte ${this.pos}`);
    return this.bytes[this.pos++] as number;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      // A u32 takes at most 5 bytes (spec §5.2.2: ceil(32 / 7)).
      if (shift > 28) throw new WasmFormatError(`LEB128 too long at byte ${this.pos}`);
    }
    if (result > 0xffffffff) throw new WasmFormatError(`LEB128 value past 32 bits at byte ${this.pos}`);
    return result;
  }
  /** Signed LEB128, enough for i32.const / i64.const offsets. */
  sleb(): number {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    if (shift < 64 && b & 0x40) result -= 2 ** shift;
    return result;
  }
  take(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new WasmFormatError(`section overruns its length at byte ${this.pos}`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  name(): string {
    const at = this.pos;
    const bytes = this.take(this.u32());
    try {
      return UTF8.decode(bytes);
    } catch {
      throw new WasmFormatError(`a name at byte ${at} is not valid UTF-8 (the spec requires it)`);
    }
  }
  valType(): ValType {
    const b = this.byte();
    switch (b) {
      case 0x7f:
        return "i32";
      case 0x7e:
        return "i64";
      case 0x7d:
        return "f32";
      case 0x7c:
        return "f64";
      case 0x7b:
        return "v128";
      case 0x70:
        return "funcref";
      case 0x6f:
        return "externref";
      default:
        throw new WasmFormatError(`value type 0x${b.toString(16)} is not supported (GC or typed references)`);
    }
  }
  limits(): Limits {
    const flags = this.byte();
    const min = this.u32();
    const max = flags & 1 ? this.u32() : null;
    return { min, max, shared: (flags & 2) !== 0, memory64: (flags & 4) !== 0 };
  }
  /** A constant expression; returns its value when it is a plain i32/i64.const. */
  constExpr(): number | null {
    let value: number | null = null;
    for (;;) {
      const op = this.byte();
      if (op === 0x0b) return value;
      if (op === 0x41 || op === 0x42) value = this.sleb();
      else if (op === 0x23) {
        this.u32();
        value = null;
      } else if (op === 0x44) {
        this.take(8);
        value = null;
      } else if (op === 0x43) {
        this.take(4);
        value = null;
      } else if (op === 0xd2) {
        this.u32();
        value = null;
      } else if (op === 0xd0) {
        this.byte();
        value = null;
      } else value = null; // extended-const arithmetic: value not needed here
    }
  }
}

export function readWasm(bytes: Uint8Array): WasmInfo {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new WasmFormatError("not a WebAssembly binary (bad magic number)");
  }
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    throw new WasmFormatError("unsupported WebAssembly binary version");
  }
  const types: FuncType[] = [];
  const imports: WasmImport[] = [];
  const exports: WasmExport[] = [];
  const functionTypes: FuncType[] = [];
  const globals: { type: ValType; mutable: boolean; init: number | null }[] = [];
  let memorySection: { start: number; end: number } | null = null;
  const codeSizes: number[] = [];
  const dataSizes: number[] = [];
  let dataSegmentsEnd: number | null = null;
  const sections: WasmSection[] = [];
  const functionNames = new Map<number, string>();
  const customSections: CustomSection[] = [];
  let memory: Limits | null = null;
  let staticDataEnd = 0;
  let importedFunctionCount = 0;
  let hasStart = false;

  const top = new Reader(bytes, 8, bytes.length);
  while (top.pos < top.end) {
    const start = top.pos;
    const id = top.byte();
    const size = top.u32();
    const body = top.pos;
    const end = body + size;
    if (end > bytes.length) throw new WasmFormatError(`section ${id} runs past the end of the file`);
    sections.push({ id, start, body, end });
    const r = new Reader(bytes, body, end);
    switch (id) {
      case 0: {
        const name = r.name();
        const data = bytes.subarray(r.pos, end);
        customSections.push({ name, data, start });
        if (name === "name") readNames(new Reader(bytes, r.pos, end), functionNames);
        break;
      }
      case 1:
        for (let n = r.u32(); n > 0; n--) {
          const form = r.byte();
          if (form !== 0x60) throw new WasmFormatError(`type form 0x${form.toString(16)} is not supported (GC types)`);
          const params = Array.from({ length: r.u32() }, () => r.valType());
          const results = Array.from({ length: r.u32() }, () => r.valType());
          types.push({ params, results });
        }
        break;
      case 2:
        for (let n = r.u32(); n > 0; n--) {
          const module = r.name();
          const name = r.name();
          const kind = r.byte();
          let desc: ImportDesc;
          if (kind === 0) {
            const type = typeAt(types, r.u32());
            desc = { kind: "function", type };
            functionTypes.push(type);
            importedFunctionCount++;
          } else if (kind === 1) {
            r.valType();
            r.limits();
            desc = { kind: "table" };
          } else if (kind === 2) {
            const limits = r.limits();
            memory = limits;
            desc = { kind: "memory", limits };
          } else if (kind === 3) {
            const type = r.valType();
            const mutable = r.byte() === 1;
            globals.push({ type, mutable, init: null });
            desc = { kind: "global", type, mutable };
          } else if (kind === 4) {
            r.byte();
            r.u32();
            desc = { kind: "tag" };
          } else throw new WasmFormatError(`import kind ${kind} unknown`);
          imports.push({ module, name, desc });
        }
        break;
      case 3:
        for (let n = r.u32(); n > 0; n--) functionTypes.push(typeAt(types, r.u32()));
        break;
      case 5:
        memorySection = { start, end };
        for (let n = r.u32(); n > 0; n--) memory = r.limits();
        break;
      case 6:
        for (let n = r.u32(); n > 0; n--) {
          const type = r.valType();
          const mutable = r.byte() === 1;
          globals.push({ type, mutable, init: r.constExpr() });
        }
        break;
      case 7:
        for (let n = r.u32(); n > 0; n--) {
          const name = r.name();
          const kind = EXPORT_KINDS[r.byte()];
          if (kind === undefined) throw new WasmFormatError(`export "${name}" has an unknown kind`);
          exports.push({ name, kind, index: r.u32() });
        }
        break;
      case 8:
        hasStart = true;
        break;
      case 10:
        for (let n = r.u32(); n > 0; n--) {
          const len = r.u32();
          codeSizes.push(len);
          r.take(len);
        }
        break;
      case 11:
        for (let n = r.u32(); n > 0; n--) {
          const flags = r.u32();
          let offset: number | null = null;
          if (flags === 0) offset = r.constExpr();
          else if (flags === 2) {
            r.u32();
            offset = r.constExpr();
          }
          if (offset !== null) offset = offset >>> 0; // an i32 address is unsigned
          const len = r.u32();
          r.take(len);
          dataSizes.push(len);
          if (offset !== null) staticDataEnd = Math.max(staticDataEnd, offset + len);
        }
        dataSegmentsEnd = r.pos;
        break;
      default:
        break;
    }
    top.pos = end;
  }
  return {
    types,
    imports,
    exports,
    functionTypes,
    importedFunctionCount,
    globals,
    memory,
    staticDataEnd,
    codeSizes,
    dataSizes,
    dataSegmentsEnd,
    sections,
    functionNames,
    customSections,
    hasStart,
    memorySection,
  };
}

function typeAt(types: readonly FuncType[], index: number): FuncType {
  const t = types[index];
  if (t === undefined) throw new WasmFormatError(`type index ${index} out of range`);
  return t;
}

function readNames(r: Reader, into: Map<number, string>): void {
  try {
    while (r.pos < r.end) {
      const sub = r.byte();
      const size = r.u32();
      const next = r.pos + size;
      if (sub === 1) {
        for (let n = r.u32(); n > 0; n--) into.set(r.u32(), r.name());
      }
      r.pos = next;
    }
  } catch {
    // A damaged name section only costs us names; the code is still valid.
  }
}

/** A new binary with a custom section appended at the end. */
export function appendCustomSection(bytes: Uint8Array, name: string, data: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const payload = [...uleb(nameBytes.length), ...nameBytes];
  const size = uleb(payload.length + data.length);
  const out = new Uint8Array(bytes.length + 1 + size.length + payload.length + data.length);
  let at = 0;
  out.set(bytes, at);
  at += bytes.length;
  out[at++] = 0;
  out.set(size, at);
  at += size.length;
  out.set(payload, at);
  at += payload.length;
  out.set(data, at);
  return out;
}

/** A new binary without the custom sections of the given names. */
export function removeCustomSections(bytes: Uint8Array, names: readonly string[]): Uint8Array {
  const info = readWasm(bytes);
  const drop = info.customSections.filter((s) => names.includes(s.name));
  if (drop.length === 0) return bytes;
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const s of drop) {
    parts.push(bytes.subarray(from, s.start));
    from = s.data.byteOffset - bytes.byteOffset + s.data.length;
  }
  parts.push(bytes.subarray(from));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A new binary whose single defined memory has the given maximum page count
 * (never below its minimum): how the board makes memory.grow fail past its
 * RAM budget, as the on-board runtime's memory limit does.
 */
export function withMemoryMaximum(bytes: Uint8Array, info: WasmInfo, maxPages: number): Uint8Array {
  const sec = info.memorySection;
  if (sec === null || info.memory === null) return bytes;
  const max = Math.max(info.memory.min, Math.min(info.memory.max ?? Infinity, maxPages));
  const body = [1, 1, ...uleb(info.memory.min), ...uleb(max)];
  const section = [5, ...uleb(body.length), ...body];
  const out = new Uint8Array(bytes.length - (sec.end - sec.start) + section.length);
  out.set(bytes.subarray(0, sec.start), 0);
  out.set(section, sec.start);
  out.set(bytes.subarray(sec.end), sec.start + section.length);
  return out;
}

export function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) b |= 0x80;
    out.push(b);
  } while (value !== 0);
  return out;
}
