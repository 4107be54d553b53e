import type { BoardProfile } from "../board/profile.js";
import type { PinTrace } from "../board/trace.js";
export interface PwmChannel {
    readonly channel: number;
    readonly gpio: number;
    readonly freqHz: number;
    readonly bits: number;
    readonly duty: number;
    /** duty / 2^bits, 0..1. */
    readonly dutyFraction: number;
}
export declare class Pwm {
    #private;
    readonly ledc: BoardProfile["ledc"];
    readonly canDrive: (gpio: number, call: string) => void;
    readonly trace: PinTrace;
    readonly now: () => number;
    constructor(ledc: BoardProfile["ledc"], canDrive: (gpio: number, call: string) => void, trace: PinTrace, now: () => number);
    setup(gpio: number, freqHz: number, bits: number): number;
    setDuty(channel: number, duty: number): number;
    setFreq(channel: number, freqHz: number): number;
    /** The channel driving `gpio`, or null. */
    onPin(gpio: number): PwmChannel | null;
    /** Detaches whatever channel drives `gpio` (the pin went back to GPIO). */
    detach(gpio: number): void;
    reset(): void;
}
