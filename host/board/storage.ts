// A board's flash: the chip (fresh, or loaded from a file so a device keeps
// its state across runs), the partitions of its profile, the key-value store
// on the nvs partition, and the OTA manager on sail_otadata and the Sail image
// slots sail_0/sail_1 (the runtime's own ota_0/ota_1 hold no emulated data).
// Images in the slots are validated once and kept ready to boot.

import { createHash, type KeyObject } from "node:crypto";
import { FlashChip } from "../flash/chip.js";
import { flashImage, type FlashedImage } from "../flash/flash.js";
import { FlashRegion } from "../flash/region.js";
import { OtaManager } from "../ota/manager.js";
import { readSlot } from "../ota/slot.js";
import { KvStore } from "../storage/store.js";
import { partitionNamed, partitionOf, SAIL_OTADATA_NAME, SAIL_SLOT_NAMES } from "../boards/partitions.js";
import type { Partition } from "../boards/partitions.js";
import type { BoardProfile } from "../boards/profile.js";

/**
 * Images validated and compiled for a board profile, shared by every board
 * given the same cache: a thousand boards flashed with one image compile it
 * once (its WebAssembly.Module is immutable; each boot instantiates it afresh).
 */
export class ImageCache {
  readonly #ready = new Map<string, FlashedImage>();
  readonly #pending = new Map<string, Promise<FlashedImage>>();

  /** The prepared image for `bytes` on `profile`, validating and compiling it once. */
  prepare(profile: BoardProfile, bytes: Uint8Array, file: string): Promise<FlashedImage> {
    const key = cacheKey(profile, bytes);
    let p = this.#pending.get(key);
    if (p === undefined) {
      p = flashImage(bytes, profile, file).then((image) => {
        this.#ready.set(key, image);
        // A bare .wasm is stored as the image it became: the bootloader finds it by those bytes.
        if (image.bytes !== bytes) this.#ready.set(cacheKey(profile, image.bytes), image);
        return image;
      });
      this.#pending.set(key, p);
      p.catch(() => this.#pending.delete(key)); // a refused image is refused again, with its own error
    }
    return p;
  }

  /** Adds an image prepared elsewhere (e.g. in another thread) for `profile`. */
  put(profile: BoardProfile, image: FlashedImage): void {
    const key = cacheKey(profile, image.bytes);
    this.#ready.set(key, image);
    this.#pending.set(key, Promise.resolve(image));
  }

  get(profile: BoardProfile, bytes: Uint8Array): FlashedImage | null {
    return this.#ready.get(cacheKey(profile, bytes)) ?? null;
  }
}

function cacheKey(profile: BoardProfile, bytes: Uint8Array): string {
  return `${profile.file}#${sha256(bytes)}`;
}

export class BoardStorage {
  readonly chip: FlashChip;
  readonly nvs: FlashRegion;
  readonly ota: OtaManager;
  #kv: KvStore | null = null;
  readonly #transformed = new Map<string, FlashedImage>();

  constructor(
    readonly profile: BoardProfile,
    chip: FlashChip | undefined,
    trustedKey: KeyObject | string | null,
    readonly images = new ImageCache(),
  ) {
    this.chip = chip ?? new FlashChip(profile.chip.flashBytes);
    const region = (p: Partition): FlashRegion => new FlashRegion(this.chip, p.offset, p.size, p.name);
    const flash = profile.flash;
    this.nvs = region(partitionOf(flash, "data", "nvs"));
    this.ota = new OtaManager({
      slots: [region(partitionNamed(flash, SAIL_SLOT_NAMES[0])), region(partitionNamed(flash, SAIL_SLOT_NAMES[1]))],
      otadata: region(partitionNamed(flash, SAIL_OTADATA_NAME)),
      trustedKey,
      board: profile.id,
    });
  }

  /** Validates an image for this board once (it may be booted many times). */
  async prepare(
    bytes: Uint8Array,
    file: string,
    transform?: (f: FlashedImage) => Promise<FlashedImage>,
  ): Promise<FlashedImage> {
    if (transform === undefined) return this.images.prepare(this.profile, bytes, file);
    // Transformed (profiled) images are this board's own.
    const key = sha256(bytes);
    const known = this.#transformed.get(key);
    if (known !== undefined) return known;
    const flashed = await transform(await flashImage(bytes, this.profile, file));
    this.#transformed.set(key, flashed);
    if (flashed.bytes !== bytes) this.#transformed.set(sha256(flashed.bytes), flashed); // a bare .wasm's new image
    return flashed;
  }

  /** The prepared image for bytes read from a slot, or null if it was never prepared. */
  prepared(bytes: Uint8Array): FlashedImage | null {
    return this.#transformed.get(sha256(bytes)) ?? this.images.get(this.profile, bytes);
  }

  /** Prepares whatever the app slots hold (a flash loaded from a file); returns the problems found. */
  async prepareSlots(transform?: (f: FlashedImage) => Promise<FlashedImage>): Promise<string[]> {
    const problems: string[] = [];
    for (const slot of this.ota.slots) {
      const contents = readSlot(slot);
      if (contents.status !== "valid") continue;
      try {
        await this.prepare(contents.bytes, `flash ${slot.name}`, transform);
      } catch (e) {
        problems.push(`${slot.name}: ${(e as Error).message}`);
      }
    }
    return problems;
  }

  /** The key-value store, mounted at boot as nvs_flash_init does (recovering from a cut); null when it cannot mount. */
  get kv(): KvStore | null {
    return this.#kv;
  }

  /** Mounts the store; returns its warnings, or throws the mount's error. */
  mountKv(): readonly string[] {
    this.#kv = null;
    this.#kv = KvStore.mount(this.nvs);
    return this.#kv.warnings;
  }

  /** Erases the nvs partition (`sail run --erase-nvs`, or the fix a broken store's message gives). */
  eraseKv(): void {
    this.#kv = null;
    this.nvs.erase(0, this.nvs.size);
  }

  /** Runs flash work and charges its device time (the profile's typical timings) through `charge`. */
  timed<T>(body: () => T, charge: (us: number) => void): T {
    const steps = this.chip.steps;
    const erases = this.chip.erases;
    try {
      return body();
    } finally {
      const t = this.profile.flash.timing;
      const erased = this.chip.erases - erases;
      // Every other step programmed one 4-byte word; a page program is 256 bytes.
      const programmed = this.chip.steps - steps - erased;
      charge(programmed * (t.programPageUs / 64) + erased * t.eraseSectorMs * 1000);
    }
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
