// One running copy of a flashed image: instantiated fresh at every boot, with
// its exports looked up once so the event path does no lookups.

import type { FlashedImage } from "../flash/flash.js";
import { FUEL_GLOBAL } from "../flash/meter.js";

export interface FirmwareExports {
  readonly start: () => void;
  readonly setup: () => void;
  readonly event: (kind: number, id: number, a: bigint, b: bigint) => number;
  readonly collect: (() => void) | null;
  readonly memory: WebAssembly.Memory | null;
  readonly fuel: WebAssembly.Global | null;
  /** The exchange buffer (sail_buffer / sail_buffer_size), or null. */
  readonly buffer: (() => { readonly ptr: number; readonly size: number }) | null;
}

export function instantiate(image: FlashedImage, imports: WebAssembly.Imports): FirmwareExports {
  const instance = new WebAssembly.Instance(image.module, imports);
  const x = instance.exports;
  const fn = <T>(name: string): T | null => (typeof x[name] === "function" ? (x[name] as T) : null);
  const memory = x["memory"] instanceof WebAssembly.Memory ? x["memory"] : null;
  const fuel = x[FUEL_GLOBAL] instanceof WebAssembly.Global ? x[FUEL_GLOBAL] : null;
  const ptr = fn<() => number>("sail_buffer");
  const size = fn<() => number>("sail_buffer_size");
  return {
    buffer: ptr !== null && size !== null ? () => ({ ptr: ptr(), size: size() }) : null,
    start: fn<() => void>("_start") ?? (() => {}),
    setup: fn<() => void>("sail_setup") ?? (() => {}),
    event: fn<(kind: number, id: number, a: bigint, b: bigint) => number>("sail_event") ?? (() => 0),
    collect: fn<() => void>("__collect"),
    memory,
    fuel,
  };
}
