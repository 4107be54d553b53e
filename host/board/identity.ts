// The device identity (did, token, MAC): the board's, not the image's
// (docs/decisions.md D4). It lives in the key-value store's "sail.factory" namespace:
// drawn from the board's seed on first boot, or given on the command line,
// then read back from flash on every later boot.

import { SailError } from "../errors.js";
import type { KvStore } from "../storage/store.js";
import type { MiotIdentity } from "../miot/board-device.js";
import { BOARD_NAMESPACE_PREFIX } from "./kv-imports.js";
import { SeededRandom } from "../random.js";
import type { BoardStorage } from "./storage.js";

/** The key-value namespace holding the identity; firmware cannot open it. */
export const FACTORY_NAMESPACE = `${BOARD_NAMESPACE_PREFIX}factory`;

/** did (non-zero, below 2^32), token and a locally administered MAC, drawn from `random` where not given. */
export function makeIdentity(random: SeededRandom, given: Partial<MiotIdentity>): MiotIdentity {
  const did = given.did ?? random.int(0x1000_0000, 0x7fff_ffff);
  if (!Number.isInteger(did) || did < 1 || did > 0xffff_ffff) {
    throw new SailError(
      `device id ${given.did} must be an integer from 1 to 4294967295 ` +
        "(miIO carries it in 32 bits; 0 is refused by clients)",
    );
  }
  if (given.token !== undefined && given.token.length !== 16)
    throw new SailError(`token must be 16 bytes (32 hex digits), got ${given.token.length}`);
  const token = given.token ?? Uint8Array.from({ length: 16 }, () => random.int(0, 255));
  const mac =
    given.mac ??
    ["02", "5A", ...[24, 16, 8, 0].map((s) => ((did >>> s) & 0xff).toString(16).padStart(2, "0").toUpperCase())].join(
      ":",
    );
  return { did, token, mac };
}

/**
 * The identity stored in `kv`, or `fresh` (stored there for next time) when
 * there is none or parts were given. Without a store, `fresh`.
 */
export function storedIdentity(kv: KvStore | null, fresh: MiotIdentity, given: Partial<MiotIdentity>): MiotIdentity {
  if (kv === null) return fresh;
  const ns = kv.openNamespace(FACTORY_NAMESPACE);
  const did = kv.get(ns, "did");
  const token = kv.get(ns, "token");
  const mac = kv.get(ns, "mac");
  const givenAny = given.did !== undefined || given.token !== undefined || given.mac !== undefined;
  if (!givenAny && typeof did === "bigint" && token instanceof Uint8Array && typeof mac === "string")
    return { did: Number(did), token, mac };
  kv.set(ns, "did", BigInt(fresh.did));
  kv.set(ns, "token", fresh.token);
  kv.set(ns, "mac", fresh.mac);
  return fresh;
}

/** The board's identity: kept in its flash, made from `seed` on first boot, or `given`. */
export function loadIdentity(storage: BoardStorage, seed: number, given: Partial<MiotIdentity>): MiotIdentity {
  const fresh = makeIdentity(new SeededRandom(seed), given);
  try {
    if (storage.kv === null) storage.mountKv();
  } catch {
    return fresh; // the store cannot mount: the log says so at boot
  }
  return storedIdentity(storage.kv, fresh, given);
}

/** A board's identity, loaded (or made and stored) on first use. */
export class BoardIdentity {
  #identity: MiotIdentity | null = null;
  readonly #seed: number;

  /** Refuses a bad `given` identity now rather than at first boot. */
  constructor(
    readonly storage: BoardStorage,
    boardSeed: number,
    readonly given: Partial<MiotIdentity> = {},
  ) {
    this.#seed = boardSeed ^ 0x5a11;
    if (Object.keys(given).length > 0) makeIdentity(new SeededRandom(this.#seed), given);
  }

  get value(): MiotIdentity {
    this.#identity ??= loadIdentity(this.storage, this.#seed, this.given);
    return this.#identity;
  }
}
