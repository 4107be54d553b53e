// Errors of the key-value store as ESP-IDF NVS reports them (`nvs.h`,
// `esp_err.h`): each carries the status the kv_* imports return, and a message
// that says what was wrong, where, and what is allowed. Also the name rules
// NVS applies to keys and namespaces.

import { KvError } from "../errors.js";

export { KvError } from "../errors.js";

/** NVS_KEY_NAME_MAX_SIZE − 1: the NUL terminator takes the 16th byte (`nvs.h`). */
export const NAME_CHARS_MAX = 15;
const PRINTABLE_FIRST = 0x20;
const PRINTABLE_LAST = 0x7e;

/**
 * Checks a key or namespace name: 1..15 printable ASCII characters.
 * Throws ERR_NVS_INVALID_NAME (empty, not ASCII) or ERR_NVS_KEY_TOO_LONG.
 */
export function checkName(name: string, what: "key" | "namespace"): void {
  if (name.length === 0)
    throw new KvError(
      "ERR_NVS_INVALID_NAME",
      `the ${what} name is empty: use 1..${NAME_CHARS_MAX} printable ASCII characters`,
    );
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < PRINTABLE_FIRST || c > PRINTABLE_LAST) {
      throw new KvError(
        "ERR_NVS_INVALID_NAME",
        `${what} ${JSON.stringify(name)} has character ${JSON.stringify(name[i])} ` +
          `(code ${c}) at ${i}: names are printable ASCII`,
      );
    }
  }
  if (name.length > NAME_CHARS_MAX) {
    throw new KvError(
      "ERR_NVS_KEY_TOO_LONG",
      `${what} ${JSON.stringify(name)} is ${name.length} characters: NVS names hold at most ${NAME_CHARS_MAX}`,
    );
  }
}
