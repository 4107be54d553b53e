// Logging: text is encoded to UTF-8 in a static buffer (no allocation) and
// written with a level, as ESP_LOGx does.

import { log_write } from "./bindings";
import { Log } from "./abi";
import { encodeUtf8 } from "./text";

const BUFFER_SIZE: i32 = 192;
const buffer = memory.data(BUFFER_SIZE);

function write(level: i32, message: string): void {
  log_write(level, <i32>buffer, encodeUtf8(message, buffer, BUFFER_SIZE));
}

export namespace log {
  export function error(message: string): void { write(Log.ERROR, message); }
  export function warn(message: string): void { write(Log.WARN, message); }
  export function info(message: string): void { write(Log.INFO, message); }
  export function debug(message: string): void { write(Log.DEBUG, message); }
}
