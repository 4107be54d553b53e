// The C runtime as a firmware executor: the board boots it as it boots V8
// (the same runner, clock, timers, watchdog rules and resets), but the image
// runs in the C runtime's process, whose core calls its port, and the host
// port brings each port call here over the pipe. A call that stands for an
// import is served by the board's own implementation of that import, so no
// model exists twice; the instruction and call counters each request
// carries drive the board's clock (docs/runtime.md, "Co-simulation").

import type { Board } from "../board/board.js";
import type { FirmwareExecutor, InstructionCounters } from "../firmware/executor.js";
import { FirmwareStop, WatchdogBite, type ResetReason } from "../firmware/faults.js";
import type { FlashedImage } from "../flash/flash.js";
import { RESET_REASON } from "../abi/table.js";
import { SailError } from "../errors.js";
import { RuntimePipe } from "./pipe.js";
import { PortServer } from "./port-server.js";
import { PORT_CALLS } from "./port-calls.js";
import type { HostRuntime } from "./wasm2c.js";

const CALL = Object.fromEntries(PORT_CALLS.map((c) => [c.name, c.number])) as Readonly<Record<string, number>>;

/** V8's words for each canonical trap kind (docs/decisions.md D47), so the board records what V8 would. */
export const V8_TRAP_MESSAGES: readonly string[] = [
  "",
  "unreachable",
  "memory access out of bounds",
  "divide by zero",
  "divide result unrepresentable",
  "float unrepresentable in integer range",
  "null function or function signature mismatch",
  "",
  "trap",
];
const TRAP_STACK = 7;

/** The C runtime's executors for one board: one process per boot, the last one closed by `close()`. */
export class CRuntimeExecutors {
  #pipe: RuntimePipe | null = null;
  /** Frames exchanged, for the bench. */
  frames = 0;

  /** `build` gives the runtime program for the code the board runs (host/runtime/wasm2c.ts caches it). */
  constructor(
    readonly build: (code: Uint8Array) => HostRuntime,
    readonly board: () => Board,
  ) {}

  /** The board's executor factory (BoardOptions.executor). */
  readonly start = (image: FlashedImage, imports: WebAssembly.Imports): FirmwareExecutor => {
    this.close();
    const runtime = this.build(image.code);
    const pipe = (this.#pipe = new RuntimePipe(runtime.program, runtime.args, runtime.pipeArgs));
    return new CRuntimeExecutor(pipe, this.board(), imports, () => this.frames++).executor;
  };

  close(): void {
    this.#pipe?.close();
    this.#pipe = null;
  }
}

class CRuntimeExecutor {
  readonly counters: InstructionCounters = { instructions: { value: 0 }, calls: { value: 0 } };
  readonly #server: PortServer;
  /** What ended the running handler (thrown by a served import, or reported by the runtime's panic). */
  #stop: unknown = null;
  #hasStop = false;

  constructor(
    readonly pipe: RuntimePipe,
    readonly board: Board,
    imports: WebAssembly.Imports,
    readonly counted: () => void,
  ) {
    this.#server = new PortServer(board, imports);
    const hello = pipe.read();
    if (hello.call !== CALL["HELLO"])
      throw new SailError(`the C runtime began with port call ${hello.call}, not HELLO`);
    const config = new DataView(new ArrayBuffer(28));
    config.setBigInt64(0, BigInt(board.cpu.watchdogUs), true);
    config.setFloat64(8, board.profile.interpreter.cost.cyclesPerInstruction, true);
    config.setFloat64(16, board.cpu.cpuMhz, true);
    config.setInt32(24, board.profile.app.ramBytes, true);
    pipe.reply(hello.sequence, 0, new Uint8Array(config.buffer));
  }

  get executor(): FirmwareExecutor {
    return {
      start: () => void this.#handler(null),
      setup: () => void this.#handler(null),
      event: (kind, id, a, b) => this.#handler([kind, id, a, b]),
      // The runtime's core runs __collect after each handler itself, inside the handler's time.
      collect: null,
      linearMemory: () => this.#server.mirror,
      exchangeBuffer: null,
      fuel: null,
      counters: this.counters,
    };
  }

  /** Serves the runtime's port calls until its handler ends; delivers `event` to a waiting runtime first. */
  #handler(event: readonly [number, number, bigint, bigint] | null): number {
    this.#stop = null;
    this.#hasStop = false;
    for (;;) {
      const request = this.pipe.read();
      this.counted();
      const payload = new DataView(request.payload.buffer, request.payload.byteOffset, request.payload.byteLength);
      this.counters.instructions.value = Number(request.instructions & 0xffffffffn);
      this.counters.calls.value = payload.getUint32(0, true);
      const hostCalls = payload.getUint32(4, true);
      const args = request.payload.subarray(8);
      if (request.call === CALL["WAIT"]) {
        if (event === null) throw new SailError("the C runtime waits for an event where a handler should run");
        const reply = new DataView(new ArrayBuffer(24));
        reply.setInt32(0, event[0], true);
        reply.setInt32(4, event[1], true);
        reply.setBigInt64(8, event[2], true);
        reply.setBigInt64(16, event[3], true);
        this.pipe.reply(request.sequence, 0, new Uint8Array(reply.buffer));
        event = null;
        continue;
      }
      if (request.call === CALL["HANDLER_END"]) {
        const end = new DataView(args.buffer, args.byteOffset, args.byteLength);
        this.#server.noteMemory(end.getUint32(4, true));
        this.#server.syncHostCalls(hostCalls, false);
        this.pipe.reply(request.sequence, 0, new Uint8Array(0));
        this.#throwStop();
        return end.getInt32(0, true);
      }
      if (request.call === CALL["PANIC"]) {
        this.#server.syncHostCalls(hostCalls, false);
        this.#setStop(panic(args));
        this.pipe.reply(request.sequence, 0, new Uint8Array(0));
        continue;
      }
      const served = this.#server.serve(request.call, args, hostCalls);
      if (served.stop !== undefined) this.#setStop(served.stop);
      this.pipe.reply(request.sequence, served.status, served.payload);
    }
  }

  /** Throws what ended the handler, if anything did (the board classifies it as it would V8's). */
  #throwStop(): void {
    if (this.#hasStop) throw this.#stop;
  }

  #setStop(stop: unknown): void {
    if (this.#hasStop) return;
    this.#hasStop = true;
    this.#stop = stop;
  }
}

const REASON_NAMES = new Map<number, ResetReason>(
  Object.entries(RESET_REASON).map(([name, code]) => [code, name as ResetReason]),
);

/** The error the board would have seen from V8 for what the runtime reported. */
function panic(args: Uint8Array): Error {
  const view = new DataView(args.buffer, args.byteOffset, args.byteLength);
  const reason = REASON_NAMES.get(view.getInt32(0, true)) ?? "PANIC";
  const trap = view.getInt32(4, true);
  const length = view.getUint32(8, true);
  const message = new TextDecoder().decode(args.subarray(12, 12 + length));
  if (trap === TRAP_STACK) return new RangeError("Maximum call stack size exceeded");
  if (trap !== 0) return new WebAssembly.RuntimeError(V8_TRAP_MESSAGES[trap] ?? "trap");
  if (reason === "TASK_WDT") return new WatchdogBite(message);
  return new FirmwareStop(reason, message);
}
