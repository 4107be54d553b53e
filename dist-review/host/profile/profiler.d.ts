import type { CostModel } from "../board/profile.js";
/** One event type: a timer and its handler, a pin edge, a MIoT request type. */
export interface EventStats {
    /** "TIMER 0 (index/tick)", "GPIO_EDGE 4 (index/onEdge)", "MIOT_GET" ... */
    readonly name: string;
    /** The firmware function that handled it (first below the dispatcher), or null. */
    readonly handler: string | null;
    readonly count: number;
    readonly instructions: {
        readonly min: number;
        readonly p50: number;
        readonly p99: number;
        readonly max: number;
    };
    /** Estimated device time (the board's cost model), µs. */
    readonly us: {
        readonly min: number;
        readonly p50: number;
        readonly p99: number;
        readonly max: number;
    };
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
export declare class Profiler {
    #private;
    readonly names: readonly string[];
    readonly cost: CostModel;
    readonly cpuMhz: number;
    /** Deepest wasm call stack seen. */
    maxDepth: number;
    constructor(names: readonly string[], cost: CostModel, cpuMhz: number);
    /** An event starts; `instructions` is the metering's running total. */
    beginEvent(label: string, instructions: number): void;
    endEvent(instructions: number): void;
    enter(fid: number, instructions: number): void;
    exit(fid: number, instructions: number): void;
    hostCall(): void;
    functions(): FunctionStats[];
    events(): EventStats[];
    /** Folded stacks ("EVENT;fn;fn count"), instructions as the count. */
    folded(): {
        frames: string[];
        count: number;
    }[];
    /** The single most expensive event and its heaviest call path. */
    costliest(): {
        name: string;
        instructions: number;
        path: string[];
    } | null;
}
