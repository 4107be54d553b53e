// A factory identity as the chip keeps it: an image of the whole nvs
// partition holding did, token and MAC in the "sail.factory" namespace,
// written by the emulator's own NVS writer (host/storage/), so the board reads
// it as it reads an identity it made itself (host/board/identity.ts).
// `sail flash --identity did=..,token=..,mac=..` writes it to the nvs
// partition; the partition's other keys are erased with it.

import { SailError } from "../errors.js";
import { FlashChip } from "../flash/chip.js";
import { FlashRegion } from "../flash/region.js";
import { makeIdentity, storedIdentity } from "../board/identity.js";
import { parseToken } from "../miot/codec.js";
import type { MiotIdentity } from "../miot/board-device.js";
import { SeededRandom } from "../random.js";
import { KvStore } from "../storage/store.js";

const MAC = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;

/** Reads `did=<n>,token=<32 hex>,mac=<aa:bb:cc:dd:ee:ff>`; all three are needed, each once. */
export function parseIdentity(text: string): MiotIdentity {
  const fields = new Map<string, string>();
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    const key = eq < 0 ? part.trim() : part.slice(0, eq).trim();
    if (eq < 0 || !["did", "token", "mac"].includes(key))
      throw new SailError(`--identity: "${part}" is not did=<n>, token=<32 hex digits> or mac=<aa:bb:cc:dd:ee:ff>`);
    if (fields.has(key)) throw new SailError(`--identity: ${key} is given twice`);
    fields.set(key, part.slice(eq + 1).trim());
  }
  const missing = ["did", "token", "mac"].filter((k) => !fields.has(k));
  if (missing.length > 0)
    throw new SailError(
      `--identity: ${missing.join(", ")} missing; give did=<n>,token=<32 hex digits>,mac=<aa:bb:cc:dd:ee:ff>`,
    );
  const didText = fields.get("did") ?? "";
  const did = /^\d+$/.test(didText) ? Number(didText) : Number.NaN;
  const mac = fields.get("mac") ?? "";
  if (!MAC.test(mac)) throw new SailError(`--identity: mac "${mac}" must be six hex bytes separated by ":"`);
  let token: Uint8Array;
  try {
    token = parseToken(fields.get("token") ?? "");
  } catch (e) {
    throw new SailError(`--identity: ${(e as Error).message}`);
  }
  if (!Number.isSafeInteger(did))
    throw new SailError(`--identity: did "${didText}" must be a whole number from 1 to 4294967295`);
  try {
    // makeIdentity checks the did's range as the board does.
    return makeIdentity(new SeededRandom(0), { did, token, mac: mac.toUpperCase() });
  } catch (e) {
    throw new SailError(`--identity: ${(e as Error).message}`);
  }
}

/** The nvs partition's bytes holding `identity` in sail.factory, and nothing else. */
export function identityImage(identity: MiotIdentity, nvsBytes: number): Uint8Array {
  const chip = new FlashChip(nvsBytes);
  const region = new FlashRegion(chip, 0, nvsBytes, "nvs");
  storedIdentity(KvStore.mount(region), identity, identity);
  return chip.snapshot();
}
