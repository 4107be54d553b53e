// The firmware's memory high-water over every boot: the most linear memory
// it has had (pages grown), and the most it has written (a scan for the
// highest non-zero byte).

import type { GuestMemory } from "../firmware/memory.js";

export class MemoryHighWater {
  #linearBytes = 0;
  #usedBytes = 0;

  /** `memory` is the running image's guest memory (empty when nothing runs). */
  constructor(readonly memory: GuestMemory) {}

  /** Most linear memory the firmware has had, in bytes (its size after growing). */
  get linearBytes(): number {
    return this.#linearBytes;
  }

  /**
   * Most linear memory the firmware ever wrote, in bytes: one past the highest
   * non-zero byte (see GuestMemory.usedBytes). Scans the running image now.
   */
  get usedBytes(): number {
    this.scan();
    return this.#usedBytes;
  }

  /** After each handler: cheap, the buffer's size only. */
  noteLinear(bytes: number): void {
    if (bytes > this.#linearBytes) this.#linearBytes = bytes;
  }

  /** Scans the running image (at resets and when asked: a scan per event would cost too much). */
  scan(): void {
    this.#usedBytes = Math.max(this.#usedBytes, this.memory.usedBytes());
  }
}
