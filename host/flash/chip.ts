// SPI NOR flash as the ESP32's 4 MB part behaves: erased bytes read 0xFF, a
// write (program) can only clear bits (new = old & data), only a 4 KiB sector
// erase sets them again. Each sector counts its erases (wear). A seeded power
// cut can be armed to strike at any program or erase step, leaving that step
// torn the way real NOR tears: some bits cleared, some not. Erased sectors
// take no memory, so a thousand boards with 4 MB chips fit in a few MB.

import { FlashError, PowerCut } from "../errors.js";
import type { SeededRandom } from "../random.js";
import { defined } from "../defined.js";

export { FlashError, PowerCut } from "../errors.js";

export const SECTOR_BYTES = 4096;
/** Granularity of one program step: a cut strikes between or inside words. */
export const PROGRAM_WORD_BYTES = 4;

export class FlashChip {
  readonly eraseCounts: Uint32Array;
  /** Program and erase steps since creation (a program step is one word). */
  steps = 0;
  /** Sector erases since creation. */
  erases = 0;
  /** Sector contents; null is an erased sector (all 0xFF). */
  readonly #sectors: (Uint8Array | null)[];
  #cutAt: number | null = null;
  #tear: SeededRandom | null = null;

  constructor(
    readonly size: number,
    contents?: Uint8Array,
  ) {
    if (size % SECTOR_BYTES !== 0 || size <= 0)
      throw new FlashError(`flash size ${size} must be a positive multiple of ${SECTOR_BYTES}`);
    this.eraseCounts = new Uint32Array(size / SECTOR_BYTES);
    this.#sectors = new Array<Uint8Array | null>(size / SECTOR_BYTES).fill(null);
    if (contents !== undefined) {
      if (contents.length !== size)
        throw new FlashError(`flash contents are ${contents.length} bytes; the chip has ${size}`);
      this.restore(contents);
    }
  }

  read(offset: number, length: number): Uint8Array {
    this.#check(offset, length, "read");
    const out = new Uint8Array(length).fill(0xff);
    for (let at = offset; at < offset + length;) {
      const s = Math.floor(at / SECTOR_BYTES);
      const end = Math.min(offset + length, (s + 1) * SECTOR_BYTES);
      const sector = this.#sectors[s];
      if (sector) out.set(sector.subarray(at - s * SECTOR_BYTES, end - s * SECTOR_BYTES), at - offset);
      at = end;
    }
    return out;
  }

  /** Programs bytes: each bit can only go from 1 to 0. */
  write(offset: number, data: Uint8Array): void {
    this.#check(offset, data.length, "write");
    for (let w = 0; w < data.length; w += PROGRAM_WORD_BYTES) {
      const end = Math.min(data.length, w + PROGRAM_WORD_BYTES);
      this.#step((torn) => {
        for (let i = w; i < end; i++) {
          const old = this.peek(offset + i);
          const target = old & (data[i] as number); // i < data.length
          this.#set(offset + i, torn === null ? target : old & (target | (torn.nextU32() & 0xff)));
        }
      });
    }
  }

  /** Erases the 4 KiB sectors covering [offset, offset + length). */
  erase(offset: number, length: number): void {
    if (offset % SECTOR_BYTES !== 0 || length % SECTOR_BYTES !== 0) {
      throw new FlashError(
        `erase at 0x${offset.toString(16)} + 0x${length.toString(16)} is not aligned to ${SECTOR_BYTES}-byte sectors`,
      );
    }
    this.#check(offset, length, "erase");
    for (let s = offset; s < offset + length; s += SECTOR_BYTES) {
      this.#step((torn) => {
        const index = s / SECTOR_BYTES;
        if (torn === null) this.#sectors[index] = null;
        // A torn erase leaves a random mix of erased and old bytes.
        else for (let i = s; i < s + SECTOR_BYTES; i++) if (torn.nextU32() & 1) this.#set(i, 0xff);
        this.eraseCounts[index] = defined(this.eraseCounts[index], "erase count") + 1;
        this.erases++;
      });
    }
  }

  /** Test face: one byte as it is on the chip. */
  peek(offset: number): number {
    const s = Math.floor(offset / SECTOR_BYTES);
    return this.#sectors[s]?.[offset - s * SECTOR_BYTES] ?? 0xff;
  }

  /** Test face: sets a byte directly, bypassing NOR rules (corruption, a damaged chip). */
  poke(offset: number, value: number): void {
    this.#check(offset, 1, "poke");
    this.#set(offset, value & 0xff);
  }

  /** The whole chip's contents (as `esptool.py read_flash` would dump them). */
  snapshot(): Uint8Array {
    return this.read(0, this.size);
  }

  /** Test face: replaces the whole chip's contents. */
  restore(contents: Uint8Array): void {
    if (contents.length !== this.size)
      throw new FlashError(`flash contents are ${contents.length} bytes; the chip has ${this.size}`);
    for (let s = 0; s < this.#sectors.length; s++) {
      const bytes = contents.subarray(s * SECTOR_BYTES, (s + 1) * SECTOR_BYTES);
      this.#sectors[s] = bytes.every((b) => b === 0xff) ? null : bytes.slice();
    }
  }

  /** Bytes of memory the chip's written sectors take. */
  get residentBytes(): number {
    return this.#sectors.reduce((n, s) => n + (s === null ? 0 : SECTOR_BYTES), 0);
  }

  #set(offset: number, value: number): void {
    const s = Math.floor(offset / SECTOR_BYTES);
    let sector = this.#sectors[s];
    if (!sector) {
      if (value === 0xff) return;
      sector = new Uint8Array(SECTOR_BYTES).fill(0xff);
      this.#sectors[s] = sector;
    }
    sector[offset - s * SECTOR_BYTES] = value;
  }

  /** Arms a power cut: the `after`-th step from now (1 = the next) is torn and throws PowerCut. */
  armPowerCut(after: number, tear: SeededRandom): void {
    this.#cutAt = this.steps + after;
    this.#tear = tear;
  }

  disarmPowerCut(): void {
    this.#cutAt = null;
    this.#tear = null;
  }

  #step(apply: (torn: SeededRandom | null) => void): void {
    this.steps++;
    if (this.#cutAt !== null && this.steps >= this.#cutAt) {
      const tear = this.#tear;
      this.disarmPowerCut();
      apply(tear);
      throw new PowerCut(this.steps);
    }
    apply(null);
  }

  #check(offset: number, length: number, what: string): void {
    if (
      !Number.isInteger(offset) ||
      !Number.isInteger(length) ||
      offset < 0 ||
      length < 0 ||
      offset + length > this.size
    ) {
      throw new FlashError(
        `flash ${what} of ${length} bytes at 0x${offset.toString(16)} lies outside the ${this.size}-byte chip`,
      );
    }
  }
}
