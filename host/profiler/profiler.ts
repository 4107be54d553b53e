// The deterministic profiler: the profiling pass reports every wasm call and
// return, the watchdog metering counts instructions, and this charges them to
// the call stack. Per function: calls, exclusive and inclusive instructions,
// host calls. Per event type: count and instructions min/p50/p99/max. Folded
// stacks for flame graphs, and the costliest event with its call path.

import { estimateCycles, type CostModel } from "../boards/profile.js";

/** One event type: a timer and its handler, a pin edge, a MIoT request type. */
export interface EventStats {
  /** "TIMER 0 (index/tick)", "GPIO_EDGE 4 (index/onEdge)", "MIOT_GET" ... */
  readonly name: string;
  /** The firmware function that handled it (first below the dispatcher), or null. */
  readonly handler: string | null;
  /** The function with the most exclusive instructions in these events. */
  readonly hottest: string | null;
  readonly count: number;
  readonly instructions: { readonly min: number; readonly p50: number; readonly p99: number; readonly max: number };
  /** Device time the board charged (its cost model, plus time blocked in delay_us), µs: an estimate. */
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

/** A call path: the event (root) and the functions called, one node per distinct path. */
interface PathNode {
  readonly name: string;
  readonly parent: PathNode | null;
  readonly children: Map<number, PathNode>;
  /** Instructions charged here over the whole run (exclusive). */
  count: number;
  /** The same for the event being handled; valid when `epoch` is the current event's. */
  eventCount: number;
  epoch: number;
}

interface Frame {
  readonly fid: number;
  readonly node: PathNode;
  readonly startInstr: number;
}

/** Per event type, the figures of each occurrence, kept in flat arrays. */
interface EventGroup {
  readonly handler: string | null;
  readonly instructions: number[];
  readonly us: number[];
  /** Raw event labels (call-path roots) seen in this group: where its hottest function is found. */
  readonly labels: Set<string>;
  lastLabel: string;
}

/** The SDK's and the generated bindings' dispatch functions (bindings are generated as spec.ts). */
const DISPATCHERS = /(^|\/)sail_event$|^spec\/(get|set|act)$/;
/** Files of the SDK and of AssemblyScript's runtime: an event's handler is the first function outside them. */
const LIBRARY_FILES = new Set([
  "events",
  "gpio",
  "pwm",
  "adc",
  "timer",
  "log",
  "time",
  "system",
  "miot",
  "text",
  "bindings",
  "stub",
  "tlsf",
  "itcms",
  "tcms",
  "rt",
  "string",
  "array",
  "staticarray",
  "memory",
  "util",
  "number",
  "math",
  "typedarray",
  "arraybuffer",
  "map",
  "set",
  "error",
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
  readonly #library: boolean[];
  readonly #roots = new Map<string, PathNode>();
  readonly #groups = new Map<string, EventGroup>();
  /** Group name by event label, then by handler: computed once. */
  readonly #groupNames = new Map<string, Map<string | null, string>>();
  #stack: Frame[] = [];
  #root: PathNode = newNode("", null);
  #mark = 0;
  #label = "";
  #handler: string | null = null;
  #epoch = 0;
  #touched: PathNode[] = [];
  #eventInstructions = 0;
  #costliest: { name: string; instructions: number; path: string[] } | null = null;
  /** Deepest wasm call stack seen. */
  maxDepth = 0;

  constructor(
    readonly names: readonly string[],
    readonly cost: CostModel,
    readonly cpuMhz: number,
  ) {
    const zeros = (): number[] => names.map(() => 0);
    this.#calls = zeros();
    this.#exclusive = zeros();
    this.#inclusive = zeros();
    this.#hostCalls = zeros();
    this.#active = zeros();
    this.#library = names.map((n) => DISPATCHERS.test(n) || isLibrary(n));
  }

  /** An event starts; `instructions` is the metering's running total. */
  beginEvent(label: string, instructions: number): void {
    this.#label = label;
    this.#handler = null;
    this.#stack.length = 0;
    this.#mark = instructions;
    this.#epoch++;
    this.#touched.length = 0;
    this.#eventInstructions = 0;
    let root = this.#roots.get(label);
    if (root === undefined) {
      root = newNode(label, null);
      this.#roots.set(label, root);
    }
    this.#root = root;
  }

  /** The event ends; `deviceUs` is the device time the board charged for it. */
  endEvent(instructions: number, deviceUs: number): void {
    this.#charge(instructions);
    // Frames a trap left open still ran until now.
    while (this.#stack.length > 0) this.#pop(instructions);
    const name = this.#groupName(this.#label, this.#handler);
    let group = this.#groups.get(name);
    if (group === undefined) {
      group = { handler: this.#handler, instructions: [], us: [], labels: new Set(), lastLabel: "" };
      this.#groups.set(name, group);
    }
    group.instructions.push(this.#eventInstructions);
    group.us.push(deviceUs);
    if (group.lastLabel !== this.#label) {
      group.labels.add(this.#label);
      group.lastLabel = this.#label;
    }
    if (this.#costliest === null || this.#eventInstructions > this.#costliest.instructions) {
      this.#costliest = { name, instructions: this.#eventInstructions, path: this.#heaviestPath() };
    }
  }

  enter(fid: number, instructions: number): void {
    this.#charge(instructions);
    const parent = this.#stack[this.#stack.length - 1]?.node ?? this.#root;
    let node = parent.children.get(fid);
    if (node === undefined) {
      node = newNode(this.names[fid] ?? `#${fid}`, parent);
      parent.children.set(fid, node);
    }
    if (this.#handler === null && this.#library[fid] === false) this.#handler = node.name;
    this.#stack.push({ fid, node, startInstr: instructions });
    this.#calls[fid] = (this.#calls[fid] ?? 0) + 1;
    this.#active[fid] = (this.#active[fid] ?? 0) + 1;
    if (this.#stack.length > this.maxDepth) this.maxDepth = this.#stack.length;
  }

  exit(fid: number, instructions: number): void {
    this.#charge(instructions);
    if (this.#stack[this.#stack.length - 1]?.fid === fid) this.#pop(instructions);
  }

  hostCall(): void {
    const top = this.#stack[this.#stack.length - 1];
    if (top !== undefined) this.#hostCalls[top.fid] = (this.#hostCalls[top.fid] ?? 0) + 1;
  }

  #pop(instructions: number): void {
    const frame = this.#stack.pop() as Frame;
    this.#active[frame.fid] = (this.#active[frame.fid] ?? 1) - 1;
    // Recursion: only the outermost frame adds to inclusive.
    if (this.#active[frame.fid] === 0)
      this.#inclusive[frame.fid] = (this.#inclusive[frame.fid] ?? 0) + instructions - frame.startInstr;
    this.#mark = instructions;
  }

  /** Charges instructions since the last mark to the frame on top (or the event itself). */
  #charge(instructions: number): void {
    const n = instructions - this.#mark;
    this.#mark = instructions;
    if (n <= 0) return;
    this.#eventInstructions += n;
    const top = this.#stack[this.#stack.length - 1];
    if (top !== undefined) this.#exclusive[top.fid] = (this.#exclusive[top.fid] ?? 0) + n;
    const node = top?.node ?? this.#root;
    node.count += n;
    if (node.epoch !== this.#epoch) {
      node.epoch = this.#epoch;
      node.eventCount = 0;
      this.#touched.push(node);
    }
    node.eventCount += n;
  }

  /** The path that took most of the current event's instructions. */
  #heaviestPath(): string[] {
    let best: PathNode | null = null;
    for (const node of this.#touched) {
      if (best === null || node.eventCount > best.eventCount) best = node;
    }
    const path: string[] = [];
    for (let n = best; n !== null; n = n.parent) path.unshift(n.name);
    return path;
  }

  #groupName(label: string, handler: string | null): string {
    let byHandler = this.#groupNames.get(label);
    if (byHandler === undefined) {
      byHandler = new Map();
      this.#groupNames.set(label, byHandler);
    }
    let name = byHandler.get(handler);
    if (name === undefined) {
      name = eventGroup(label, handler);
      byHandler.set(handler, name);
    }
    return name;
  }

  // --- reports -----------------------------------------------------------------

  #cycles(instructions: number, calls: number, hostCalls: number): number {
    return estimateCycles(this.cost, instructions, calls, hostCalls);
  }

  functions(): FunctionStats[] {
    return this.names
      .map((name, fid) => {
        const calls = this.#calls[fid] ?? 0;
        const exclusive = this.#exclusive[fid] ?? 0;
        const hostCalls = this.#hostCalls[fid] ?? 0;
        const cycles = this.#cycles(exclusive, calls, hostCalls);
        return {
          name,
          calls,
          exclusive,
          inclusive: this.#inclusive[fid] ?? 0,
          hostCalls,
          cycles,
          us: cycles / this.cpuMhz,
        };
      })
      .filter((f) => f.calls > 0)
      .sort((a, b) => b.exclusive - a.exclusive || a.name.localeCompare(b.name));
  }

  events(): EventStats[] {
    return [...this.#groups]
      .map(([name, g]) => {
        const instr = [...g.instructions].sort((a, b) => a - b);
        const us = [...g.us].sort((a, b) => a - b);
        const byFunction = new Map<string, number>();
        const add = (node: PathNode): void => {
          byFunction.set(node.name, (byFunction.get(node.name) ?? 0) + node.count);
          for (const child of node.children.values()) add(child);
        };
        for (const label of g.labels) for (const child of this.#roots.get(label)?.children.values() ?? []) add(child);
        let hottest: string | null = null;
        for (const [fn, n] of byFunction) if (hottest === null || n > (byFunction.get(hottest) ?? 0)) hottest = fn;
        return {
          name,
          handler: g.handler,
          hottest,
          count: instr.length,
          instructions: quantiles(instr),
          us: quantiles(us),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Folded stacks ("EVENT;fn;fn count"), instructions as the count. */
  folded(): { frames: string[]; count: number }[] {
    const out: { frames: string[]; count: number }[] = [];
    const walk = (node: PathNode, frames: string[]): void => {
      if (node.count > 0) out.push({ frames, count: node.count });
      for (const child of node.children.values()) walk(child, [...frames, child.name]);
    };
    for (const root of this.#roots.values()) walk(root, [root.name]);
    return out;
  }

  /** The single most expensive event and its heaviest call path. */
  costliest(): { name: string; instructions: number; path: string[] } | null {
    return this.#costliest;
  }
}

function newNode(name: string, parent: PathNode | null): PathNode {
  return { name, parent, children: new Map(), count: 0, eventCount: 0, epoch: 0 };
}

function eventGroup(label: string, handler: string | null): string {
  const kind = label.split(" ")[0] ?? label;
  // MIoT requests by type (and handler), not by property.
  const base = kind.startsWith("MIOT_") ? kind : label.replace(/ \(GPIO \d+\)$/, "");
  return handler === null ? base : `${base} (${handler})`;
}

function quantiles(sorted: readonly number[]): { min: number; p50: number; p99: number; max: number } {
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)] ?? 0;
  return { min: sorted[0] ?? 0, p50: at(50), p99: at(99), max: sorted[sorted.length - 1] ?? 0 };
}
