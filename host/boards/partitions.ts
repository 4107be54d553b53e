// A board profile's flash partition table, checked by ESP-IDF's rules
// (partition-tables.rst, gen_esp32part.py: the table itself at 0x8000, app
// partitions on 64 KiB boundaries, data on 4 KiB sectors, unique names of at
// most 16 bytes, one otadata of two sectors) and by Sail's layout
// (docs/runtime-chip.md "The flash layout"): the runtime in ota_0/ota_1, Sail images
// in sail_0/sail_1 selected by sail_otadata. Every refusal names the field.

import type { Fields, Json } from "./profile.js";
import { defined } from "../defined.js";
import { quoteValue } from "../quote.js";

export interface Partition {
  readonly name: string;
  readonly type: "app" | "data";
  /** ESP-IDF subtype name (nvs, ota, phy, ota_0, ota_1 ...) or Sail's own (sail_image, sail_ota). */
  readonly subtype: string;
  readonly offset: number;
  readonly size: number;
}

export interface FlashProfile {
  readonly partitions: readonly Partition[];
  readonly timing: { readonly eraseSectorMs: number; readonly programPageUs: number; readonly source: string };
}

export const SECTOR = 4096;
export const APP_ALIGN = 0x10000;
/** Where ESP-IDF puts the partition table (CONFIG_PARTITION_TABLE_OFFSET's default); it takes one sector. */
export const PARTITION_TABLE_OFFSET = 0x8000;
/** The partition name field: 16 bytes, NUL-padded. */
export const NAME_BYTES_MAX = 16;

/**
 * The subtype numbers an ESP-IDF partition table CSV gives (esp_partition.h).
 * Sail's two are in the custom range ESP-IDF leaves to applications
 * (docs/decisions.md D120): the port finds its partitions by label anyway.
 */
export const SUBTYPE_NUMBERS: Readonly<Record<Partition["type"], Readonly<Record<string, number>>>> = {
  app: {
    factory: 0x00,
    test: 0x20,
    ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`ota_${i}`, 0x10 + i])),
  },
  data: {
    ota: 0x00,
    phy: 0x01,
    nvs: 0x02,
    coredump: 0x03,
    nvs_keys: 0x04,
    efuse: 0x05,
    undefined: 0x06,
    esphttpd: 0x80,
    fat: 0x81,
    spiffs: 0x82,
    littlefs: 0x83,
    sail_image: 0x40,
    sail_ota: 0x41,
  },
};

/** Sail's image slots and their selection, by name (the ESP-IDF port looks them up by label). */
export const SAIL_SLOT_NAMES = ["sail_0", "sail_1"] as const;
export const SAIL_OTADATA_NAME = "sail_otadata";

const REQUIRED: readonly (readonly [Partition["type"], string, string])[] = [
  ["data", "nvs", "the key-value store"],
  ["data", "ota", "the runtime's OTA boot selection (otadata)"],
  ["app", "ota_0", "the runtime's first app slot"],
  ["app", "ota_1", "the runtime's second app slot"],
  ["data", "sail_ota", "the Sail image selection (sail_otadata)"],
];

export function parseFlash(f: Fields, o: Json, flashBytes: number): FlashProfile {
  const partitions = f.arr(o, "partitions", ".flash").map((p, i) => parsePartition(f, p, i, flashBytes));
  checkTable(f, partitions);
  const t = f.known(f.obj(o["timing"], ".flash.timing"), ".flash.timing", ["eraseSectorMs", "programPageUs", "source"]);
  return {
    partitions,
    timing: {
      eraseSectorMs: f.num(t, "eraseSectorMs", ".flash.timing", 0, 10_000),
      programPageUs: f.num(t, "programPageUs", ".flash.timing", 0, 100_000),
      source: f.str(t, "source", ".flash.timing"),
    },
  };
}

function parsePartition(f: Fields, p: unknown, i: number, flashBytes: number): Partition {
  const path = `.flash.partitions[${i}]`;
  const j = f.known(f.obj(p, path), path, ["name", "type", "subtype", "offset", "size"]);
  const typeJ = j["type"];
  if (typeJ !== "app" && typeJ !== "data") f.fail(`${path}.type`, `must be "app" or "data", got ${quoteValue(typeJ)}`);
  const type: Partition["type"] = typeJ;
  const name = f.str(j, "name", path);
  if (new TextEncoder().encode(name).length > NAME_BYTES_MAX || !/^[\x21-\x7e]+$/.test(name))
    f.fail(`${path}.name`, `"${name}" must be 1 to ${NAME_BYTES_MAX} printable ASCII characters without spaces`);
  const subtype = f.str(j, "subtype", path);
  const known = SUBTYPE_NUMBERS[type];
  if (known[subtype] === undefined)
    f.fail(
      `${path}.subtype`,
      `"${subtype}" is not a subtype of ${type} partitions; allowed: ${Object.keys(known).join(", ")}`,
    );
  const part: Partition = {
    name,
    type,
    subtype,
    offset: f.int(j, "offset", path, 0, flashBytes - SECTOR),
    size: f.int(j, "size", path, SECTOR, flashBytes),
  };
  const align = type === "app" ? APP_ALIGN : SECTOR;
  if (part.offset % align !== 0)
    f.fail(
      `${path}.offset`,
      `0x${part.offset.toString(16)} must be a multiple of 0x${align.toString(16)} for ${type} partitions`,
    );
  if (part.offset < PARTITION_TABLE_OFFSET + SECTOR)
    f.fail(
      `${path}.offset`,
      `0x${part.offset.toString(16)} is below 0x${(PARTITION_TABLE_OFFSET + SECTOR).toString(16)}: ` +
        `the bootloader and the partition table (at 0x${PARTITION_TABLE_OFFSET.toString(16)}) come first`,
    );
  if (part.size % SECTOR !== 0)
    f.fail(`${path}.size`, `0x${part.size.toString(16)} must be a multiple of the 4 KiB sector`);
  if (part.offset + part.size > flashBytes)
    f.fail(path, `ends at 0x${(part.offset + part.size).toString(16)}, past the ${flashBytes}-byte flash`);
  return part;
}

function checkTable(f: Fields, partitions: readonly Partition[]): void {
  const names = new Set<string>();
  partitions.forEach((p, i) => {
    if (names.has(p.name)) f.fail(`.flash.partitions[${i}].name`, `"${p.name}" is used twice; names must be unique`);
    names.add(p.name);
  });
  const sorted = [...partitions].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [defined(sorted[i - 1], "partition"), defined(sorted[i], "partition")];
    if (a.offset + a.size > b.offset) f.fail(".flash.partitions", `${a.name} and ${b.name} overlap`);
  }
  for (const [type, subtype, what] of REQUIRED) {
    const n = partitions.filter((p) => p.type === type && p.subtype === subtype).length;
    if (n !== 1) f.fail(".flash.partitions", `needs exactly one ${type}/${subtype} partition (${what}), found ${n}`);
  }
  for (const subtype of ["ota", "sail_ota"]) {
    const p = defined(
      partitions.find((x) => x.type === "data" && x.subtype === subtype),
      subtype,
    );
    if (p.size !== 2 * SECTOR)
      f.fail(
        ".flash.partitions",
        `the ${subtype === "ota" ? "otadata" : "sail_otadata"} partition ${p.name} ` +
          "must be 0x2000 bytes (two sectors), " +
          `got 0x${p.size.toString(16)}`,
      );
  }
  const selection = defined(
    partitions.find((x) => x.type === "data" && x.subtype === "sail_ota"),
    "sail_ota",
  );
  if (selection.name !== SAIL_OTADATA_NAME)
    f.fail(
      ".flash.partitions",
      `the data/sail_ota partition must be named ${SAIL_OTADATA_NAME}, got "${selection.name}"`,
    );
  const images = partitions.filter((p) => p.type === "data" && p.subtype === "sail_image");
  const imageNames = images.map((p) => p.name).sort();
  if (imageNames.join() !== SAIL_SLOT_NAMES.join())
    f.fail(
      ".flash.partitions",
      `needs exactly two data/sail_image partitions named ${SAIL_SLOT_NAMES.join(" and ")} (the Sail image slots), ` +
        `found ${imageNames.length === 0 ? "none" : imageNames.join(", ")}`,
    );
  const first = defined(
    images.find((p) => p.name === SAIL_SLOT_NAMES[0]),
    "sail_0",
  );
  const second = defined(
    images.find((p) => p.name === SAIL_SLOT_NAMES[1]),
    "sail_1",
  );
  if (first.size !== second.size)
    f.fail(
      ".flash.partitions",
      `sail_0 and sail_1 must be the same size (an update goes to either), got ${first.size} and ${second.size}`,
    );
  const nvs = defined(
    partitions.find((p) => p.subtype === "nvs" && p.type === "data"),
    "nvs partition",
  );
  if (nvs.size < 3 * SECTOR)
    f.fail(
      ".flash.partitions",
      `the nvs partition ${nvs.name} must be at least 0x3000 bytes (three pages, one kept free)`,
    );
}

/** The partition of a given type and subtype (the profile guarantees the required ones). */
export function partitionOf(flash: FlashProfile, type: Partition["type"], subtype: string): Partition {
  const p = flash.partitions.find((x) => x.type === type && x.subtype === subtype);
  if (p === undefined) throw new Error(`no ${type}/${subtype} partition`);
  return p;
}

/** The partition named `name` (the profile guarantees sail_0, sail_1 and sail_otadata). */
export function partitionNamed(flash: FlashProfile, name: string): Partition {
  const p = flash.partitions.find((x) => x.name === name);
  if (p === undefined) throw new Error(`no partition named ${name}`);
  return p;
}
