import type { Board } from "./board.js";
import type { Level } from "./trace.js";
export declare class PinHandle {
    readonly board: Board;
    readonly gpio: number;
    constructor(board: Board, gpio: number);
    /** The level on the pad now. */
    get level(): Level;
    /** Drives the pad from outside at 0 or 1. */
    drive(level: Level): void;
    /** Stops driving the pad from outside. */
    release(): void;
    /** Rising, falling or all level changes recorded on this pin. */
    edges(direction?: "rising" | "falling" | "any"): {
        timeUs: number;
        level: Level;
    }[];
    /** The PWM channel driving this pin, or null. */
    get pwm(): ReturnType<Board["pwm"]["onPin"]>;
    /** Sets the voltage an ADC reading of this pin sees, in millivolts. */
    setVoltage(mv: number): void;
}
export interface PressOptions {
    /** Contact bounce: random extra edges within this many µs (seeded). Default 0. */
    readonly bounceUs?: number;
}
export declare class ButtonHandle {
    #private;
    readonly board: Board;
    readonly gpio: number;
    readonly activeLow: boolean;
    constructor(board: Board, gpio: number, activeLow: boolean);
    get pressed(): boolean;
    /** Closes the contact now; with bounceUs the contact chatters first. */
    press(options?: PressOptions): void;
    /** Opens the contact now (the board's pull resistor takes the pad back). */
    release(options?: PressOptions): void;
}
