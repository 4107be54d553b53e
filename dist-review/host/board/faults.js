// What stops a firmware mid-handler. Host functions throw these through the
// wasm stack; the board catches them and resets, as a real board would.
export const RESET_REASON_CODE = {
    POWERON: 1, EXT: 2, SW: 3, PANIC: 4, TASK_WDT: 6, DEEPSLEEP: 8,
};
/** Thrown through the firmware to unwind it; caught by the board. */
export class FirmwareStop extends Error {
    reason;
    name = "FirmwareStop";
    constructor(reason, message) {
        super(message);
        this.reason = reason;
    }
}
/** A programming error the board can name: a pin it lacks, output on an input-only pin ... */
export class FirmwareFault extends FirmwareStop {
    call;
    name = "FirmwareFault";
    constructor(call, message) {
        super("PANIC", `${call}: ${message}`);
        this.call = call;
    }
}
/** The firmware asked for a software reset. */
export class RestartRequest extends FirmwareStop {
    name = "RestartRequest";
    constructor() {
        super("SW", "restart() called");
    }
}
/** The task watchdog fired. */
export class WatchdogBite extends FirmwareStop {
    name = "WatchdogBite";
    constructor(message) {
        super("TASK_WDT", message);
    }
}
/**
 * The first wasm function on an error's stack, by its name-section name or
 * index. V8 writes wasm frames as "at name (wasm://wasm/hash:wasm-function[N]:0x..)".
 */
export function wasmFunctionOf(e, names) {
    const stack = e instanceof Error ? e.stack ?? "" : "";
    const m = /wasm-function\[(\d+)\]/.exec(stack);
    if (m === null)
        return null;
    const index = Number(m[1]);
    return names.get(index) ?? `function #${index}`;
}
//# sourceMappingURL=faults.js.map