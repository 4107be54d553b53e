import type { Board } from "../board/board.js";
export type Step = {
    readonly atUs: number;
    readonly press: string;
} | {
    readonly atUs: number;
    readonly release: string;
} | {
    readonly atUs: number;
    readonly voltage: {
        readonly gpio: number;
        readonly mv: number;
    };
} | {
    readonly atUs: number;
    readonly drive: {
        readonly gpio: number;
        readonly level: 0 | 1;
    };
} | {
    readonly atUs: number;
    readonly float: number;
} | {
    readonly atUs: number;
    readonly miot: {
        readonly get?: readonly [number, number];
        readonly set?: readonly [number, number, unknown];
        readonly action?: readonly [number, number, readonly unknown[]];
    };
};
export declare function loadScenario(file: string): Promise<Step[]>;
/** Schedules every step on the board's clock, relative to now. */
export declare function applyScenario(board: Board, steps: readonly Step[]): void;
