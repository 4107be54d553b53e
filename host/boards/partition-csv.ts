// The ESP-IDF partition table CSV for a board profile (partition-tables.rst:
// `Name, Type, SubType, Offset, Size, Flags`), so the runtime's ESP-IDF project
// and the emulator read one layout. Sail's custom subtypes are written as
// numbers, which is how ESP-IDF's gen_esp32part.py takes custom subtypes.

import type { BoardProfile } from "./profile.js";
import { SUBTYPE_NUMBERS, type Partition } from "./partitions.js";

const hex = (n: number): string => `0x${n.toString(16)}`;

/** The subtype as the CSV gives it: ESP-IDF's name, or the number of one of Sail's. */
function csvSubtype(p: Partition): string {
  if (p.subtype.startsWith("sail_")) return hex(SUBTYPE_NUMBERS[p.type][p.subtype] ?? 0);
  return p.subtype;
}

export function partitionCsv(profile: BoardProfile, command: string): string {
  const rows = [...profile.flash.partitions]
    .sort((a, b) => a.offset - b.offset)
    .map((p) => [p.name, p.type, csvSubtype(p), hex(p.offset), hex(p.size), ""]);
  const width = (i: number): number => Math.max(...rows.map((r) => (r[i] ?? "").length + 1));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (i < r.length - 1 ? `${cell},`.padEnd(width(i) + 1) : cell))
      .join("")
      .trimEnd(),
  );
  return [
    `# ESP-IDF partition table for ${profile.id}, generated from boards/${profile.id}.json by \`${command}\`.`,
    "# Do not edit: change the board profile and generate it again (docs/runtime.md).",
    "# sail_image (0x40) and sail_ota (0x41) are Sail's data subtypes (docs/decisions.md D120).",
    "# Name, Type, SubType, Offset, Size, Flags",
    ...lines,
    "",
  ].join("\n");
}
