// Guest memory: every (ptr, len) read and write of the firmware's linear
// memory, bounds-checked; out of bounds is a FirmwareFault naming the import.

import { FirmwareFault } from "./faults.js";

const utf8 = new TextDecoder("utf-8");
const utf16 = new TextDecoder("utf-16le");

export class GuestMemory {
  /** `source` gives the running image's linear memory as it is now (growing it replaces the buffer), or null. */
  constructor(readonly source: () => ArrayBuffer | null) {}

  /** Bytes of linear memory now (0 when nothing runs). */
  get byteLength(): number {
    return this.source()?.byteLength ?? 0;
  }

  /** A view of `len` bytes at `ptr` (not a copy); `what` names them in the fault ("buffer", "text"). */
  bytes(ptr: number, len: number, call: string, what = "buffer"): Uint8Array {
    const buffer = this.source();
    if (buffer === null)
      throw new FirmwareFault(
        call,
        `passes ${what === "text" ? "text" : "a buffer"} but the firmware exports no memory`,
      );
    if (len < 0) throw new FirmwareFault(call, `length ${len} is negative`);
    const size = buffer.byteLength;
    if (ptr < 0 || ptr + len > size)
      throw new FirmwareFault(call, `${what} at ${ptr}..${ptr + len} lies outside linear memory (${size} bytes)`);
    return new Uint8Array(buffer, ptr, len);
  }

  /** A copy of `len` bytes at `ptr`. */
  copy(ptr: number, len: number, call: string): Uint8Array {
    return this.bytes(ptr, len, call).slice();
  }

  /** UTF-8 text at (ptr, len): how Sail passes every string. */
  readUtf8(ptr: number, len: number, call: string): string {
    return utf8.decode(this.bytes(ptr >>> 0, len >>> 0, call, "text"));
  }

  /** An AssemblyScript string (UTF-16, byte length at ptr - 4: env.abort, env.trace); "" for a bad pointer. */
  readAsString(ptr: number): string {
    const buffer = this.source();
    if (buffer === null || ptr === 0) return "";
    if (ptr < 4 || ptr > buffer.byteLength) return "";
    const len = new DataView(buffer).getUint32(ptr - 4, true);
    if (ptr + len > buffer.byteLength || len % 2 !== 0) return "";
    return utf16.decode(new Uint8Array(buffer, ptr, len));
  }

  /** Writes `data` at `ptr`. */
  write(ptr: number, data: Uint8Array, call: string): void {
    this.bytes(ptr, data.length, call).set(data);
  }

  /** Writes a little-endian i64 at `ptr`. */
  setI64(ptr: number, value: bigint, call: string): void {
    const target = this.bytes(ptr, 8, call);
    new DataView(target.buffer, target.byteOffset, 8).setBigInt64(0, value, true);
  }

  /**
   * One past the highest non-zero byte. Memory starts zeroed and allocators
   * write headers, so this covers any runtime; zero-filled memory never
   * written is not seen. A full scan: call it at resets and when asked.
   */
  usedBytes(): number {
    const buffer = this.source();
    if (buffer === null) return 0;
    const words = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
    let i = words.length - 1;
    while (i >= 0 && words[i] === 0) i--;
    return (i + 1) * 4;
  }
}
