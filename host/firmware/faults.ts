// What stops a firmware mid-handler. Host functions throw these through the
// wasm stack; the board catches them and resets, as a real board would.

import { RESET_REASON } from "../abi/table.js";

/** ESP-IDF `esp_reset_reason_t` names Sail records. */
export type ResetReason = "POWERON" | "EXT" | "SW" | "PANIC" | "TASK_WDT" | "WDT" | "DEEPSLEEP";

export const RESET_REASON_CODE: { readonly [R in ResetReason]: number } = RESET_REASON;

/** Thrown through the firmware to unwind it; caught by the board. */
export class FirmwareStop extends Error {
  override name = "FirmwareStop";
  constructor(
    readonly reason: ResetReason,
    message: string,
  ) {
    super(message);
  }
}

/** A programming error the board can name: a pin it lacks, output on an input-only pin ... */
export class FirmwareFault extends FirmwareStop {
  override name = "FirmwareFault";
  constructor(
    readonly call: string,
    message: string,
  ) {
    super("PANIC", `${call}: ${message}`);
  }
}

/** The firmware asked for a software reset. */
export class RestartRequest extends FirmwareStop {
  override name = "RestartRequest";
  constructor() {
    super("SW", "restart() called");
  }
}

/** The firmware entered deep sleep: it stops here, and a wake source resets the board. */
export class DeepSleepRequest extends FirmwareStop {
  override name = "DeepSleepRequest";
  constructor(message: string) {
    super("DEEPSLEEP", message);
  }
}

/** The task watchdog fired. */
export class WatchdogBite extends FirmwareStop {
  override name = "WatchdogBite";
  constructor(message: string) {
    super("TASK_WDT", message);
  }
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
export function wasmFunctionOf(e: unknown, names: ReadonlyMap<number, string>): string | null {
  const stack = e instanceof Error ? (e.stack ?? "") : "";
  const m = /wasm-function\[(\d+)\]/.exec(stack);
  if (m === null) return null;
  const index = Number(m[1]);
  return names.get(index) ?? `function #${index}`;
}
