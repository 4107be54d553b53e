// The kv_* imports: the firmware's side of the board's key-value store.
// Names and values cross as UTF-8 (ptr, len); refusals are the store's
// ESP_ERR_NVS_* statuses; flash work costs device time.

import { STATUS, type HostImports } from "../abi/table.js";
import type { GuestMemory } from "../firmware/memory.js";
import { KvError } from "../storage/errors.js";
import type { KvStore } from "../storage/store.js";

type KvImportName =
  | "kv_open"
  | "kv_set_int"
  | "kv_get_int"
  | "kv_set_str"
  | "kv_get_str"
  | "kv_set_blob"
  | "kv_get_blob"
  | "kv_erase"
  | "kv_commit";

/** Namespaces whose names start with this belong to the board (device identity); firmware cannot open them. */
export const BOARD_NAMESPACE_PREFIX = "sail.";

export interface KvImportDeps {
  readonly memory: GuestMemory;
  /** The mounted store, or null when the nvs partition could not be mounted. */
  readonly store: () => KvStore | null;
  /** Runs flash work, charging its device time to the running handler. */
  readonly timed: <T>(body: () => T) => T;
}

export function kvImports(deps: KvImportDeps): Pick<HostImports, KvImportName> {
  const memory = deps.memory;
  const text = (ptr: number, len: number, call: string): string => memory.readUtf8(ptr, len, call);
  /** Runs one store call; KvError becomes its status, anything else is the board's problem. */
  const call = (body: (kv: KvStore) => number): number => {
    const kv = deps.store();
    if (kv === null) return STATUS.ERR_INVALID_STATE;
    try {
      return deps.timed(() => body(kv));
    } catch (e) {
      if (e instanceof KvError) return STATUS[e.status];
      throw e;
    }
  };
  const copyOut = (value: Uint8Array, ptr: number, cap: number, name: string): number => {
    if (value.length > cap) return STATUS.ERR_NVS_INVALID_LENGTH;
    memory.write(ptr, value, name);
    return value.length;
  };
  return {
    kv_open: (nsPtr, nsLen) => {
      const name = text(nsPtr, nsLen, "kv_open");
      if (name.startsWith(BOARD_NAMESPACE_PREFIX)) return STATUS.ERR_NVS_INVALID_NAME;
      return call((kv) => kv.openNamespace(name));
    },
    kv_set_int: (h, kp, kl, value) =>
      call((kv) => {
        kv.set(h, text(kp, kl, "kv_set_int"), value);
        return STATUS.OK;
      }),
    kv_get_int: (h, kp, kl, out) =>
      call((kv) => {
        const v = kv.getInt(h, text(kp, kl, "kv_get_int"));
        memory.setI64(out, v, "kv_get_int");
        return STATUS.OK;
      }),
    kv_set_str: (h, kp, kl, ptr, len) =>
      call((kv) => {
        kv.set(h, text(kp, kl, "kv_set_str"), text(ptr, len, "kv_set_str"));
        return STATUS.OK;
      }),
    kv_get_str: (h, kp, kl, ptr, cap) =>
      call((kv) =>
        copyOut(new TextEncoder().encode(kv.getString(h, text(kp, kl, "kv_get_str"))), ptr, cap, "kv_get_str"),
      ),
    kv_set_blob: (h, kp, kl, ptr, len) =>
      call((kv) => {
        kv.set(h, text(kp, kl, "kv_set_blob"), memory.copy(ptr, len, "kv_set_blob"));
        return STATUS.OK;
      }),
    kv_get_blob: (h, kp, kl, ptr, cap) =>
      call((kv) => copyOut(kv.getBlob(h, text(kp, kl, "kv_get_blob")), ptr, cap, "kv_get_blob")),
    kv_erase: (h, kp, kl) =>
      call((kv) => {
        kv.erase(h, text(kp, kl, "kv_erase"));
        return STATUS.OK;
      }),
    kv_commit: (h) =>
      call((kv) => {
        kv.namespaceName(h);
        return STATUS.OK;
      }),
  };
}
