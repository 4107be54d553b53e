import type { BoardProfile, PinProfile } from "../board/profile.js";
export declare class Adc {
    #private;
    readonly adc: BoardProfile["adc"];
    readonly pins: ReadonlyMap<number, PinProfile>;
    constructor(adc: BoardProfile["adc"], pins: ReadonlyMap<number, PinProfile>);
    setup(gpio: number, atten: number): number;
    readRaw(gpio: number): number;
    readMv(gpio: number): number;
    /** Sets the voltage on a pin, in millivolts. */
    setVoltage(gpio: number, mv: number): void;
    reset(): void;
}
