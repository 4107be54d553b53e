// Builds the firmware's import object from the ABI table: every import the
// table lists is bound to the board's implementation of the same name, and
// every Sail call counts as one host call for the device-time estimate.

import { ABI_IMPORTS, type HostImports } from "../abi/table.js";

type HostFn = (...args: unknown[]) => unknown;

export function bindImports(impl: HostImports, countHostCall: () => void): WebAssembly.Imports {
  const modules: Record<string, Record<string, HostFn>> = {};
  for (const entry of ABI_IMPORTS) {
    const fn = impl[entry.name] as unknown as HostFn;
    const bound = entry.source === "sdk" ? counted(fn, entry.params.length, countHostCall) : fn;
    (modules[entry.module] ??= {})[entry.name] = bound;
  }
  return modules;
}

/** A fixed-arity wrapper (rest parameters would cost an array per call). */
function counted(fn: HostFn, arity: number, count: () => void): HostFn {
  switch (arity) {
    case 0:
      return () => {
        count();
        return fn();
      };
    case 1:
      return (a) => {
        count();
        return fn(a);
      };
    case 2:
      return (a, b) => {
        count();
        return fn(a, b);
      };
    case 3:
      return (a, b, c) => {
        count();
        return fn(a, b, c);
      };
    default:
      return (...args) => {
        count();
        return fn(...args);
      };
  }
}
