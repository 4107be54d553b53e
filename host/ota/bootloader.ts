// Which slot the second-stage bootloader boots, as ESP-IDF's does with
// CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE (`bootloader_utility.c`,
// `system/ota.rst`): NEW becomes PENDING_VERIFY and boots once; an image still
// PENDING_VERIFY at the next boot (it reset on trial) becomes ABORTED and the
// previous slot boots; INVALID and ABORTED entries are never chosen; with no
// valid entry (blank otadata) the first slot boots. The same rules select the
// runtime's ota_0/ota_1 on the chip and Sail's sail_0/sail_1 (docs/ota.md). A slot whose image fails its check
// is skipped for the other slot, unless an entry marks that one bad.

import {
  activeSector,
  isIntact,
  isValid,
  OTA_IMG,
  slotOfSeq,
  stateName,
  type OtaEntry,
  type SectorIndex,
  type SlotIndex,
} from "./otadata.js";

/** A state change the bootloader writes to otadata, in place, before booting. */
export interface OtaDataWrite {
  readonly sector: SectorIndex;
  readonly state: number;
}

export interface BootDecision {
  /** The slot to boot, or null when neither holds a bootable image. */
  readonly slot: SlotIndex | null;
  /** The booted image's state as `esp_ota_get_state_partition` reports it (UNDEFINED: no entry). */
  readonly state: number;
  /** Writes to make first, in order. */
  readonly writes: readonly OtaDataWrite[];
  /** An image on trial was abandoned for the previous one. */
  readonly rolledBack: boolean;
  /** What the bootloader did, one line each, for the board's log. */
  readonly notes: readonly string[];
}

/** The slots' names in notes: Sail's image slots unless the caller names its own. */
export type SlotNames = readonly [string, string];
const SAIL_SLOTS: SlotNames = ["sail_0", "sail_1"];
export const slotName = (slot: SlotIndex, names: SlotNames = SAIL_SLOTS): string => names[slot];

/** The state an entry gives a slot: that of the highest intact entry selecting it, if any. */
function latestEntryFor(entries: readonly [OtaEntry, OtaEntry], slot: SlotIndex): OtaEntry | null {
  const mine = entries.filter((e) => isIntact(e) && slotOfSeq(e.seq) === slot);
  return mine.sort((a, b) => b.seq - a.seq)[0] ?? null;
}

/** A slot the bootloader may fall back to: its image checks out and its latest entry does not mark it bad. */
function usable(
  entries: readonly [OtaEntry, OtaEntry],
  slot: SlotIndex,
  imageOk: readonly [boolean, boolean],
): boolean {
  const latest = latestEntryFor(entries, slot);
  return imageOk[slot] && (latest === null || isValid(latest));
}

/**
 * Decides the boot from the two otadata entries and whether each slot's image
 * passes its check. Pure: the caller makes the writes it returns.
 */
export function decideBoot(
  initial: readonly [OtaEntry, OtaEntry],
  imageOk: readonly [boolean, boolean],
  names: SlotNames = SAIL_SLOTS,
): BootDecision {
  const slotName = (slot: SlotIndex): string => names[slot];
  const neither = `no bootable image in ${names[0]} or ${names[1]}`;
  const entries: [OtaEntry, OtaEntry] = [initial[0], initial[1]];
  const writes: OtaDataWrite[] = [];
  const notes: string[] = [];
  let rolledBack = false;
  const mark = (sector: SectorIndex, state: number): void => {
    writes.push({ sector, state });
    entries[sector] = { ...entries[sector], state };
  };

  // A reset while on trial: the image never confirmed itself.
  for (
    let sector = activeSector(entries);
    sector !== null && entries[sector].state === OTA_IMG.PENDING_VERIFY;
    sector = activeSector(entries)
  ) {
    const slot = slotOfSeq(entries[sector].seq);
    notes.push(`${slotName(slot)} was on trial (PENDING_VERIFY) and reset before confirming: marked ABORTED`);
    mark(sector, OTA_IMG.ABORTED);
    rolledBack = true;
  }

  const active = activeSector(entries);
  if (active !== null) {
    const entry = entries[active];
    const slot = slotOfSeq(entry.seq);
    if (imageOk[slot]) {
      if (entry.state === OTA_IMG.NEW) {
        notes.push(`${slotName(slot)} is a new image: booting it on trial (PENDING_VERIFY)`);
        mark(active, OTA_IMG.PENDING_VERIFY);
        return { slot, state: OTA_IMG.PENDING_VERIFY, writes, rolledBack, notes };
      }
      if (rolledBack) notes.push(`rolled back to ${slotName(slot)} (${stateName(entry.state)})`);
      return { slot, state: entry.state, writes, rolledBack, notes };
    }
    notes.push(`${slotName(slot)} is selected by otadata but holds no valid image`);
    const other = (1 - slot) as SlotIndex;
    if (usable(entries, other, imageOk)) {
      notes.push(`booting ${slotName(other)} instead`);
      return {
        slot: other,
        state: latestEntryFor(entries, other)?.state ?? OTA_IMG.UNDEFINED,
        writes,
        rolledBack,
        notes,
      };
    }
    return {
      slot: null,
      state: OTA_IMG.UNDEFINED,
      writes,
      rolledBack,
      notes: [...notes, neither],
    };
  }

  // No valid entry: the first slot, as with blank otadata and no factory app.
  for (const slot of [0, 1] as const) {
    if (usable(entries, slot, imageOk)) {
      if (rolledBack) notes.push(`rolled back to ${slotName(slot)}`);
      else if (slot === 1) notes.push(`${names[0]} holds no valid image: booting ${names[1]}`);
      return { slot, state: latestEntryFor(entries, slot)?.state ?? OTA_IMG.UNDEFINED, writes, rolledBack, notes };
    }
  }
  return {
    slot: null,
    state: OTA_IMG.UNDEFINED,
    writes,
    rolledBack,
    notes: [...notes, neither],
  };
}
