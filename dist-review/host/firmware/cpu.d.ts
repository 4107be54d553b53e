import type { CostModel } from "../board/profile.js";
export declare class Cpu {
    #private;
    readonly watchdogUs: number;
    running: boolean;
    /** Instructions executed since the board was created. */
    totalInstructions: number;
    totalHostCalls: number;
    constructor(cost: CostModel, cpuMhz: number, watchdogUs: number);
    attach(fuel: WebAssembly.Global | null): void;
    begin(nowUs: number, during: string): void;
    /** Ends the handler; returns the device time it took, in whole µs (rounded up). */
    end(): number;
    hostCall(): void;
    /** Called on every host call while set (the profiler charges it to the running function). */
    onHostCall: (() => void) | null;
    /** Instructions executed since the board was created, including the running handler's so far. */
    instructionsNow(): number;
    /** Current device time inside the handler. */
    nowUs(): number;
    /** delay_us: block for `us`; the watchdog still watches the event. */
    delay(us: number): void;
    /** meter_exhausted: the instruction budget ran out. */
    exhausted(): void;
}
