// What the board needs from whatever executes a firmware image: its entry
// points, its linear memory and its instruction meter. V8 (v8-executor.ts)
// is one implementation; a C runtime over a pipe can be another.

import type { FlashedImage } from "../flash/flash.js";

/** The build's instruction meter: instructions the image may still run before it calls meter_exhausted. */
export interface FuelMeter {
  value: number;
}

/** The counting copy's counters (host/flash/counting.ts): instructions executed and wasm function entries, as i32. */
export interface InstructionCounters {
  readonly instructions: { value: number };
  readonly calls: { value: number };
}

/** One running copy of an image, started fresh at every boot. */
export interface FirmwareExecutor {
  /** Module initialisation (AssemblyScript's _start). */
  readonly start: () => void;
  /** sail_setup. */
  readonly setup: () => void;
  /** sail_event: one event into the firmware; returns its status. */
  readonly event: (kind: number, id: number, a: bigint, b: bigint) => number;
  /** The runtime's garbage collection after each handler, or null. */
  readonly collect: (() => void) | null;
  /**
   * The linear memory as it is now (growing it may replace the buffer), or null if the image has none.
   * Host imports read and write it synchronously, so an executor in another process keeps a mirror here.
   */
  readonly linearMemory: () => ArrayBuffer | null;
  /** The exchange buffer (sail_buffer / sail_buffer_size), or null. */
  readonly exchangeBuffer: (() => { readonly ptr: number; readonly size: number }) | null;
  /** The instruction meter, or null for an image built without one. */
  readonly fuel: FuelMeter | null;
  /** The exact counters, or null for code run without the counting pass (time then comes from the fuel). */
  readonly counters: InstructionCounters | null;
}

/** Starts an image with the board's imports (module → name → function). */
export type ExecutorFactory = (image: FlashedImage, imports: WebAssembly.Imports) => FirmwareExecutor;
