import type { Board } from "../board/board.js";
import type { EventStats, FunctionStats } from "./profiler.js";
export interface ProfileReport {
    readonly board: string;
    readonly firmware: string;
    readonly virtualUs: number;
    /** How device time was estimated; every figure in µs or cycles is an estimate. */
    readonly estimate: string;
    readonly functions: readonly FunctionStats[];
    readonly events: readonly EventStats[];
    readonly costliest: {
        readonly name: string;
        readonly instructions: number;
        readonly path: readonly string[];
    } | null;
    readonly memory: {
        readonly linearBytesHighWater: number;
        /** Highest byte ever written (static data, heap and any stack): what the firmware really used. */
        readonly usedBytesHighWater: number;
        readonly staticDataEnd: number;
        readonly ramBudget: number;
        readonly maxCallDepth: number;
        /** wasm3's native stack at that depth on this board's CPU, estimated. */
        readonly nativeStackEstimate: number;
        readonly taskStack: number;
    };
}
export declare function profileReport(board: Board): ProfileReport;
/** Parses "tick=50us,MIOT_GET=2ms" into event keys and limits in µs. */
export declare function parseBudgets(text: string): Map<string, number>;
/** The events a budget key names: by event name, handler, or the handler's function name. */
export declare function eventsNamed(report: ProfileReport, key: string): EventStats[];
/** One message per budget exceeded (p99 over the limit), naming the event, the figure and the hottest function. */
export declare function checkBudgets(report: ProfileReport, budgets: ReadonlyMap<string, number>): string[];
export declare function formatReport(r: ProfileReport): string;
