// SPI NOR flash as the emulated board models it: erased reads 0xFF, a program
// only clears bits, a 4 KiB sector erase sets them again and counts wear, and
// an armed power cut tears exactly one program word or erase.

import assert from "node:assert/strict";
import { FlashChip, FlashError, PowerCut, SECTOR_BYTES } from "../host/flash/chip.js";
import { FlashRegion } from "../host/flash/region.js";
import { SeededRandom } from "../host/random.js";
import { defined } from "../host/defined.js";

const CHIP = 4 * SECTOR_BYTES;

describe("flash chip", () => {
  it("an erased chip reads 0xFF everywhere", () => {
    const chip = new FlashChip(CHIP);
    assert.ok(chip.read(0, CHIP).every((b) => b === 0xff));
  });

  it("a program only clears bits: writing over data ANDs it", () => {
    const chip = new FlashChip(CHIP);
    chip.write(8, new Uint8Array([0x0f, 0xaa]));
    chip.write(8, new Uint8Array([0xf0, 0xff]));
    assert.deepEqual(chip.read(8, 2), new Uint8Array([0x00, 0xaa]));
    chip.write(9, new Uint8Array([0x55]));
    assert.deepEqual(chip.read(9, 1), new Uint8Array([0x00]), "a 1 cannot come back without an erase");
  });

  it("erase sets one whole sector back to 0xFF and counts the erase for that sector", () => {
    const chip = new FlashChip(CHIP);
    chip.write(SECTOR_BYTES - 4, new Uint8Array(8)); // straddles sectors 0 and 1
    chip.erase(SECTOR_BYTES, SECTOR_BYTES);
    assert.deepEqual(chip.read(SECTOR_BYTES - 4, 8), new Uint8Array([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]));
    chip.erase(SECTOR_BYTES, 2 * SECTOR_BYTES);
    assert.deepEqual([...chip.eraseCounts], [0, 2, 1, 0]);
  });

  it("refuses misaligned erases and accesses outside the chip, naming the offset", () => {
    const chip = new FlashChip(CHIP);
    assert.throws(
      () => chip.erase(100, SECTOR_BYTES),
      (e: unknown) =>
        e instanceof FlashError && /erase at 0x64 \+ 0x1000 is not aligned to 4096-byte sectors/.test(e.message),
    );
    assert.throws(() => chip.erase(0, 100), /not aligned/);
    assert.throws(
      () => chip.write(CHIP - 2, new Uint8Array(4)),
      /flash write of 4 bytes at 0x3ffe lies outside the 16384-byte chip/,
    );
    assert.throws(() => chip.read(-1, 1), /flash read/);
    assert.throws(() => chip.erase(CHIP, SECTOR_BYTES), /outside/);
    assert.deepEqual([...chip.eraseCounts], [0, 0, 0, 0], "a refused erase erases nothing");
  });

  it("refuses a size that is not whole sectors, and contents of the wrong length", () => {
    assert.throws(() => new FlashChip(1000), /flash size 1000 must be a positive multiple of 4096/);
    assert.throws(() => new FlashChip(CHIP, new Uint8Array(10)), /flash contents are 10 bytes; the chip has 16384/);
    assert.deepEqual(
      new FlashChip(SECTOR_BYTES, new Uint8Array(SECTOR_BYTES).fill(7)).read(0, 2),
      new Uint8Array([7, 7]),
    );
  });

  it("counts a step per 4-byte word programmed and per sector erased", () => {
    const chip = new FlashChip(CHIP);
    chip.write(0, new Uint8Array(10));
    assert.equal(chip.steps, 3);
    chip.erase(0, 2 * SECTOR_BYTES);
    assert.equal(chip.steps, 5);
  });

  it("a power cut tears exactly the armed step: earlier words land, later ones never happen", () => {
    const chip = new FlashChip(CHIP);
    chip.armPowerCut(3, new SeededRandom(1));
    assert.throws(
      () => chip.write(0, new Uint8Array(16)),
      (e: unknown) => e instanceof PowerCut && e.step === 3,
    );
    assert.deepEqual(chip.read(0, 8), new Uint8Array(8), "words 1 and 2 were programmed");
    assert.deepEqual(chip.read(12, 4), new Uint8Array([0xff, 0xff, 0xff, 0xff]), "word 4 never started");
    chip.write(12, new Uint8Array(4));
    assert.deepEqual(chip.read(12, 4), new Uint8Array(4), "the cut fired once; the chip works again");
  });

  it("a torn program only clears bits the write was clearing, at random", () => {
    const chip = new FlashChip(CHIP);
    chip.write(0, new Uint8Array([0xf0, 0xf0, 0xf0, 0xf0]));
    chip.armPowerCut(1, new SeededRandom(5));
    assert.throws(() => chip.write(0, new Uint8Array([0x00, 0x0f, 0x3c, 0xff])), PowerCut);
    const torn = chip.read(0, 4);
    const old = [0xf0, 0xf0, 0xf0, 0xf0];
    const target = [0x00, 0x00, 0x30, 0xf0];
    for (let i = 0; i < 4; i++) {
      const [t, o, w] = [defined(torn[i], "torn byte"), defined(old[i], "old byte"), defined(target[i], "target byte")];
      assert.equal(t & ~o, 0, `byte ${i} gained a bit`);
      assert.equal(t & w, w, `byte ${i} lost a bit the write kept`);
    }
    assert.notDeepEqual([...torn], old, "some cleared bits landed");
    assert.notDeepEqual([...torn], target, "not all of them did");
  });

  it("a torn erase leaves each byte erased or as it was, and still counts the erase", () => {
    const chip = new FlashChip(CHIP);
    chip.write(SECTOR_BYTES, new Uint8Array(SECTOR_BYTES).fill(0x5a));
    chip.armPowerCut(1, new SeededRandom(9));
    assert.throws(() => chip.erase(SECTOR_BYTES, SECTOR_BYTES), PowerCut);
    const after = chip.read(SECTOR_BYTES, SECTOR_BYTES);
    assert.ok(after.every((b) => b === 0xff || b === 0x5a));
    const erased = after.filter((b) => b === 0xff).length;
    assert.ok(erased > 1000 && erased < 3000, `${erased} bytes erased`);
    assert.equal(chip.eraseCounts[1], 1);
  });

  it("the same seed tears the same way", () => {
    const tornWith = (seed: number): Uint8Array => {
      const chip = new FlashChip(CHIP);
      chip.armPowerCut(1, new SeededRandom(seed));
      assert.throws(() => chip.write(0, new Uint8Array(4)), PowerCut);
      return chip.read(0, 4);
    };
    assert.deepEqual(tornWith(42), tornWith(42));
    assert.notDeepEqual(tornWith(42), tornWith(43));
  });

  it("a partition region confines reads, writes and erases to itself", () => {
    const chip = new FlashChip(CHIP);
    const region = new FlashRegion(chip, SECTOR_BYTES, 2 * SECTOR_BYTES, "nvs");
    region.write(0, new Uint8Array([1, 2]));
    assert.deepEqual(chip.read(SECTOR_BYTES, 2), new Uint8Array([1, 2]));
    region.erase(SECTOR_BYTES, SECTOR_BYTES);
    assert.deepEqual([...chip.eraseCounts], [0, 0, 1, 0]);
    assert.throws(
      () => region.write(2 * SECTOR_BYTES - 1, new Uint8Array(2)),
      /write of 2 bytes at 0x1fff lies outside partition nvs \(0x2000 bytes\)/,
    );
    assert.throws(
      () => new FlashRegion(chip, 100, SECTOR_BYTES, "bad"),
      /partition bad \(0x64 \+ 0x1000\) must be sector-aligned/,
    );
  });
});
