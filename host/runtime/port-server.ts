// Serves the host port's calls from the board: a call that stands for an
// import runs the board's own implementation of it (bound as the board binds
// it for V8, so it counts its host call and applies due inputs first), with
// the bytes it reads or writes placed in a scratch mirror of linear memory;
// the port's own calls (now, log, random outside an import) go to the board's
// clock, log and random generator directly.

import type { Board } from "../board/board.js";
import { LOG_LEVEL } from "../abi/table.js";
import { SailError } from "../errors.js";
import type { LogLevel } from "../trace/changes.js";
import { PORT_CALLS, PORT_STOPPED, type PortCall } from "./port-calls.js";

type Fn = (...args: unknown[]) => unknown;

export interface Served {
  readonly status: number;
  readonly payload: Uint8Array;
  /** What the call threw: the handler ends, and the board sees this. */
  readonly stop?: unknown;
}

const BY_NUMBER = new Map<number, PortCall>(PORT_CALLS.map((c) => [c.number, c]));
const LEVELS = new Map<number, LogLevel>([
  [LOG_LEVEL.ERROR, "E"],
  [LOG_LEVEL.WARN, "W"],
  [LOG_LEVEL.INFO, "I"],
  [LOG_LEVEL.DEBUG, "D"],
  [LOG_LEVEL.VERBOSE, "V"],
]);

export class PortServer {
  /** The scratch mirror the board's imports read and write (the executor's linearMemory). */
  mirror = new ArrayBuffer(65536);
  #hostCalls = 0;
  readonly #fns = new Map<number, Fn>();

  constructor(
    readonly board: Board,
    imports: WebAssembly.Imports,
  ) {
    for (const call of PORT_CALLS) {
      if (call.import === null) continue;
      const [module, name] = call.import.split(".") as [string, string];
      const fn = imports[module]?.[name];
      if (typeof fn === "function") this.#fns.set(call.number, fn as Fn);
    }
  }

  /** The image's memory grew: the mirror keeps its size (what the board's memory figures read). */
  noteMemory(bytes: number): void {
    if (bytes > this.mirror.byteLength) this.mirror = new ArrayBuffer(bytes);
  }

  /**
   * Charges host calls the runtime made that no served import counted (an import that faulted in the
   * core before calling its port). `serving` says whether the call being served counts one itself.
   */
  syncHostCalls(reported: number, serving: boolean): void {
    const delta = (reported - this.#hostCalls) >>> 0;
    this.#hostCalls = reported;
    for (let i = serving ? 1 : 0; i < delta; i++) this.board.cpu.hostCall();
  }

  serve(number: number, args: Uint8Array, hostCalls: number): Served {
    const call = BY_NUMBER.get(number);
    if (call === undefined) throw new SailError(`the C runtime made port call ${number}, which this emulator lacks`);
    // A port call made inside an import counted a host call; one the core made (the watchdog's clock) did not.
    const inImport = (hostCalls - this.#hostCalls) >>> 0 > 0;
    const name = call.name;
    if (name === "NOW" && !inImport) return result("l", BigInt(this.board.now));
    if (name === "RANDOM" && !inImport) return result("i", this.board.random.nextU32() | 0);
    if (name === "LOG" && !inImport) {
      const view = new DataView(args.buffer, args.byteOffset, args.byteLength);
      const len = view.getUint32(4, true);
      this.board.log(
        LEVELS.get(view.getInt32(0, true)) ?? "I",
        new TextDecoder().decode(args.subarray(8, 8 + len)),
        "app",
      );
      return result("v", 0);
    }
    const importCall =
      name === "NOW" ? "TIME_US" : name === "RANDOM" ? "RANDOM_U32" : name === "LOG" ? "LOG_WRITE" : name;
    this.syncHostCalls(hostCalls, true);
    return this.#import(importCall, call, args);
  }

  #import(importName: string, call: PortCall, args: Uint8Array): Served {
    const target = PORT_CALLS.find((c) => c.name === importName);
    const fn = target === undefined ? undefined : this.#fns.get(target.number);
    if (target === undefined || fn === undefined)
      throw new SailError(`the board has no import for the C runtime's port call ${call.name}`);
    const view = new DataView(args.buffer, args.byteOffset, args.byteLength);
    let at = 0;
    let scratch = 0;
    const values: unknown[] = [];
    const outputs: { code: "o" | "x" | "q"; ptr: number; len: number }[] = [];
    const place = (bytes: Uint8Array): number => {
      if (scratch + bytes.length > this.mirror.byteLength)
        this.mirror = new ArrayBuffer(scratch + bytes.length + 65536);
      new Uint8Array(this.mirror, scratch, bytes.length).set(bytes);
      const ptr = scratch;
      scratch += bytes.length;
      return ptr;
    };
    for (const code of call.args) {
      if (code === "i") {
        values.push(view.getInt32(at, true));
        at += 4;
      } else if (code === "l") {
        values.push(view.getBigInt64(at, true));
        at += 8;
      } else if (code === "d") {
        values.push(view.getFloat64(at, true));
        at += 8;
      } else if (code === "b" || code === "o") {
        const len = view.getUint32(at, true);
        const ptr = place(args.subarray(at + 4, at + 4 + len));
        at += 4 + len;
        values.push(ptr, len);
        if (code === "o") outputs.push({ code, ptr, len });
      } else if (code === "x") {
        const len = view.getUint32(at, true);
        const ptr = place(args.subarray(at + 4, at + 4 + len));
        at += 4 + len;
        values.push(ptr, ptr, len);
        outputs.push({ code, ptr, len });
      } else {
        const ptr = place(new Uint8Array(8));
        values.push(ptr);
        outputs.push({ code: "q", ptr, len: 8 });
      }
    }
    // The runtime's NOW, RANDOM and LOG carry the port's arguments; the imports' are the same values.
    let value: unknown;
    try {
      value = fn(...values);
    } catch (e) {
      return { status: PORT_STOPPED, payload: new Uint8Array(16), stop: e };
    }
    const parts: Uint8Array[] = [encode(target.result, value)];
    for (const out of outputs) {
      const bytes = new Uint8Array(this.mirror, out.ptr, out.len).slice();
      if (out.code === "q") parts.push(bytes);
      else parts.push(u32(out.len), bytes);
    }
    return { status: 0, payload: concat(parts) };
  }
}

function result(code: "v" | "i" | "l" | "d", value: unknown): Served {
  return { status: 0, payload: encode(code, value) };
}

function encode(code: string, value: unknown): Uint8Array {
  const view = new DataView(new ArrayBuffer(8));
  if (code === "i") {
    view.setInt32(0, Number(value) | 0, true);
    return new Uint8Array(view.buffer, 0, 4);
  }
  if (code === "l") {
    view.setBigInt64(0, BigInt.asIntN(64, typeof value === "bigint" ? value : BigInt(Number(value))), true);
    return new Uint8Array(view.buffer);
  }
  if (code === "d") {
    view.setFloat64(0, Number(value), true);
    return new Uint8Array(view.buffer);
  }
  return new Uint8Array(0);
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
