// The flash layout (docs/runtime-chip.md "The flash layout"): each board profile's
// partition table as ESP-IDF's partition table CSV, checked against ESP-IDF's
// rules (partition-tables.rst) and the profile; the emulator writes a flashed
// image where the chip's runtime reads it (sail_0, in the slot format).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Board } from "../host/board/board.js";
import { partitionCsv } from "../host/boards/partition-csv.js";
import { listBoardIds, loadBoardProfile } from "../host/boards/profile.js";
import { readSlot } from "../host/ota/slot.js";
import { FlashRegion } from "../host/flash/region.js";
import { PACKAGE_ROOT } from "../host/paths.js";
import { BLINK, firmware } from "./support/firmware.js";

interface CsvRow {
  readonly name: string;
  readonly type: string;
  readonly subtype: string;
  readonly offset: number;
  readonly size: number;
}

/** Reads a partition table CSV as ESP-IDF's gen_esp32part.py does: '#' comments, comma-separated, hex or decimal. */
function readCsv(text: string): CsvRow[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.trimStart().startsWith("#"))
    .map((l) => {
      const [name = "", type = "", subtype = "", offset = "", size = ""] = l.split(",").map((c) => c.trim());
      return { name, type, subtype, offset: Number(offset), size: Number(size) };
    });
}

const ESP_IDF_DATA_SUBTYPES = ["ota", "phy", "nvs", "coredump", "nvs_keys", "efuse", "undefined", "esphttpd", "fat"];
const sail = (args: string[]): string =>
  execFileSync(process.execPath, [join(PACKAGE_ROOT, "dist", "host", "cli", "main.js"), ...args], { encoding: "utf8" });

describe("partitions: the chip's layout", () => {
  for (const id of listBoardIds()) {
    const profile = loadBoardProfile(id);
    const flashBytes = profile.chip.flashBytes;

    it(`${id}: the generated CSV follows ESP-IDF's rules and lists the profile's partitions`, () => {
      const rows = readCsv(partitionCsv(profile, "test"));
      assert.equal(rows.length, profile.flash.partitions.length);
      const names = new Set<string>();
      let end = 0x9000; // the partition table sits at 0x8000 and takes one sector
      for (const r of rows) {
        assert.ok(r.name.length >= 1 && r.name.length <= 16, `${r.name}: names are at most 16 bytes`);
        assert.ok(!names.has(r.name), `${r.name}: names are unique`);
        names.add(r.name);
        assert.ok(r.offset >= end, `${r.name} at 0x${r.offset.toString(16)} starts after the previous one ends`);
        assert.equal(r.offset % (r.type === "app" ? 0x10000 : 0x1000), 0, `${r.name}: offset alignment`);
        assert.equal(r.size % 0x1000, 0, `${r.name}: size in sectors`);
        if (r.type === "app") assert.match(r.subtype, /^ota_\d+$|^factory$/);
        else assert.ok(ESP_IDF_DATA_SUBTYPES.includes(r.subtype) || /^0x[4-7][0-9a-f]$/.test(r.subtype), r.subtype);
        end = r.offset + r.size;
        const p = profile.flash.partitions.find((x) => x.name === r.name);
        assert.deepEqual(p && [p.type, p.offset, p.size], [r.type, r.offset, r.size], `${r.name} as in the profile`);
      }
      assert.ok(end <= flashBytes, "the table fits the flash");
      const otadata = rows.filter((r) => r.type === "data" && r.subtype === "ota");
      assert.deepEqual(
        otadata.map((r) => r.size),
        [0x2000],
        "one otadata of two sectors",
      );
    });

    it(`${id}: runtime in ota_0/ota_1 (≈1.25 MB), Sail images in sail_0/sail_1 (≈640 KB) behind sail_otadata`, () => {
      const rows = new Map(readCsv(partitionCsv(profile, "test")).map((r) => [r.name, r]));
      for (const name of ["ota_0", "ota_1"]) assert.equal(rows.get(name)?.size, 1_310_720, name);
      for (const name of ["sail_0", "sail_1"]) {
        assert.equal(rows.get(name)?.size, 655_360, name);
        assert.equal(rows.get(name)?.subtype, "0x40", `${name}: Sail's image subtype`);
      }
      assert.equal(rows.get("sail_otadata")?.subtype, "0x41");
      assert.equal(rows.get("sail_otadata")?.size, 0x2000);
      assert.equal(profile.app.partition.name, "sail_0", "an image is sized against sail_0");
    });

    it(`${id}: sail boards --partitions prints the same CSV`, () => {
      const out = sail(["boards", "--partitions", id]);
      assert.equal(out, partitionCsv(profile, `sail boards --partitions ${id}`));
      assert.match(out, /^# ESP-IDF partition table for /);
    });
  }

  it("an image flashed on the emulated board sits in sail_0 at the chip's offset, in the slot format", async () => {
    const board = Board.load("esp32-c3-devkitm");
    const blink = await firmware(BLINK);
    await board.flash(blink);
    const chip = board.storage.chip;
    const sail0 = new FlashRegion(chip, 0x292000, 655_360, "sail_0");
    const slot = readSlot(sail0);
    assert.ok(slot.status === "valid", slot.status);
    assert.deepEqual(slot.bytes, blink);
    assert.equal(String.fromCharCode(...chip.read(0x292000, 4)), "SAIL");
    assert.ok(
      chip.read(0x10000, 0x140000 * 2).every((b) => b === 0xff),
      "the runtime's ota_0/ota_1 hold nothing the emulator wrote",
    );
  });

  it("sail boards --partitions names an unknown board and the known ones", () => {
    assert.throws(
      () =>
        execFileSync(
          process.execPath,
          [join(PACKAGE_ROOT, "dist", "host", "cli", "main.js"), "boards", "--partitions", "esp32-s9"],
          { stdio: "pipe" },
        ),
      (e: Error & { stderr?: Buffer }) =>
        /esp32-s9.*no such board profile; known boards: esp32-c3-devkitm, esp32-devkitc/.test(String(e.stderr)),
    );
  });
});
