// otadata as ESP-IDF lays it out, and the bootloader's choice of slot.

import assert from "node:assert/strict";
import { SeededRandom } from "../host/random.js";
import { FlashChip, PowerCut, SECTOR_BYTES } from "../host/flash/chip.js";
import { FlashRegion } from "../host/flash/region.js";
import { decideBoot } from "../host/ota/bootloader.js";
import {
  activeSector,
  decodeEntry,
  encodeEntry,
  entryCrc,
  OTA_IMG,
  OtaData,
  type OtaEntry,
} from "../host/ota/otadata.js";

const BLANK = decodeEntry(new Uint8Array(32).fill(0xff));
const entry = (seq: number, state: number): OtaEntry => decodeEntry(encodeEntry(seq, state));
const BOTH_OK = [true, true] as const;

function otadata(): { chip: FlashChip; data: OtaData } {
  const chip = new FlashChip(4 * SECTOR_BYTES);
  return { chip, data: new OtaData(new FlashRegion(chip, SECTOR_BYTES, 2 * SECTOR_BYTES, "otadata")) };
}

describe("otadata", () => {
  it("encodes an entry byte for byte as esp_ota_select_entry_t", () => {
    // ota_seq 1, seq_label all 0xFF, ota_state NEW, crc32_le(UINT32_MAX, &ota_seq, 4) = 0x4743989A
    const expected = Uint8Array.from([
      0x01,
      0x00,
      0x00,
      0x00,
      ...new Array<number>(20).fill(0xff),
      0x00,
      0x00,
      0x00,
      0x00,
      0x9a,
      0x98,
      0x43,
      0x47,
    ]);
    assert.deepEqual(encodeEntry(1, OTA_IMG.NEW), expected);
    assert.equal(entryCrc(2), decodeEntry(encodeEntry(2, OTA_IMG.VALID)).crc);
  });

  it("the valid entry with the higher seq wins; a bad CRC, INVALID or ABORTED entry never does", () => {
    assert.equal(activeSector([entry(1, OTA_IMG.VALID), entry(2, OTA_IMG.VALID)]), 1);
    assert.equal(activeSector([entry(3, OTA_IMG.VALID), entry(2, OTA_IMG.VALID)]), 0);
    assert.equal(activeSector([entry(1, OTA_IMG.VALID), { ...entry(2, OTA_IMG.VALID), crc: 0 }]), 0);
    assert.equal(activeSector([entry(1, OTA_IMG.VALID), entry(2, OTA_IMG.INVALID)]), 0);
    assert.equal(activeSector([entry(1, OTA_IMG.ABORTED), entry(2, OTA_IMG.ABORTED)]), null);
    assert.equal(activeSector([BLANK, BLANK]), null);
  });

  it("setBoot writes the sector that does not hold the active entry, with a higher seq selecting the slot", () => {
    const { data } = otadata();
    data.setBoot(1);
    assert.deepEqual(
      data.active(),
      { sector: 0, entry: entry(2, OTA_IMG.NEW) },
      "blank otadata: sector 0, seq 2 selects ota_1",
    );
    data.setBoot(0);
    assert.deepEqual(data.active(), { sector: 1, entry: entry(3, OTA_IMG.NEW) });
    data.setBoot(1, OTA_IMG.VALID);
    assert.deepEqual(data.active(), { sector: 0, entry: entry(4, OTA_IMG.VALID) });
    assert.equal(data.read()[1].seq, 3, "the previous entry stays in the other sector");
  });

  it("setState rewrites the entry's own sector; marking a blank sector is refused", () => {
    const { data } = otadata();
    data.setBoot(1);
    data.setState(0, OTA_IMG.VALID);
    assert.deepEqual(data.read()[0], entry(2, OTA_IMG.VALID));
    assert.throws(() => data.setState(1, OTA_IMG.VALID), /otadata sector 1 holds no entry to mark VALID/);
  });

  it("a power cut at any step of setBoot leaves the previous entry winning, or the new one whole", () => {
    const { chip, data } = otadata();
    data.setBoot(0, OTA_IMG.VALID);
    data.setBoot(1, OTA_IMG.VALID);
    const before = chip.snapshot();
    for (let cut = 1; cut <= 1 + 8; cut++) {
      // one erase, eight program words
      const c = new FlashChip(chip.size, before);
      const d = new OtaData(new FlashRegion(c, SECTOR_BYTES, 2 * SECTOR_BYTES, "otadata"));
      c.armPowerCut(cut, new SeededRandom(cut));
      assert.throws(() => d.setBoot(0), PowerCut);
      const active = d.active();
      assert.ok(active !== null);
      if (active.entry.seq === 3) assert.equal(cut, 9, `a cut at step ${cut} left a whole new entry`);
      else assert.deepEqual(active.entry, entry(2, OTA_IMG.VALID), `cut at step ${cut}`);
    }
  });

  it("refuses an otadata partition that is not two sectors", () => {
    const chip = new FlashChip(4 * SECTOR_BYTES);
    assert.throws(() => new OtaData(new FlashRegion(chip, 0, SECTOR_BYTES, "otadata")), /two 4 KiB sectors/);
  });
});

describe("OTA bootloader decision", () => {
  it("blank otadata boots ota_0, UNDEFINED, writing nothing", () => {
    const d = decideBoot([BLANK, BLANK], BOTH_OK);
    assert.deepEqual([d.slot, d.state, d.writes], [0, OTA_IMG.UNDEFINED, []]);
  });

  it("a NEW image becomes PENDING_VERIFY and boots", () => {
    const d = decideBoot([entry(1, OTA_IMG.VALID), entry(2, OTA_IMG.NEW)], BOTH_OK);
    assert.deepEqual(
      [d.slot, d.state, d.writes],
      [1, OTA_IMG.PENDING_VERIFY, [{ sector: 1, state: OTA_IMG.PENDING_VERIFY }]],
    );
    assert.equal(d.rolledBack, false);
  });

  it("a reset while PENDING_VERIFY marks it ABORTED and boots the previous slot", () => {
    const d = decideBoot([entry(1, OTA_IMG.VALID), entry(2, OTA_IMG.PENDING_VERIFY)], BOTH_OK);
    assert.deepEqual([d.slot, d.state, d.writes], [0, OTA_IMG.VALID, [{ sector: 1, state: OTA_IMG.ABORTED }]]);
    assert.equal(d.rolledBack, true);
    assert.match(d.notes.join("\n"), /sail_1 was on trial .* marked ABORTED/);
  });

  it("a confirmed (VALID) image keeps booting", () => {
    const d = decideBoot([entry(1, OTA_IMG.VALID), entry(2, OTA_IMG.VALID)], BOTH_OK);
    assert.deepEqual([d.slot, d.state, d.writes], [1, OTA_IMG.VALID, []]);
  });

  it("INVALID and ABORTED images are never chosen, even when no other entry is valid", () => {
    assert.equal(decideBoot([entry(1, OTA_IMG.VALID), entry(2, OTA_IMG.INVALID)], BOTH_OK).slot, 0);
    assert.equal(decideBoot([entry(2, OTA_IMG.ABORTED), BLANK], BOTH_OK).slot, 0, "blank rule: ota_0");
    assert.equal(decideBoot([entry(3, OTA_IMG.ABORTED), BLANK], BOTH_OK).slot, 1, "ota_0 is the aborted one: ota_1");
    assert.equal(decideBoot([entry(3, OTA_IMG.ABORTED), BLANK], [true, false]).slot, null, "nothing else bootable");
  });

  it("a slot without a valid image is skipped for the other, and a NEW one is not started", () => {
    const d = decideBoot([entry(1, OTA_IMG.VALID), entry(2, OTA_IMG.NEW)], [true, false]);
    assert.deepEqual([d.slot, d.writes], [0, []]);
    assert.equal(decideBoot([BLANK, BLANK], [false, true]).slot, 1);
    assert.equal(decideBoot([BLANK, BLANK], [false, false]).slot, null);
  });
});
