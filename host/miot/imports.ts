// The miot_* imports: values the firmware answers with, action inputs it
// reads, and the changes and events it raises, handed to the board's MIoT side.

import type { HostImports } from "../abi/table.js";
import type { GuestMemory } from "../firmware/memory.js";
import { FirmwareFault } from "../firmware/faults.js";
import type { BoardMiot } from "./board-device.js";

type MiotImportName =
  | "miot_reply_int"
  | "miot_reply_float"
  | "miot_reply_str"
  | "miot_arg_int"
  | "miot_arg_float"
  | "miot_arg_str"
  | "miot_changed_int"
  | "miot_changed_float"
  | "miot_changed_str"
  | "miot_event";

export interface MiotImportDeps {
  readonly memory: GuestMemory;
  /** The board's MIoT side, or null when the image carries no spec. */
  readonly miot: () => BoardMiot | null;
}

export function miotImports(deps: MiotImportDeps): Pick<HostImports, MiotImportName> {
  const memory = deps.memory;
  const miotFor = (call: string): BoardMiot => {
    const miot = deps.miot();
    if (miot === null)
      throw new FirmwareFault(call, 'this image carries no MIoT spec (sail.spec); add "spec" to sail.json and rebuild');
    return miot;
  };
  return {
    miot_reply_int: (v) => miotFor("miot_reply_int").reply(v),
    miot_reply_float: (v) => miotFor("miot_reply_float").reply(v),
    miot_reply_str: (ptr, len) => miotFor("miot_reply_str").reply(memory.readUtf8(ptr, len, "miot_reply_str")),
    miot_arg_int: (i) => {
      const v = miotFor("miot_arg_int").arg(i, "miot_arg_int");
      return typeof v === "bigint" ? v : BigInt(typeof v === "boolean" ? Number(v) : Math.trunc(Number(v)));
    },
    miot_arg_float: (i) => Number(miotFor("miot_arg_float").arg(i, "miot_arg_float")),
    miot_arg_str: (i, ptr, cap) => {
      const bytes = new TextEncoder().encode(String(miotFor("miot_arg_str").arg(i, "miot_arg_str")));
      const n = Math.min(cap, bytes.length);
      memory.bytes(ptr, n, "miot_arg_str").set(bytes.subarray(0, n));
      return bytes.length;
    },
    miot_changed_int: (siid, piid, v) => miotFor("miot_changed_int").changed(siid, piid, v),
    miot_changed_float: (siid, piid, v) => miotFor("miot_changed_float").changed(siid, piid, v),
    miot_changed_str: (siid, piid, ptr, len) =>
      miotFor("miot_changed_str").changed(siid, piid, memory.readUtf8(ptr, len, "miot_changed_str")),
    miot_event: (siid, eiid) => miotFor("miot_event").event(siid, eiid),
  };
}
