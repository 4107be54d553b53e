// Hand-metered images written in WebAssembly text, to forge the watchdog
// metering the way an attacker would: the module claims the metering (it
// exports sail_fuel and imports sail.meter_exhausted) and `sail_setup` is
// whatever the test writes. CHARGE(n) and CHECK are the exact sequences
// sail-meter@1 puts at loop headers and function entries.

import binaryen from "binaryen";
import { ABI_VERSION } from "../../host/abi/table.js";

/** The metering's charge of `n` instructions. */
export const CHARGE = (n: number): string => `(global.set $fuel (i32.sub (global.get $fuel) (i32.const ${n})))`;

/** The metering's check: call sail.meter_exhausted when the fuel is below zero. */
export const CHECK = "(if (i32.lt_s (global.get $fuel) (i32.const 0)) (then (call $meter)))";

/**
 * An honest loop for `sail_setup`: spins while GPIO 4 reads 0 or 1, that is
 * for ever, charging its five instructions per iteration.
 */
export const HONEST_SPIN =
  `${CHARGE(0)} ${CHECK} (loop $spin ${CHARGE(5)} ${CHECK} ` +
  "(br_if $spin (i32.ge_s (call $gpio_read (i32.const 4)) (i32.const 0))))";

/**
 * A module with the ABI's exports that claims the metering, whose `sail_setup`
 * body is `setup` (wat, with a local $x); `extra` adds module fields
 * (functions, a table).
 */
export function forgedImage(setup: string, extra = ""): Uint8Array {
  const claim = `(import "sail" "meter_exhausted" (func $meter))
    (global $fuel (mut i32) (i32.const 0))
    (export "sail_fuel" (global $fuel))`;
  return abiModule(claim, CHARGE(0), CHARGE(1), setup, extra);
}

/**
 * Like forgedImage but without the metering, as a toolchain other than sail
 * build gives it; `imports` adds import fields.
 */
export function bareImage(setup: string, extra = "", imports = ""): Uint8Array {
  return abiModule(imports, "", "", setup, extra);
}

function abiModule(claim: string, start: string, event: string, setup: string, extra: string): Uint8Array {
  const abi = (ABI_VERSION.major << 16) | ABI_VERSION.minor;
  return wasmOf(`(module
    (type $void (func))
    (import "sail" "gpio_read" (func $gpio_read (param i32) (result i32)))
    ${claim}
    (global $abi i32 (i32.const ${abi}))
    (export "sail_abi_version" (global $abi))
    (export "_start" (func $start))
    (export "sail_setup" (func $setup))
    (export "sail_event" (func $event))
    (func $start ${start})
    (func $event (param i32 i32 i64 i64) (result i32) ${event} (i32.const 0))
    (func $setup (local $x i32) ${setup})
    ${extra}
  )`);
}

/** Assembles WebAssembly text (binaryen's reader), with a name section. */
export function wasmOf(text: string): Uint8Array {
  const m = binaryen.parseText(text);
  const before = binaryen.getDebugInfo();
  try {
    binaryen.setDebugInfo(true);
    return m.emitBinary();
  } finally {
    binaryen.setDebugInfo(before);
    m.dispose();
  }
}
