// An image in an app slot: header written last, torn writes read as empty or
// invalid, never as a broken image.

import assert from "node:assert/strict";
import { SeededRandom } from "../host/random.js";
import { FlashChip, PowerCut, SECTOR_BYTES } from "../host/flash/chip.js";
import { FlashRegion } from "../host/flash/region.js";
import { readSlot, SLOT_HEADER_BYTES, slotCapacity, SlotError, SlotWriter, writeSlot } from "../host/ota/slot.js";

const SLOT_BYTES = 16 * SECTOR_BYTES;

function slot(): { chip: FlashChip; region: FlashRegion } {
  const chip = new FlashChip(SLOT_BYTES);
  return { chip, region: new FlashRegion(chip, 0, SLOT_BYTES, "ota_1") };
}

function image(length: number, seed: number): Uint8Array {
  const r = new SeededRandom(seed);
  return Uint8Array.from({ length }, () => r.nextU32() & 0xff);
}

describe("OTA app slot", () => {
  it("a blank slot reads as empty", () => {
    assert.deepEqual(readSlot(slot().region), { status: "empty" });
  });

  it("reads back the image it was given, with its SHA-256", () => {
    const { region } = slot();
    const bytes = image(10_000, 1);
    writeSlot(region, bytes);
    const c = readSlot(region);
    assert.equal(c.status, "valid");
    assert.deepEqual(c.bytes, bytes);
    assert.equal(c.sha256.length, 32);
  });

  it("reports progress as chunks are written", () => {
    const { region } = slot();
    const seen: string[] = [];
    const w = SlotWriter.begin(region, 10, (written, total) => seen.push(`${written}/${total}`));
    w.write(new Uint8Array(4));
    w.write(new Uint8Array(6));
    w.end(() => undefined);
    assert.deepEqual(seen, ["4/10", "10/10"]);
  });

  it("a new image replaces the old one; erasing the start invalidates the old one at once", () => {
    const { region } = slot();
    writeSlot(region, image(9_000, 1));
    const w = SlotWriter.begin(region, 5_000);
    assert.equal(readSlot(region).status, "empty", "after begin the old image is gone");
    w.write(image(5_000, 2));
    assert.equal(readSlot(region).status, "empty", "no header until end");
    w.end(() => undefined);
    const c = readSlot(region);
    assert.ok(c.status === "valid" && c.bytes.length === 5_000);
  });

  it("a refused image (accept throws) leaves the slot empty", () => {
    const { region } = slot();
    const w = SlotWriter.begin(region, 100);
    w.write(image(100, 3));
    assert.throws(
      () =>
        w.end(() => {
          throw new Error("refused");
        }),
      /refused/,
    );
    assert.equal(readSlot(region).status, "empty");
  });

  it("refuses an image larger than the slot, naming both sizes", () => {
    const { region } = slot();
    assert.throws(
      () => SlotWriter.begin(region, slotCapacity(region) + 1),
      (e: unknown) =>
        e instanceof SlotError && /65,473 bytes does not fit slot ota_1, which holds at most 65,472/.test(e.message),
    );
    assert.equal(slotCapacity(region), SLOT_BYTES - SLOT_HEADER_BYTES);
  });

  it("refuses more bytes than announced, and an end before all of them", () => {
    const { region } = slot();
    const w = SlotWriter.begin(region, 10);
    assert.throws(() => w.write(new Uint8Array(11)), /11 bytes written, more than the 10 announced/);
    w.write(new Uint8Array(4));
    assert.throws(() => w.end(() => undefined), /4 of 10 bytes written; the image is incomplete/);
    assert.equal(readSlot(region).status, "empty");
  });

  it("a damaged image byte makes the slot invalid, not a broken image", () => {
    const { chip, region } = slot();
    writeSlot(region, image(3_000, 4));
    chip.poke(SLOT_HEADER_BYTES + 1234, chip.peek(SLOT_HEADER_BYTES + 1234) ^ 0x10);
    const c = readSlot(region);
    assert.equal(c.status, "invalid");
    assert.match(c.problem, /ota_1: the image's SHA-256 .* does not match its header's/);
  });

  it("a power cut at any step of a write leaves the slot empty or invalid, or whole", () => {
    const bytes = image(6_000, 5);
    const base = slot();
    writeSlot(base.region, image(7_000, 6)); // an older image was there
    const before = base.chip.snapshot();
    const probe = new FlashChip(SLOT_BYTES, before);
    const start = probe.steps;
    writeSlot(new FlashRegion(probe, 0, SLOT_BYTES, "ota_1"), bytes);
    const total = probe.steps - start;
    let whole = 0;
    for (let cut = 1; cut <= total; cut++) {
      const chip = new FlashChip(SLOT_BYTES, before);
      const region = new FlashRegion(chip, 0, SLOT_BYTES, "ota_1");
      chip.armPowerCut(cut, new SeededRandom(cut));
      assert.throws(() => writeSlot(region, bytes), PowerCut);
      const c = readSlot(region);
      if (c.status === "valid") {
        assert.equal(cut, total, `cut at step ${cut} of ${total} left a valid slot`);
        assert.deepEqual(c.bytes, bytes);
        whole++;
      }
    }
    assert.ok(whole <= 1);
  });
});
