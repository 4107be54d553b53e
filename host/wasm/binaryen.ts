// The part of binaryen.js Sail uses, typed as the runtime really behaves (its
// bundled .d.ts disagrees: readBinary takes features as a 2nd argument, the
// Block/Loop/If wrapper classes are missing, i64.const takes one BigInt).
// Loaded lazily: importing binaryen takes a few hundred milliseconds.

export type ExpressionRef = number;
export type FunctionRef = number;
export type TypeRef = number;

export interface ExpressionInfo {
  readonly id: number;
  readonly type: TypeRef;
  readonly [field: string]: unknown;
}

export interface BinaryenModule {
  getNumFunctions(): number;
  getFunctionByIndex(index: number): FunctionRef;
  getNumGlobals(): number;
  getGlobalByIndex(index: number): number;
  getNumExports(): number;
  getExportByIndex(index: number): number;
  addGlobal(name: string, type: TypeRef, mutable: boolean, init: ExpressionRef): number;
  addGlobalExport(internalName: string, externalName: string): number;
  addFunction(
    name: string,
    params: TypeRef,
    results: TypeRef,
    vars: readonly TypeRef[],
    body: ExpressionRef,
  ): FunctionRef;
  nop(): ExpressionRef;
  addFunctionImport(internalName: string, module: string, base: string, params: TypeRef, results: TypeRef): void;
  setFeatures(features: number): void;
  validate(): number;
  emitBinary(): Uint8Array;
  dispose(): void;
  block(label: string | null, children: readonly ExpressionRef[], type?: TypeRef): ExpressionRef;
  if(condition: ExpressionRef, ifTrue: ExpressionRef, ifFalse?: ExpressionRef): ExpressionRef;
  call(name: string, operands: readonly ExpressionRef[], type: TypeRef): ExpressionRef;
  readonly global: {
    get(name: string, type: TypeRef): ExpressionRef;
    set(name: string, value: ExpressionRef): ExpressionRef;
  };
  readonly i32: {
    const(value: number): ExpressionRef;
    sub(a: ExpressionRef, b: ExpressionRef): ExpressionRef;
    add(a: ExpressionRef, b: ExpressionRef): ExpressionRef;
    lt_s(a: ExpressionRef, b: ExpressionRef): ExpressionRef;
  };
}

export interface Binaryen {
  readonly Module: new () => BinaryenModule;
  readBinary(bytes: Uint8Array, features?: number): BinaryenModule;
  setDebugInfo(on: boolean): void;
  getFunctionInfo(f: FunctionRef): {
    readonly name: string;
    readonly module: string;
    readonly base: string;
    readonly params: TypeRef;
    readonly results: TypeRef;
    readonly vars: readonly TypeRef[];
    readonly body: ExpressionRef;
  };
  getGlobalInfo(g: number): {
    readonly name: string;
    readonly module: string;
    readonly base: string;
    readonly type: TypeRef;
    readonly mutable: boolean;
  };
  getExportInfo(e: number): { readonly kind: number; readonly name: string; readonly value: string };
  getExpressionId(e: ExpressionRef): number;
  getExpressionType(e: ExpressionRef): TypeRef;
  getExpressionInfo(e: ExpressionRef): ExpressionInfo;
  expandType(t: TypeRef): readonly TypeRef[];
  readonly Function: { setBody(f: FunctionRef, body: ExpressionRef): void };
  readonly Loop: { setBody(loop: ExpressionRef, body: ExpressionRef): void };
  readonly Block: {
    getChildAt(block: ExpressionRef, index: number): ExpressionRef;
    setChildAt(block: ExpressionRef, index: number, child: ExpressionRef): void;
  };
  readonly If: {
    setCondition(e: ExpressionRef, condition: ExpressionRef): void;
    setIfTrue(e: ExpressionRef, arm: ExpressionRef): void;
    setIfFalse(e: ExpressionRef, arm: ExpressionRef): void;
  };
  readonly ExpressionIds: Readonly<Record<string, number>>;
  readonly Features: Readonly<Record<string, number>>;
  readonly ExternalGlobal: number;
  readonly none: TypeRef;
  readonly i32: TypeRef;
  readonly i64: TypeRef;
  readonly v128: TypeRef;
  readonly auto: TypeRef;
  readonly unreachable: TypeRef;
  readonly [op: string]: unknown;
}

import { ImageError } from "../errors.js";
import { removeCustomSections } from "./binary.js";

let loaded: Binaryen | null = null;

export async function loadBinaryen(): Promise<Binaryen> {
  if (loaded === null) {
    const mod = await import("binaryen");
    loaded = mod.default as unknown as Binaryen;
  }
  return loaded;
}

/** An operator constant such as `ExtendS8Int32`, checked to exist. */
export function opConstant(b: Binaryen, name: string): number {
  const v = b[name];
  if (typeof v !== "number") throw new Error(`binaryen has no operator ${name}`);
  return v;
}

/**
 * Runs `fn` with binaryen's console output captured: validation prints
 * straight to stdout/stderr. Returns what it printed.
 */
export function captureOutput<T>(fn: () => T): { result: T; output: string } {
  const chunks: string[] = [];
  // The original methods, put back unchanged afterwards (never called unbound).
  // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be restored, not called
  const out = process.stdout.write;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be restored, not called
  const err = process.stderr.write;
  const sink = ((chunk: string | Uint8Array): boolean => {
    chunks.push(typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk));
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = sink;
  process.stderr.write = sink;
  try {
    return { result: fn(), output: chunks.join("") };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/**
 * binaryen buffers what it prints to stderr until a newline, and its parse
 * errors and name-section warnings end without one: they would come out in
 * some later output, or at exit. Validating a module known to be invalid
 * prints a line, which brings them out inside the caller's capture.
 */
function flushPrinted(b: Binaryen): void {
  if (flushModule === null) {
    flushModule = new b.Module(); // kept: one module, validated again at each flush
    flushModule.addFunction("flush", b.none, b.i32, [], flushModule.nop());
  }
  flushModule.validate();
}
let flushModule: BinaryenModule | null = null;

const PARSE_EXCEPTION = /\[parse exception: ([^\]]*?)(?: \(at \d+:(\d+)\))?\]/;

/**
 * binaryen's `readBinary`, refusing what it cannot parse with one ImageError
 * naming `file`, the part of the image and the fix. binaryen throws a plain
 * object (`{ message: "error in parsing wasm binary" }`, printed as
 * "[object Object]") and prints the reason itself; V8 accepts some images
 * binaryen cannot read, a damaged name section above all, so every reader
 * goes through here. The warnings binaryen prints for odd but readable name
 * sections are swallowed: the image runs the same without those names.
 */
export function readModule(b: Binaryen, bytes: Uint8Array, file: string): BinaryenModule {
  const all = b.Features["All"];
  if (all === undefined) throw new Error("binaryen has no feature set All");
  const attempt = (image: Uint8Array): { module: BinaryenModule | null; output: string } => {
    const { result, output } = captureOutput(() => {
      try {
        return b.readBinary(image, all);
      } catch {
        return null; // not an Error: what went wrong is in the output
      } finally {
        flushPrinted(b);
      }
    });
    return { module: result, output };
  };
  const first = attempt(bytes);
  if (first.module !== null) return first.module;
  const found = PARSE_EXCEPTION.exec(first.output);
  const reason =
    found === null ? "it is not a module binaryen can parse" : `${found[1] ?? ""} at byte ${found[2] ?? "?"}`;
  const withoutNames = attempt(removeCustomSections(bytes, ["name"]));
  if (withoutNames.module !== null) {
    withoutNames.module.dispose();
    throw new ImageError(
      file,
      `the name section (custom section "name": function and local names) is damaged (${reason}): ` +
        `rebuild the image with sail build, or remove its name section`,
    );
  }
  throw new ImageError(
    file,
    `cannot be read by the metering and profiling tools (${reason}): rebuild it with sail build`,
  );
}

/**
 * Runs binaryen work on the image `file`; what binaryen throws that is not an
 * Error (a plain object, after printing why) becomes an ImageError naming the
 * file, the work and the fix. A name section can name a global or function
 * as Sail's own additions are named (`sail_fuel`), and binaryen refuses the
 * clash that way.
 */
export async function inBinaryen<T>(file: string, work: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Error) throw e;
    const b = loaded;
    const printed = b === null ? "" : captureOutput(() => flushPrinted(b)).output;
    const fatal = /Fatal: ([^\n[]*)/.exec(printed)?.[1]?.trim();
    throw new ImageError(
      file,
      `${work} failed inside binaryen${fatal === undefined ? "" : ` (${fatal})`}: a name in its name section ` +
        `may clash with one Sail adds; rebuild the image with sail build`,
    );
  }
}
