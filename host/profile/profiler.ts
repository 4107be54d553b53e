// The deterministic profiler: the profiling pass reports every wasm call and
// return, the watchdog metering counts instructions, and this charges them to
// the call stack. Per function: calls, exclusive and inclusive instructions,
// host calls. Per event type: count and instructions min/p50/p99/max. Folded
// stacks for flame graphs, and the costliest event with its call path.

import type { CostModel } from "../board/profile.js";

/** One event type: a timer and its handler, a pin edge, a MIoT request type. */
export interface EventStats {
  /** "TIMER 0 (index/tick)", "GPIO_EDGE 4 (index/onEdge)", "MIOT_GET" ... */
  readonly name: string;
  /** The firmware function that handled it (first below the dispatcher), or null. */
  readonly handler: string | null;
  readonly count: number;
  readonly instructions: { readonly min: number; readonly p50: number; readonly p99: number; readonly max: number };
  /** Estimated device time (the board's cost model), µs. */
  readonly us: { readonly min: number; readonly p50: number; readonly p99: number; readonly max: number };
}

export interface FunctionStats {
  readonly name: string;
  readonly calls: number;
  readonly exclusive: number;
  readonly inclusive: number;
  readonly hostCalls: number;
  /** Estimated cycles on the target for its exclusive work, and µs. */
  readonly cycles: number;
  readonly us: number;
}

interface Frame {
  readonly fid: number;
  readonly path: string;
  readonly startInstr: number;
}

interface EventRecord {
  instructions: number;
  calls: number;
  hostCalls: number;
}

const DISPATCHERS = /(^|\/)(sail_event|get|set|act)$/;
/** Files of the SDK and of AssemblyScript's runtime: an event's handler is the first function outside them. */
const LIBRARY_FILES = new Set([
  "events", "gpio", "pwm", "adc", "timer", "log", "time", "system", "miot", "text", "bindings",
  "stub", "tlsf", "itcms", "tcms", "rt", "string", "array", "staticarray", "memory", "util", "number", "math", "typedarray", "arraybuffer", "map", "set", "error",
]);

function isLibrary(name: string): boolean {
  const slash = name.indexOf("/");
  return name.startsWith("~") || (slash > 0 && LIBRARY_FILES.has(name.slice(0, slash)));
}

export class Profiler {
  readonly #calls: number[];
  readonly #exclusive: number[];
  readonly #inclusive: number[];
  readonly #hostCalls: number[];
  readonly #active: number[];
  readonly #folded = new Map<string, number>();
  readonly #events = new Map<string, { handler: string | null; records: EventRecord[] }>();
  #stack: Frame[] = [];
  #mark = 0;
  #label = "";
  #handler: string | null = null;
  #event: EventRecord = { instructions: 0, calls: 0, hostCalls: 0 };
  #eventPaths = new Map<string, number>();
  #costliest: { name: string; instructions: number; paths: Map<string, number> } | null = null;
  /** Deepest wasm call stack seen. */
  maxDepth = 0;

  constructor(readonly names: readonly string[], readonly cost: CostModel, readonly cpuMhz: number) {
    const zeros = (): number[] => names.map(() => 0);
    this.#calls = zeros();
    this.#exclusive = zeros();
    this.#inclusive = zeros();
    this.#hostCalls = zeros();
    this.#active = zeros();
  }

  /** An event starts; `instructions` is the metering's running total. */
  beginEvent(label: string, instructions: number): void {
    this.#label = label;
    this.#handler = null;
    this.#stack = [];
    this.#mark = instructions;
    this.#event = { instructions: 0, calls: 0, hostCalls: 0 };
    this.#eventPaths = new Map();
  }

  endEvent(instructions: number): void {
    this.#charge(instructions);
    // Frames a trap left open still ran until now.
    while (this.#stack.length > 0) this.#pop(instructions);
    const name = eventGroup(this.#label, this.#handler);
    let group = this.#events.get(name);
    if (group === undefined) {
      group = { handler: this.#handler, records: [] };
      this.#events.set(name, group);
    }
    group.records.push(this.#event);
    if (this.#costliest === null || this.#event.instructions > this.#costliest.instructions) {
      this.#costliest = { name, instructions: this.#event.instructions, paths: this.#eventPaths };
    }
  }

  enter(fid: number, instructions: number): void {
    this.#charge(instructions);
    const parent = this.#stack[this.#stack.length - 1];
    const name = this.names[fid] ?? `#${fid}`;
    if (this.#handler === null && !DISPATCHERS.test(name) && !isLibrary(name)) this.#handler = name;
    this.#stack.push({ fid, path: `${parent?.path ?? this.#label};${name}`, startInstr: instructions });
    this.#calls[fid] = (this.#calls[fid] ?? 0) + 1;
    this.#active[fid] = (this.#active[fid] ?? 0) + 1;
    this.#event.calls++;
    if (this.#stack.length > this.maxDepth) this.maxDepth = this.#stack.length;
  }

  exit(fid: number, instructions: number): void {
    this.#charge(instructions);
    const top = this.#stack[this.#stack.length - 1];
    if (top?.fid === fid) this.#pop(instructions);
  }

  hostCall(): void {
    this.#event.hostCalls++;
    const top = this.#stack[this.#stack.length - 1];
    if (top !== undefined) this.#hostCalls[top.fid] = (this.#hostCalls[top.fid] ?? 0) + 1;
  }

  #pop(instructions: number): void {
    const frame = this.#stack.pop() as Frame;
    this.#active[frame.fid] = (this.#active[frame.fid] ?? 1) - 1;
    // Recursion: only the outermost frame adds to inclusive.
    if (this.#active[frame.fid] === 0) this.#inclusive[frame.fid] = (this.#inclusive[frame.fid] ?? 0) + instructions - frame.startInstr;
    this.#mark = instructions;
  }

  /** Charges instructions since the last mark to the frame on top (or the event itself). */
  #charge(instructions: number): void {
    const n = instructions - this.#mark;
    this.#mark = instructions;
    if (n <= 0) return;
    this.#event.instructions += n;
    const top = this.#stack[this.#stack.length - 1];
    if (top !== undefined) this.#exclusive[top.fid] = (this.#exclusive[top.fid] ?? 0) + n;
    const path = top?.path ?? this.#label;
    this.#folded.set(path, (this.#folded.get(path) ?? 0) + n);
    this.#eventPaths.set(path, (this.#eventPaths.get(path) ?? 0) + n);
  }

  // --- reports -----------------------------------------------------------------

  #cycles(instructions: number, calls: number, hostCalls: number): number {
    return instructions * this.cost.cyclesPerInstruction + calls * this.cost.cyclesPerCall + hostCalls * this.cost.cyclesPerHostCall;
  }

  functions(): FunctionStats[] {
    return this.names.map((name, fid) => {
      const calls = this.#calls[fid] ?? 0;
      const exclusive = this.#exclusive[fid] ?? 0;
      const hostCalls = this.#hostCalls[fid] ?? 0;
      const cycles = this.#cycles(exclusive, calls, hostCalls);
      return { name, calls, exclusive, inclusive: this.#inclusive[fid] ?? 0, hostCalls, cycles, us: cycles / this.cpuMhz };
    }).filter((f) => f.calls > 0).sort((a, b) => b.exclusive - a.exclusive || a.name.localeCompare(b.name));
  }

  events(): EventStats[] {
    return [...this.#events].map(([name, { handler, records }]) => {
      const instr = records.map((r) => r.instructions).sort((a, b) => a - b);
      const us = records.map((r) => this.#cycles(r.instructions, r.calls, r.hostCalls) / this.cpuMhz).sort((a, b) => a - b);
      return { name, handler, count: records.length, instructions: quantiles(instr), us: quantiles(us) };
    }).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Folded stacks ("EVENT;fn;fn count"), instructions as the count. */
  folded(): { frames: string[]; count: number }[] {
    return [...this.#folded].map(([path, count]) => ({ frames: path.split(";"), count }));
  }

  /** The single most expensive event and its heaviest call path. */
  costliest(): { name: string; instructions: number; path: string[] } | null {
    const c = this.#costliest;
    if (c === null) return null;
    let heaviest = "";
    let most = -1;
    for (const [path, n] of c.paths) if (n > most || (n === most && path < heaviest)) { heaviest = path; most = n; }
    return { name: c.name, instructions: c.instructions, path: heaviest.split(";") };
  }
}

function eventGroup(label: string, handler: string | null): string {
  const kind = label.split(" ")[0] ?? label;
  if (kind.startsWith("MIOT_")) return kind;
  const base = label.replace(/ \(GPIO \d+\)$/, "");
  return handler === null ? base : `${base} (${handler})`;
}

function quantiles(sorted: readonly number[]): { min: number; p50: number; p99: number; max: number } {
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)] ?? 0;
  return { min: sorted[0] ?? 0, p50: at(50), p99: at(99), max: sorted[sorted.length - 1] ?? 0 };
}
