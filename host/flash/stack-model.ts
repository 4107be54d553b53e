// The interpreter's stack limits of a board (docs/fidelity.md "Stack"): the
// wasm value stack its runtime gives wasm3, and, where wasm3 has no
// native-stack limit (v0.5.0 on Xtensa, docs/decisions.md D111), the call
// depth at which the estimated native stack passes 75 % and 100 % of the task
// stack. Applied to the copy the board runs, after the image's own checks.

import type { BoardProfile } from "../boards/profile.js";
import type { WasmInfo } from "../wasm/binary.js";
import { defined } from "../defined.js";
import { loadBinaryen, readModule, type Binaryen, type BinaryenModule } from "../wasm/binaryen.js";
import { addInstructionCounters, countable } from "./counting.js";
import { compactNameSection } from "../wasm/names.js";
import { addStackDepthModel, NO_ALARM, type StackLimits } from "../wasm/stack-depth.js";
import { WASM3_SLOT_BYTES, wasm3Frames } from "../wasm/wasm3-frames.js";

/** Share of the task stack at which the estimate warns (docs/decisions.md D111). */
export const NATIVE_WARN_SHARE = 0.75;

/** Where the board must estimate the native stack itself: wasm3 on Xtensa cannot chain its ops by tail calls. */
export function estimatesNativeStack(profile: BoardProfile): boolean {
  return profile.chip.arch.startsWith("xtensa") && profile.interpreter.nativeStackBytesPerFrame > 0;
}

/** The deepest call depth whose estimated native stack stays within `share` of the task stack. */
export function nativeFramesWithin(profile: BoardProfile, share: number): number {
  const { taskStackBytes, nativeStackBytesPerFrame } = profile.interpreter;
  return Math.floor((taskStackBytes * share) / nativeStackBytesPerFrame);
}

export function stackLimits(profile: BoardProfile): StackLimits {
  return {
    slots: Math.floor(profile.interpreter.wasmStackBytes / WASM3_SLOT_BYTES),
    alarmFrames: estimatesNativeStack(profile) ? nativeFramesWithin(profile, NATIVE_WARN_SHARE) : NO_ALARM,
  };
}

/** Adds the stack model for `profile` to `m`, read from `bytes` (described by `info`). */
export function modelStack(
  b: Binaryen,
  m: BinaryenModule,
  bytes: Uint8Array,
  info: WasmInfo,
  profile: BoardProfile,
): void {
  addStackDepthModel(b, m, wasm3Frames(b, m, bytes, info), stackLimits(profile));
}

/**
 * The copy the board runs (never the shipped bytes): `code` with the counters
 * of counting.ts and the stack model for `profile` added. The frames are sized
 * on the shipped code, before either pass adds anything; the counters go in
 * before the stack model, so they count the program and not the model.
 */
export async function emulatorCopy(
  code: Uint8Array,
  info: WasmInfo,
  profile: BoardProfile,
  file: string,
): Promise<Uint8Array> {
  const b = await loadBinaryen();
  const all = defined(b.Features["All"], "binaryen's feature set");
  // Read as flashing reads it: what binaryen prints about the name section is captured, not leaked.
  const m = readModule(b, code, file);
  try {
    b.setDebugInfo(true);
    m.setFeatures(all);
    const frames = wasm3Frames(b, m, code, info);
    if (countable(info)) addInstructionCounters(b, m, file);
    addStackDepthModel(b, m, frames, stackLimits(profile));
    // V8 validates the copy when it compiles it (flash.ts), which costs less than binaryen's validation.
    return compactNameSection(m.emitBinary());
  } finally {
    m.dispose();
  }
}
