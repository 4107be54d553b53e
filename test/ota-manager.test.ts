// The board's OTA manager: update, trial boot, confirm or roll back, and power
// cuts at any step of an update leaving the old firmware booting.

import assert from "node:assert/strict";
import { SeededRandom } from "../host/random.js";
import { FlashChip, PowerCut } from "../host/flash/chip.js";
import { readManifest, withManifest, type Manifest } from "../host/flash/manifest.js";
import { FlashRegion } from "../host/flash/region.js";
import { OtaError, type RefusalReason } from "../host/ota/checks.js";
import { OtaManager } from "../host/ota/manager.js";
import { OTA_IMG } from "../host/ota/otadata.js";
import { generateSigningKeys, loadPrivateKey, signImage } from "../host/ota/signature.js";
import { readWasm, removeCustomSections } from "../host/wasm/binary.js";
import { BLINK, firmware, SMART_LAMP } from "./support/firmware.js";
import { defined } from "../host/defined.js";

const KIB = 1024;
const FLASH_BYTES = 4 * KIB * KIB;
/** The board's partition table (boards/esp32-devkitc.json). */
const OTADATA = { offset: 0xd000, size: 0x2000 };
const OTA_0 = { offset: 0x10000, size: 0x180000 };
const OTA_1 = { offset: 0x190000, size: 0x180000 };
const BOARD = "esp32-devkitc";

const keys = generateSigningKeys();
const priv = loadPrivateKey(keys.privatePem, "release.pem");

function manager(chip: FlashChip, trustedKey: string | null = keys.publicPem): OtaManager {
  return new OtaManager({
    slots: [
      new FlashRegion(chip, OTA_0.offset, OTA_0.size, "ota_0"),
      new FlashRegion(chip, OTA_1.offset, OTA_1.size, "ota_1"),
    ],
    otadata: new FlashRegion(chip, OTADATA.offset, OTADATA.size, "otadata"),
    trustedKey,
    board: BOARD,
  });
}

function release(image: Uint8Array, version: string, changes: Partial<Manifest> = {}): Uint8Array {
  const m = defined(readManifest(readWasm(image), "image"), "the manifest");
  return signImage(withManifest(image, { ...m, version, ...changes }), priv, `${m.name}-${version}.wasm`);
}

/** The image with its manifest's version digit changed after signing: still valid wasm, no longer what was signed. */
function tamper(signed: Uint8Array): Uint8Array {
  const at = Buffer.from(signed).indexOf('"version":"') + '"version":"'.length;
  const out = signed.slice();
  out[at] = out[at] === 0x39 ? 0x38 : 0x39;
  return out;
}

const versionOf = (bytes: Uint8Array | null): string | undefined =>
  bytes === null ? undefined : readManifest(readWasm(bytes), "booted")?.version;

function refusedWith(reason: RefusalReason, pattern: RegExp): (e: unknown) => boolean {
  return (e) => e instanceof OtaError && e.reason === reason && pattern.test(e.message);
}

describe("OTA manager", () => {
  let blink: Uint8Array;
  let v1: Uint8Array;
  let v2: Uint8Array;
  let v3: Uint8Array;
  before(async () => {
    blink = await firmware(BLINK);
    v1 = release(blink, "1.0.0");
    v2 = release(blink, "1.1.0");
    v3 = release(blink, "1.2.0");
  });

  /** A board flashed over serial with v1 and booted. */
  function fresh(): { chip: FlashChip; ota: OtaManager } {
    const chip = new FlashChip(FLASH_BYTES);
    const ota = manager(chip);
    ota.flashDirect(v1);
    return { chip, ota };
  }

  it("an image flashed directly boots from ota_0, UNDEFINED (ota_state -1)", () => {
    const { ota } = fresh();
    const boot = ota.bootImage();
    assert.deepEqual([boot.slot, boot.state, boot.otaState, boot.rolledBack], [0, OTA_IMG.UNDEFINED, -1, false]);
    assert.deepEqual(boot.image, v1);
    assert.equal(boot.manifest?.version, "1.0.0");
  });

  it("an update boots once on trial, and after ota_confirm keeps booting VALID", () => {
    const { chip, ota } = fresh();
    ota.bootImage();
    const seen: number[] = [];
    const m = ota.apply(v2, { onProgress: (written) => seen.push(written) });
    assert.equal(m.version, "1.1.0");
    assert.equal(seen.at(-1), v2.length);
    let boot = manager(chip).bootImage();
    assert.deepEqual([boot.slot, versionOf(boot.image), boot.otaState], [1, "1.1.0", OTA_IMG.PENDING_VERIFY]);
    boot = manager(chip).bootImage(); // it reset before confirming...
    assert.equal(versionOf(boot.image), "1.0.0", "...so it was rolled back");
    // Again, confirming this time.
    const a = manager(chip);
    a.bootImage();
    a.apply(v2);
    const b = manager(chip);
    assert.equal(b.bootImage().otaState, OTA_IMG.PENDING_VERIFY);
    assert.equal(b.confirm(), OTA_IMG.VALID);
    boot = manager(chip).bootImage();
    assert.deepEqual([versionOf(boot.image), boot.otaState, boot.rolledBack], ["1.1.0", OTA_IMG.VALID, false]);
  });

  it("a reset while on trial rolls back to the previous image and says so", () => {
    const { chip, ota } = fresh();
    ota.bootImage();
    ota.apply(v2);
    manager(chip).bootImage(); // trial boot: PENDING_VERIFY
    const boot = manager(chip).bootImage(); // the trial image reset without confirming
    assert.deepEqual([boot.slot, versionOf(boot.image), boot.rolledBack], [0, "1.0.0", true]);
    assert.match(
      boot.notes.join("\n"),
      /ota_1 was on trial \(PENDING_VERIFY\) and reset before confirming: marked ABORTED/,
    );
    assert.equal(manager(chip).bootImage().slot, 0, "and the aborted image is never tried again");
  });

  it("ota_reject marks the trial image INVALID: the next boot runs the previous one", () => {
    const { chip, ota } = fresh();
    ota.bootImage();
    ota.apply(v2);
    const trial = manager(chip);
    trial.bootImage();
    assert.equal(trial.reject(), true);
    const boot = manager(chip).bootImage();
    assert.deepEqual([boot.slot, versionOf(boot.image)], [0, "1.0.0"]);
  });

  it("ota_reject with nothing to roll back to changes nothing", () => {
    const { chip, ota } = fresh();
    ota.bootImage();
    assert.equal(ota.reject(), false);
    assert.equal(versionOf(manager(chip).bootImage().image), "1.0.0");
  });

  it("updates alternate slots: v1 → v2 → v3, each confirmed", () => {
    const { chip, ota } = fresh();
    ota.bootImage();
    const slots: (number | null)[] = [];
    for (const next of [v2, v3]) {
      const m = manager(chip);
      m.bootImage();
      m.confirm();
      m.apply(next);
      const b = manager(chip);
      slots.push(b.bootImage().slot);
      b.confirm();
    }
    assert.deepEqual(slots, [1, 0]);
    assert.equal(versionOf(manager(chip).bootImage().image), "1.2.0");
  });

  it("refuses an update while the running image is still on trial", () => {
    const { chip, ota } = fresh();
    ota.bootImage();
    ota.apply(v2);
    const trial = manager(chip);
    trial.bootImage();
    assert.throws(() => trial.apply(v3), refusedWith("on-trial", /running image \(ota_1\) is on trial/));
  });

  it("refuses every update when the board has no trusted key", () => {
    const chip = new FlashChip(FLASH_BYTES);
    const ota = manager(chip, null);
    ota.flashDirect(v1);
    ota.bootImage();
    assert.throws(() => ota.apply(v2), refusedWith("no-trusted-key", /no trusted key: give the board one/));
    assert.throws(() => ota.begin(v2.length), refusedWith("no-trusted-key", /no trusted key/));
  });

  it("refuses a downgrade from the running image's version, touching no flash", () => {
    const { chip, ota } = fresh();
    ota.bootImage();
    ota.apply(v3);
    const b = manager(chip);
    b.bootImage();
    b.confirm();
    const steps = chip.steps;
    assert.throws(
      () => b.apply(v2, { file: "lamp-1.1.0.wasm" }),
      refusedWith("downgrade", /^lamp-1\.1\.0\.wasm: blink 1\.1\.0 is older than the running 1\.2\.0/),
    );
    assert.equal(chip.steps, steps, "a refused update writes nothing");
  });

  it("refuses unsigned, tampered, wrong-board and oversized updates; the old image keeps booting", () => {
    const { chip, ota } = fresh();
    ota.bootImage();
    const tampered = tamper(v2);
    assert.throws(() => ota.apply(removeCustomSections(v2, ["sail.signature"])), refusedWith("unsigned", /not signed/));
    assert.throws(() => ota.apply(tampered), refusedWith("tampered", /signature does not verify/));
    assert.throws(
      () => ota.apply(release(blink, "1.1.0", { boards: ["esp32-c3-devkitm"] })),
      refusedWith("wrong-board", /not esp32-devkitc/),
    );
    assert.throws(() => ota.begin(OTA_1.size), refusedWith("too-large", /do not fit slot ota_1/));
    assert.equal(versionOf(manager(chip).bootImage().image), "1.0.0");
  });

  it("a streamed update with the wrong SHA-256 is refused and never boots", () => {
    const { chip, ota } = fresh();
    ota.bootImage();
    const u = ota.begin(v2.length, { sha256: "00".repeat(32), file: "http://x/v2.wasm" });
    u.write(v2);
    assert.throws(() => u.finish(), refusedWith("sha-mismatch", /SHA-256 is [0-9a-f]{64}, not the announced 0{64}/));
    const boot = manager(chip).bootImage();
    assert.deepEqual([boot.slot, versionOf(boot.image)], [0, "1.0.0"]);
  });

  it("an incomplete streamed update cannot be finished", () => {
    const { ota } = fresh();
    ota.bootImage();
    const u = ota.begin(v2.length);
    u.write(v2.subarray(0, 100));
    assert.throws(() => u.finish(), refusedWith("download", /100 of [\d,]+ bytes arrived/));
  });

  it("refuses a second update while one is being written; an aborted one frees the manager", () => {
    const { ota } = fresh();
    ota.bootImage();
    const first = ota.begin(v2.length, { file: "first.wasm" });
    first.write(v2.subarray(0, 500));
    assert.throws(
      () => ota.begin(v3.length, { file: "second.wasm" }),
      refusedWith("busy", /^second\.wasm: refused: another update \(first\.wasm\) is being written, 500 of/),
    );
    first.abort();
    assert.throws(() => first.write(v2.subarray(500)), refusedWith("download", /already finished or aborted/));
    assert.equal(ota.apply(v3).version, "1.2.0");
  });

  it("refuses an announced SHA-256 that is not 64 hex digits before erasing anything", () => {
    const { chip, ota } = fresh();
    ota.bootImage();
    const steps = chip.steps;
    assert.throws(
      () => ota.begin(v2.length, { sha256: "abc" }),
      refusedWith("sha-mismatch", /"abc" is not 64 hex digits/),
    );
    assert.equal(chip.steps, steps);
  });

  describe("power cuts", () => {
    /** Flash steps of a clean apply from this chip state. */
    function stepsOfApply(state: Uint8Array, image: Uint8Array): number {
      const chip = new FlashChip(FLASH_BYTES, state);
      const ota = manager(chip);
      ota.bootImage();
      const before = chip.steps;
      ota.apply(image);
      return chip.steps - before;
    }

    /** Cuts power at each given step of `apply`, reboots, and checks what boots. */
    function cutDuringApply(
      state: Uint8Array,
      oldVersion: string,
      image: Uint8Array,
      cuts: readonly number[],
      total: number,
    ): number {
      let landed = 0;
      for (const cut of cuts) {
        const chip = new FlashChip(FLASH_BYTES, state);
        const ota = manager(chip);
        ota.bootImage();
        chip.armPowerCut(cut, new SeededRandom(cut));
        assert.throws(() => ota.apply(image), PowerCut, `cut at step ${cut}`);
        const boot = manager(chip).bootImage();
        if (versionOf(boot.image) !== oldVersion) {
          // Only a cut on the very last word can land the whole update: then it boots on trial.
          assert.equal(cut, total, `a cut at step ${cut} of ${total} booted ${versionOf(boot.image)}`);
          assert.equal(boot.otaState, OTA_IMG.PENDING_VERIFY);
          landed++;
        }
        // After the cut the board is still updatable.
        if (cut % 97 === 0) {
          const again = manager(chip);
          again.bootImage();
          again.confirm();
          if (again.running?.state !== OTA_IMG.PENDING_VERIFY) {
            again.apply(image);
            assert.equal(versionOf(manager(chip).bootImage().image), versionOf(image));
          }
        }
      }
      return landed;
    }

    it("at every step of an update over a directly flashed image, the old firmware boots", () => {
      const { chip } = fresh();
      const state = chip.snapshot();
      const total = stepsOfApply(state, v2);
      assert.ok(total > 100);
      const cuts = Array.from({ length: total }, (_, i) => i + 1);
      assert.ok(cutDuringApply(state, "1.0.0", v2, cuts, total) <= 1);
    });

    it("at every step of an update over a confirmed OTA image, the old firmware boots", () => {
      const { chip, ota } = fresh();
      ota.bootImage();
      ota.apply(v2);
      const b = manager(chip);
      b.bootImage();
      b.confirm();
      const state = chip.snapshot();
      const total = stepsOfApply(state, v3);
      const cuts = Array.from({ length: total }, (_, i) => i + 1);
      assert.ok(cutDuringApply(state, "1.1.0", v3, cuts, total) <= 1);
    });

    it("at 200 seeded steps of a smart-lamp update, the old firmware boots", async () => {
      const lamp = await firmware(SMART_LAMP);
      const old = release(lamp, "1.0.0");
      const next = release(lamp, "1.0.1");
      const chip = new FlashChip(FLASH_BYTES);
      manager(chip).flashDirect(old);
      const state = chip.snapshot();
      const total = stepsOfApply(state, next);
      const r = new SeededRandom(2024);
      const cuts = [...new Set([1, total, ...Array.from({ length: 198 }, () => r.int(1, total))])].sort(
        (a, b) => a - b,
      );
      assert.ok(cutDuringApply(state, "1.0.0", next, cuts, total) <= 1);
    });

    it("a cut while the bootloader starts the trial boots the old firmware, never the unconfirmed one twice", () => {
      const { chip, ota } = fresh();
      ota.bootImage();
      ota.apply(v2);
      const state = chip.snapshot();
      for (let cut = 1; cut <= 9; cut++) {
        // one erase, eight program words
        const c = new FlashChip(FLASH_BYTES, state);
        c.armPowerCut(cut, new SeededRandom(cut));
        assert.throws(() => manager(c).bootImage(), PowerCut);
        assert.equal(versionOf(manager(c).bootImage().image), "1.0.0", `cut at step ${cut}`);
      }
    });

    it("a cut while confirming rolls back, or keeps the new image VALID only if the write landed", () => {
      const { chip, ota } = fresh();
      ota.bootImage();
      ota.apply(v2);
      const state = chip.snapshot();
      for (let cut = 1; cut <= 9; cut++) {
        const c = new FlashChip(FLASH_BYTES, state);
        const trial = manager(c);
        assert.equal(trial.bootImage().otaState, OTA_IMG.PENDING_VERIFY);
        c.armPowerCut(cut, new SeededRandom(cut));
        assert.throws(() => trial.confirm(), PowerCut);
        const boot = manager(c).bootImage();
        if (versionOf(boot.image) === "1.1.0") {
          assert.equal(cut, 9, `a cut at step ${cut} kept the unconfirmed image`);
          assert.equal(boot.otaState, OTA_IMG.VALID);
        } else assert.equal(versionOf(boot.image), "1.0.0", `cut at step ${cut}`);
      }
    });
  });
});
