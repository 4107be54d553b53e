import type { PinProfile } from "../board/profile.js";
import type { Level, PinTrace } from "../board/trace.js";
export declare const GPIO_MODE: {
    readonly DISABLED: 0;
    readonly INPUT: 1;
    readonly OUTPUT: 2;
    readonly OUTPUT_OD: 3;
};
export declare const GPIO_PULL: {
    readonly NONE: 0;
    readonly UP: 1;
    readonly DOWN: 2;
};
export declare const GPIO_EDGE: {
    readonly NONE: 0;
    readonly RISING: 1;
    readonly FALLING: 2;
    readonly ANY: 3;
};
export interface GpioHooks {
    readonly now: () => number;
    /** A watched pin changed level: deliver GPIO_EDGE. */
    readonly edge: (gpio: number, level: Level, id: number) => void;
    /** A board warning (contention ...). */
    readonly warn: (message: string) => void;
}
export declare class Gpio {
    #private;
    readonly trace: PinTrace;
    readonly hooks: GpioHooks;
    constructor(pins: ReadonlyMap<number, PinProfile>, trace: PinTrace, hooks: GpioHooks);
    mode(gpio: number, mode: number, pull: number): number;
    write(gpio: number, level: number): number;
    read(gpio: number): number;
    watch(gpio: number, edges: number, id: number): number;
    /** Drives the pad from outside (0 or 1), or releases it (null). */
    drive(gpio: number, level: Level | null): void;
    /** A resistor on the board pulling the pad to a level (null: none). */
    setBoardPull(gpio: number, level: Level | null): void;
    level(gpio: number): Level;
    /** Whether something outside the chip (a test, a held button) drives the pad. */
    isDriven(gpio: number): boolean;
    /** Whether the chip itself drives the pad (push-pull output, or open-drain low). */
    isDriving(gpio: number): boolean;
    /** Chip reset: every pad back to a floating input, watches cleared. */
    reset(): void;
    has(gpio: number): boolean;
}
