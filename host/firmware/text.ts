// Text from firmware memory: UTF-8 (ptr, len) for everything Sail passes, and
// AssemblyScript's UTF-16 strings (byte length at ptr - 4) for env.abort only.

import { FirmwareFault } from "./faults.js";

const utf8 = new TextDecoder("utf-8");
const utf16 = new TextDecoder("utf-16le");

export function readUtf8(memory: WebAssembly.Memory | null, ptr: number, len: number, call: string): string {
  return utf8.decode(bytesAt(memory, ptr, len, call));
}

/** An AssemblyScript string, or "" for a null pointer. Never throws. */
export function readAsString(memory: WebAssembly.Memory | null, ptr: number): string {
  if (memory === null || ptr === 0) return "";
  const buf = memory.buffer;
  if (ptr < 4 || ptr > buf.byteLength) return "";
  const len = new DataView(buf).getUint32(ptr - 4, true);
  if (ptr + len > buf.byteLength || len % 2 !== 0) return "";
  return utf16.decode(new Uint8Array(buf, ptr, len));
}

function bytesAt(memory: WebAssembly.Memory | null, ptr: number, len: number, call: string): Uint8Array {
  if (memory === null) throw new FirmwareFault(call, "passes text but the firmware exports no memory");
  const size = memory.buffer.byteLength;
  const start = ptr >>> 0;
  const n = len >>> 0;
  if (start + n > size) {
    throw new FirmwareFault(call, `text at ${start}..${start + n} lies outside linear memory (${size} bytes)`);
  }
  return new Uint8Array(memory.buffer, start, n);
}
