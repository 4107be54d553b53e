/** ESP-IDF `esp_reset_reason_t` names Sail records. */
export type ResetReason = "POWERON" | "EXT" | "SW" | "PANIC" | "TASK_WDT" | "DEEPSLEEP";
export declare const RESET_REASON_CODE: {
    readonly [R in ResetReason]: number;
};
/** Thrown through the firmware to unwind it; caught by the board. */
export declare class FirmwareStop extends Error {
    readonly reason: ResetReason;
    name: string;
    constructor(reason: ResetReason, message: string);
}
/** A programming error the board can name: a pin it lacks, output on an input-only pin ... */
export declare class FirmwareFault extends FirmwareStop {
    readonly call: string;
    name: string;
    constructor(call: string, message: string);
}
/** The firmware asked for a software reset. */
export declare class RestartRequest extends FirmwareStop {
    name: string;
    constructor();
}
/** The task watchdog fired. */
export declare class WatchdogBite extends FirmwareStop {
    name: string;
    constructor(message: string);
}
/** One reset as the board recorded it. */
export interface ResetRecord {
    readonly timeUs: number;
    readonly reason: ResetReason;
    /** What went wrong, e.g. "unreachable executed", "abort: Oops at assembly/index.ts:12:3". */
    readonly message: string;
    /** The wasm function that was running, when known. */
    readonly function: string | null;
    /** The event being handled: "setup", "TIMER 0", "GPIO_EDGE 1" ... */
    readonly during: string;
}
/**
 * The first wasm function on an error's stack, by its name-section name or
 * index. V8 writes wasm frames as "at name (wasm://wasm/hash:wasm-function[N]:0x..)".
 */
export declare function wasmFunctionOf(e: unknown, names: ReadonlyMap<number, string>): string | null;
