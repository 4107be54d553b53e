// The otadata partition exactly as ESP-IDF lays it out (`esp_flash_partitions.h`,
// `bootloader_common.c`, `esp_ota_ops.c`): two 4 KiB sectors, each holding one
// 32-byte `esp_ota_select_entry_t` {ota_seq u32, seq_label[20], ota_state u32,
// crc u32 = crc32_le(UINT32_MAX, &ota_seq, 4)}. The valid entry with the higher
// seq wins and boots slot (seq − 1) mod 2. Each write erases a sector then
// programs it, so a power cut tears one sector and leaves the other readable.

import { crc32 } from "node:zlib";
import { OtaDataError } from "../errors.js";
import { SECTOR_BYTES } from "../flash/chip.js";
import type { FlashRegion } from "../flash/region.js";

export { OtaDataError } from "../errors.js";

/** `esp_ota_img_states_t` (`esp_flash_partitions.h`). */
export const OTA_IMG = {
  NEW: 0,
  PENDING_VERIFY: 1,
  VALID: 2,
  INVALID: 3,
  ABORTED: 4,
  UNDEFINED: 0xffffffff,
} as const;
export type OtaImgState = (typeof OTA_IMG)[keyof typeof OTA_IMG];

/** sizeof(esp_ota_select_entry_t). */
export const OTA_ENTRY_BYTES = 32;
export const OTA_LABEL_BYTES = 20;
/** Two app slots, ota_0 and ota_1 (the board's partition table has no factory app). */
export const OTA_SLOTS = 2;
const ERASED_U32 = 0xffffffff;
const AT_SEQ = 0;
const AT_STATE = 4 + OTA_LABEL_BYTES;
const AT_CRC = AT_STATE + 4;

export type SlotIndex = 0 | 1;
export type SectorIndex = 0 | 1;

export interface OtaEntry {
  readonly seq: number;
  readonly label: Uint8Array;
  readonly state: number;
  readonly crc: number;
}

/** `bootloader_common_ota_select_crc`: ROM crc32_le seeded with UINT32_MAX over the 4 bytes of ota_seq. */
export function entryCrc(seq: number): number {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, seq, true);
  return crc32(b, ERASED_U32);
}

export function encodeEntry(seq: number, state: number): Uint8Array {
  const out = new Uint8Array(OTA_ENTRY_BYTES).fill(0xff);
  const view = new DataView(out.buffer);
  view.setUint32(AT_SEQ, seq, true);
  view.setUint32(AT_STATE, state, true);
  view.setUint32(AT_CRC, entryCrc(seq), true);
  return out;
}

export function decodeEntry(bytes: Uint8Array): OtaEntry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, OTA_ENTRY_BYTES);
  return {
    seq: view.getUint32(AT_SEQ, true),
    label: bytes.slice(4, 4 + OTA_LABEL_BYTES),
    state: view.getUint32(AT_STATE, true),
    crc: view.getUint32(AT_CRC, true),
  };
}

/** Written completely: seq set and its CRC right (whatever the state). */
export function isIntact(e: OtaEntry): boolean {
  return e.seq !== ERASED_U32 && e.crc === entryCrc(e.seq);
}

/** `bootloader_common_ota_select_valid`: intact and neither INVALID nor ABORTED. */
export function isValid(e: OtaEntry): boolean {
  return isIntact(e) && e.state !== OTA_IMG.INVALID && e.state !== OTA_IMG.ABORTED;
}

export function slotOfSeq(seq: number): SlotIndex {
  return ((seq - 1) % OTA_SLOTS) as SlotIndex;
}

/** `bootloader_common_get_active_otadata`: the sector whose valid entry has the higher seq, or null. */
export function activeSector(entries: readonly [OtaEntry, OtaEntry]): SectorIndex | null {
  const [a, b] = entries.map(isValid) as [boolean, boolean];
  if (a && b) return entries[0].seq >= entries[1].seq ? 0 : 1;
  return a ? 0 : b ? 1 : null;
}

/** The smallest seq above every intact entry's that selects `slot`. */
export function nextSeq(entries: readonly [OtaEntry, OtaEntry], slot: SlotIndex): number {
  const top = Math.max(0, ...entries.filter(isIntact).map((e) => e.seq));
  let seq = top + 1;
  while (slotOfSeq(seq) !== slot) seq++;
  return seq;
}

export function stateName(state: number): string {
  const name = Object.entries(OTA_IMG).find(([, v]) => v === state)?.[0];
  return name ?? `unknown (0x${state.toString(16)})`;
}

/** The otadata partition: reads both entries, writes one sector at a time. */
export class OtaData {
  constructor(readonly region: FlashRegion) {
    if (region.size !== 2 * SECTOR_BYTES) {
      throw new OtaDataError(
        `otadata partition ${region.name} is 0x${region.size.toString(16)} ` +
          `bytes; ESP-IDF's otadata is two 4 KiB sectors (0x2000)`,
      );
    }
  }

  read(): [OtaEntry, OtaEntry] {
    return [
      decodeEntry(this.region.read(0, OTA_ENTRY_BYTES)),
      decodeEntry(this.region.read(SECTOR_BYTES, OTA_ENTRY_BYTES)),
    ];
  }

  /** The winning entry and its sector, or null when neither is valid (blank otadata). */
  active(): { readonly sector: SectorIndex; readonly entry: OtaEntry } | null {
    const entries = this.read();
    const sector = activeSector(entries);
    return sector === null ? null : { sector, entry: entries[sector] };
  }

  /**
   * `esp_ota_set_boot_partition`: a new entry selecting `slot` with a higher
   * seq, in the sector that does not hold the active entry (sector 0 when
   * none is active). A cut while writing it leaves the active entry winning.
   */
  setBoot(slot: SlotIndex, state: number = OTA_IMG.NEW): void {
    const entries = this.read();
    const active = activeSector(entries);
    const sector: SectorIndex = active === 0 ? 1 : 0;
    this.#write(sector, encodeEntry(nextSeq(entries, slot), state));
  }

  /**
   * Rewrites one sector's entry with a new state, in place, as ESP-IDF's
   * `rewrite_ota_seq` does when marking an image. A cut tears only this
   * sector, so the other (older) entry wins: the change is lost, the
   * previous firmware boots.
   */
  setState(sector: SectorIndex, state: number): void {
    const entry = this.read()[sector];
    if (!isIntact(entry)) throw new OtaDataError(`otadata sector ${sector} holds no entry to mark ${stateName(state)}`);
    this.#write(sector, encodeEntry(entry.seq, state));
  }

  /** Erases both sectors: no entry, so the bootloader boots ota_0 (how a first flash leaves otadata). */
  erase(): void {
    this.region.erase(0, 2 * SECTOR_BYTES);
  }

  #write(sector: SectorIndex, entry: Uint8Array): void {
    this.region.erase(sector * SECTOR_BYTES, SECTOR_BYTES);
    this.region.write(sector * SECTOR_BYTES, entry);
  }
}
