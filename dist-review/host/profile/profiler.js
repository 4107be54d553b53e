// The deterministic profiler: the profiling pass reports every wasm call and
// return, the watchdog metering counts instructions, and this charges them to
// the call stack. Per function: calls, exclusive and inclusive instructions,
// host calls. Per event type: count and instructions min/p50/p99/max. Folded
// stacks for flame graphs, and the costliest event with its call path.
const DISPATCHERS = /(^|\/)(sail_event|get|set|act)$/;
/** Files of the SDK and of AssemblyScript's runtime: an event's handler is the first function outside them. */
const LIBRARY_FILES = new Set([
    "events", "gpio", "pwm", "adc", "timer", "log", "time", "system", "miot", "text", "bindings",
    "stub", "tlsf", "itcms", "tcms", "rt", "string", "array", "staticarray", "memory", "util", "number", "math", "typedarray", "arraybuffer", "map", "set", "error",
]);
function isLibrary(name) {
    const slash = name.indexOf("/");
    return name.startsWith("~") || (slash > 0 && LIBRARY_FILES.has(name.slice(0, slash)));
}
export class Profiler {
    names;
    cost;
    cpuMhz;
    #calls;
    #exclusive;
    #inclusive;
    #hostCalls;
    #active;
    #library;
    #roots = new Map();
    #groups = new Map();
    /** Group name by event label, then by handler: computed once. */
    #groupNames = new Map();
    #stack = [];
    #root = newNode("", null);
    #mark = 0;
    #label = "";
    #handler = null;
    #epoch = 0;
    #touched = [];
    #eventInstructions = 0;
    #eventCalls = 0;
    #eventHostCalls = 0;
    #costliest = null;
    /** Deepest wasm call stack seen. */
    maxDepth = 0;
    constructor(names, cost, cpuMhz) {
        this.names = names;
        this.cost = cost;
        this.cpuMhz = cpuMhz;
        const zeros = () => names.map(() => 0);
        this.#calls = zeros();
        this.#exclusive = zeros();
        this.#inclusive = zeros();
        this.#hostCalls = zeros();
        this.#active = zeros();
        this.#library = names.map((n) => DISPATCHERS.test(n) || isLibrary(n));
    }
    /** An event starts; `instructions` is the metering's running total. */
    beginEvent(label, instructions) {
        this.#label = label;
        this.#handler = null;
        this.#stack.length = 0;
        this.#mark = instructions;
        this.#epoch++;
        this.#touched.length = 0;
        this.#eventInstructions = 0;
        this.#eventCalls = 0;
        this.#eventHostCalls = 0;
        let root = this.#roots.get(label);
        if (root === undefined) {
            root = newNode(label, null);
            this.#roots.set(label, root);
        }
        this.#root = root;
    }
    endEvent(instructions) {
        this.#charge(instructions);
        // Frames a trap left open still ran until now.
        while (this.#stack.length > 0)
            this.#pop(instructions);
        const name = this.#groupName(this.#label, this.#handler);
        let group = this.#groups.get(name);
        if (group === undefined) {
            group = { handler: this.#handler, instructions: [], calls: [], hostCalls: [] };
            this.#groups.set(name, group);
        }
        group.instructions.push(this.#eventInstructions);
        group.calls.push(this.#eventCalls);
        group.hostCalls.push(this.#eventHostCalls);
        if (this.#costliest === null || this.#eventInstructions > this.#costliest.instructions) {
            this.#costliest = { name, instructions: this.#eventInstructions, path: this.#heaviestPath() };
        }
    }
    enter(fid, instructions) {
        this.#charge(instructions);
        const parent = this.#stack[this.#stack.length - 1]?.node ?? this.#root;
        let node = parent.children.get(fid);
        if (node === undefined) {
            node = newNode(this.names[fid] ?? `#${fid}`, parent);
            parent.children.set(fid, node);
        }
        if (this.#handler === null && this.#library[fid] === false)
            this.#handler = node.name;
        this.#stack.push({ fid, node, startInstr: instructions });
        this.#calls[fid] = (this.#calls[fid] ?? 0) + 1;
        this.#active[fid] = (this.#active[fid] ?? 0) + 1;
        this.#eventCalls++;
        if (this.#stack.length > this.maxDepth)
            this.maxDepth = this.#stack.length;
    }
    exit(fid, instructions) {
        this.#charge(instructions);
        if (this.#stack[this.#stack.length - 1]?.fid === fid)
            this.#pop(instructions);
    }
    hostCall() {
        this.#eventHostCalls++;
        const top = this.#stack[this.#stack.length - 1];
        if (top !== undefined)
            this.#hostCalls[top.fid] = (this.#hostCalls[top.fid] ?? 0) + 1;
    }
    #pop(instructions) {
        const frame = this.#stack.pop();
        this.#active[frame.fid] = (this.#active[frame.fid] ?? 1) - 1;
        // Recursion: only the outermost frame adds to inclusive.
        if (this.#active[frame.fid] === 0)
            this.#inclusive[frame.fid] = (this.#inclusive[frame.fid] ?? 0) + instructions - frame.startInstr;
        this.#mark = instructions;
    }
    /** Charges instructions since the last mark to the frame on top (or the event itself). */
    #charge(instructions) {
        const n = instructions - this.#mark;
        this.#mark = instructions;
        if (n <= 0)
            return;
        this.#eventInstructions += n;
        const top = this.#stack[this.#stack.length - 1];
        if (top !== undefined)
            this.#exclusive[top.fid] = (this.#exclusive[top.fid] ?? 0) + n;
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
    #heaviestPath() {
        let best = null;
        for (const node of this.#touched) {
            if (best === null || node.eventCount > best.eventCount)
                best = node;
        }
        const path = [];
        for (let n = best; n !== null; n = n.parent)
            path.unshift(n.name);
        return path;
    }
    #groupName(label, handler) {
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
    #cycles(instructions, calls, hostCalls) {
        return instructions * this.cost.cyclesPerInstruction + calls * this.cost.cyclesPerCall + hostCalls * this.cost.cyclesPerHostCall;
    }
    functions() {
        return this.names.map((name, fid) => {
            const calls = this.#calls[fid] ?? 0;
            const exclusive = this.#exclusive[fid] ?? 0;
            const hostCalls = this.#hostCalls[fid] ?? 0;
            const cycles = this.#cycles(exclusive, calls, hostCalls);
            return { name, calls, exclusive, inclusive: this.#inclusive[fid] ?? 0, hostCalls, cycles, us: cycles / this.cpuMhz };
        }).filter((f) => f.calls > 0).sort((a, b) => b.exclusive - a.exclusive || a.name.localeCompare(b.name));
    }
    events() {
        return [...this.#groups].map(([name, g]) => {
            const instr = [...g.instructions].sort((a, b) => a - b);
            const us = g.instructions.map((n, i) => this.#cycles(n, g.calls[i] ?? 0, g.hostCalls[i] ?? 0) / this.cpuMhz).sort((a, b) => a - b);
            return { name, handler: g.handler, count: instr.length, instructions: quantiles(instr), us: quantiles(us) };
        }).sort((a, b) => a.name.localeCompare(b.name));
    }
    /** Folded stacks ("EVENT;fn;fn count"), instructions as the count. */
    folded() {
        const out = [];
        const walk = (node, frames) => {
            if (node.count > 0)
                out.push({ frames, count: node.count });
            for (const child of node.children.values())
                walk(child, [...frames, child.name]);
        };
        for (const root of this.#roots.values())
            walk(root, [root.name]);
        return out;
    }
    /** The single most expensive event and its heaviest call path. */
    costliest() {
        return this.#costliest;
    }
}
function newNode(name, parent) {
    return { name, parent, children: new Map(), count: 0, eventCount: 0, epoch: 0 };
}
function eventGroup(label, handler) {
    const kind = label.split(" ")[0] ?? label;
    if (kind.startsWith("MIOT_"))
        return kind;
    const base = label.replace(/ \(GPIO \d+\)$/, "");
    return handler === null ? base : `${base} (${handler})`;
}
function quantiles(sorted) {
    const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)] ?? 0;
    return { min: sorted[0] ?? 0, p50: at(50), p99: at(99), max: sorted[sorted.length - 1] ?? 0 };
}
//# sourceMappingURL=profiler.js.map