// The firmware executor on V8: a WebAssembly.Instance of the flashed module,
// its exports looked up once so the event path does no lookups.

import type { FlashedImage } from "../flash/flash.js";
import { CALLS_GLOBAL, COUNT_GLOBAL } from "../flash/counting.js";
import { FUEL_GLOBAL } from "../flash/meter.js";
import type { FirmwareExecutor, FuelMeter, InstructionCounters } from "./executor.js";

export function startV8(image: FlashedImage, imports: WebAssembly.Imports): FirmwareExecutor {
  const instance = new WebAssembly.Instance(image.module, imports);
  const x = instance.exports;
  const fn = (name: string): unknown => (typeof x[name] === "function" ? x[name] : null);
  const memory = x["memory"] instanceof WebAssembly.Memory ? x["memory"] : null;
  // The meter is an exported mutable i32 global (host/flash/meter.ts): its value is a number.
  const fuel = x[FUEL_GLOBAL] instanceof WebAssembly.Global ? (x[FUEL_GLOBAL] as FuelMeter) : null;
  const count = x[COUNT_GLOBAL];
  const calls = x[CALLS_GLOBAL];
  const counters: InstructionCounters | null =
    count instanceof WebAssembly.Global && calls instanceof WebAssembly.Global
      ? { instructions: count as FuelMeter, calls: calls as FuelMeter }
      : null;
  const ptr = fn("sail_buffer") as (() => number) | null;
  const size = fn("sail_buffer_size") as (() => number) | null;
  return {
    exchangeBuffer: ptr !== null && size !== null ? () => ({ ptr: ptr(), size: size() }) : null,
    start: (fn("_start") as (() => void) | null) ?? (() => {}),
    setup: (fn("sail_setup") as (() => void) | null) ?? (() => {}),
    event: (fn("sail_event") as FirmwareExecutor["event"] | null) ?? (() => 0),
    collect: fn("__collect") as (() => void) | null,
    linearMemory: memory === null ? () => null : () => memory.buffer,
    fuel,
    counters,
  };
}
