// Key-value storage (ESP-IDF NVS semantics): namespaces of keys (1-15 ASCII
// characters) holding integers, strings or blobs. A set is on flash when it
// returns; after a power cut a key holds its old or its new value.

import { kv_commit, kv_erase, kv_get_blob, kv_get_int, kv_get_str, kv_open, kv_set_blob, kv_set_int, kv_set_str } from "./bindings";
import { Status } from "./abi";
import { encodeUtf8, utf8Length } from "./text";

const KEY_CAP: i32 = 64;
const key = memory.data(KEY_CAP);
const TEXT_CAP: i32 = 4000;
const text = memory.data(TEXT_CAP);
const out = memory.data(8);

function k(name: string): i32 { return encodeUtf8(name, key, KEY_CAP); }

export class Kv {
  /** The handle, or a negative Status when the namespace could not be opened. */
  readonly handle: i32;
  /** Status of the last get (Status.OK, ERR_NVS_NOT_FOUND, ERR_NVS_TYPE_MISMATCH ...). */
  status: i32 = Status.OK;

  /** Opens (creating) a namespace; check `ok`. */
  constructor(namespace: string) {
    this.handle = kv_open(<i32>key, k(namespace));
  }

  get ok(): bool { return this.handle >= 0; }

  setInt(name: string, value: i64): i32 { return kv_set_int(this.handle, <i32>key, k(name), value); }

  /** The integer under `name`, or `fallback` when absent or of another type (see `status`). */
  getInt(name: string, fallback: i64 = 0): i64 {
    this.status = kv_get_int(this.handle, <i32>key, k(name), <i32>out);
    return this.status == Status.OK ? load<i64>(out) : fallback;
  }

  /** Stores `value` as UTF-8: at most 3,999 bytes (NVS adds a NUL; one flash page). Longer is ERR_NVS_VALUE_TOO_LONG, never cut short. */
  setString(name: string, value: string): i32 {
    // What does not fit this one-page buffer does not fit NVS either.
    if (utf8Length(value) > TEXT_CAP) return Status.ERR_NVS_VALUE_TOO_LONG;
    return kv_set_str(this.handle, <i32>key, k(name), <i32>text, encodeUtf8(value, text, TEXT_CAP));
  }

  /** The string under `name`, or `fallback` (see `status`). Allocates. */
  getString(name: string, fallback: string = ""): string {
    const n = kv_get_str(this.handle, <i32>key, k(name), <i32>text, TEXT_CAP);
    this.status = n < 0 ? n : Status.OK;
    return n < 0 ? fallback : String.UTF8.decodeUnsafe(text, <usize>n);
  }

  /** Stores `len` bytes at `ptr`. */
  setBlob(name: string, ptr: usize, len: i32): i32 { return kv_set_blob(this.handle, <i32>key, k(name), <i32>ptr, len); }

  /** Copies the blob under `name` to (ptr, cap); returns its length or a negative Status. */
  getBlob(name: string, ptr: usize, cap: i32): i32 {
    const n = kv_get_blob(this.handle, <i32>key, k(name), <i32>ptr, cap);
    this.status = n < 0 ? n : Status.OK;
    return n;
  }

  erase(name: string): i32 { return kv_erase(this.handle, <i32>key, k(name)); }

  commit(): i32 { return kv_commit(this.handle); }
}
