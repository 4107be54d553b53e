// sail_emulator.stack_alarm, called by the stack model (host/wasm/stack-depth.ts)
// when a frame would not fit wasm3's value stack or the call depth passes the
// alarm level of the native-stack estimate. Either the board resets (PANIC,
// naming the function through the wasm frame below this call), or it warns
// once and moves the alarm to the depth where the estimate overflows.

import type { BoardProfile } from "../boards/profile.js";
import { FirmwareStop } from "../firmware/faults.js";
import { estimatesNativeStack, NATIVE_WARN_SHARE, nativeFramesWithin } from "../flash/stack-model.js";
import { WASM3_SLOT_BYTES } from "../wasm/wasm3-frames.js";
import { NO_ALARM, STACK_IMPORT, STACK_IMPORT_MODULE } from "../wasm/stack-depth.js";

export function stackImports(profile: BoardProfile, warn: (text: string) => void): WebAssembly.Imports {
  const { engine, version, wasmStackBytes, taskStackBytes, nativeStackBytesPerFrame: perFrame } = profile.interpreter;
  const native = estimatesNativeStack(profile);
  const limitFrames = native ? nativeFramesWithin(profile, 1) : NO_ALARM;
  const stackSlots = Math.floor(wasmStackBytes / WASM3_SLOT_BYTES);
  const alarm = (frames: number, slotsNeeded: number): number => {
    if (slotsNeeded >= stackSlots) {
      throw new FirmwareStop(
        "PANIC",
        `stack overflow: a call at depth ${frames} needs ${slotsNeeded * WASM3_SLOT_BYTES} B of the ` +
          `${wasmStackBytes} B wasm stack ${engine} ${version} is given on ${profile.id} ` +
          `(interpreter.wasmStackBytes; endless recursion?)`,
      );
    }
    if (!native) return NO_ALARM;
    const estimate = frames * perFrame;
    if (frames > limitFrames) {
      throw new FirmwareStop(
        "PANIC",
        `native stack overflow (estimated): depth ${frames} × ${perFrame} B ≈ ${estimate} B passes the ` +
          `${taskStackBytes} B task stack of ${profile.id} ` +
          `(${engine} ${version} on ${profile.chip.arch} has no native-stack limit)`,
      );
    }
    warn(
      `native stack ≈ ${estimate} B (estimated: depth ${frames} × ${perFrame} B) passes ` +
        `${NATIVE_WARN_SHARE * 100} % of the ${taskStackBytes} B task stack; it overflows past depth ${limitFrames}`,
    );
    return limitFrames;
  };
  return { [STACK_IMPORT_MODULE]: { [STACK_IMPORT]: alarm } };
}
