// A partition's window onto the flash chip: offsets are relative to the
// partition, and nothing outside it can be touched.

import { FlashChip, FlashError, SECTOR_BYTES } from "./chip.js";

export class FlashRegion {
  constructor(
    readonly chip: FlashChip,
    readonly offset: number,
    readonly size: number,
    readonly name: string,
  ) {
    if (offset % SECTOR_BYTES !== 0 || size % SECTOR_BYTES !== 0 || offset + size > chip.size) {
      throw new FlashError(
        `partition ${name} (0x${offset.toString(16)} + 0x${size.toString(16)}) ` +
          `must be sector-aligned and inside the ${chip.size}-byte flash`,
      );
    }
  }

  get sectors(): number {
    return this.size / SECTOR_BYTES;
  }

  read(at: number, length: number): Uint8Array {
    this.#check(at, length, "read");
    return this.chip.read(this.offset + at, length);
  }

  write(at: number, data: Uint8Array): void {
    this.#check(at, data.length, "write");
    this.chip.write(this.offset + at, data);
  }

  /** Erases whole sectors of the partition. */
  erase(at: number, length: number): void {
    this.#check(at, length, "erase");
    this.chip.erase(this.offset + at, length);
  }

  #check(at: number, length: number, what: string): void {
    if (at < 0 || length < 0 || at + length > this.size) {
      throw new FlashError(
        `${what} of ${length} bytes at 0x${at.toString(16)} lies outside ` +
          `partition ${this.name} (0x${this.size.toString(16)} bytes)`,
      );
    }
  }
}
