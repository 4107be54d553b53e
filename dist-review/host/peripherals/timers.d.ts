import type { VirtualClock } from "../time/clock.js";
export declare class Timers {
    #private;
    readonly clock: VirtualClock;
    readonly now: () => number;
    readonly fire: (id: number, dueUs: number) => void;
    constructor(clock: VirtualClock, now: () => number, fire: (id: number, dueUs: number) => void);
    start(id: number, delayUs: number, periodUs: number): number;
    stop(id: number): number;
    /** Number of armed timers. */
    get armed(): number;
    reset(): void;
}
