// The test API's over-the-air updates: a partner signs an update in a test,
// delivers it, and sees it booted on trial, confirmed or rolled back; refusals
// carry their reason. Also: a world adopts the board's clock question, and
// reflash takes what flash takes.

import assert from "node:assert/strict";
import { join } from "node:path";
import { flash, OtaError, otaKeys, SailError, signUpdate } from "../host/testing/index.js";
import { VirtualClock } from "../host/time/clock.js";
import { World } from "../host/world/world.js";
import { BLINK, firmware, ROOT, SMART_LAMP } from "./support/firmware.js";

const keys = otaKeys();
const LAMP = join(ROOT, SMART_LAMP);

async function refusal(p: Promise<unknown>): Promise<OtaError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OtaError) return e;
    throw e;
  }
  assert.fail("the update was accepted");
}

describe("test API: OTA updates", () => {
  it("an update signed in the test boots on trial; the smart lamp confirms it after 10 s of running", async () => {
    const lamp = await flash(LAMP, { otaKey: keys.publicPem });
    assert.equal(lamp.otaState, "UNDEFINED", "flashed directly, not by OTA");
    const manifest = await lamp.update(await signUpdate(LAMP, keys.privatePem, { version: "1.1.0" }));
    assert.equal(manifest.version, "1.1.0");
    assert.equal(lamp.state, "running", "update resolves once the update has booted");
    assert.equal(lamp.otaState, "PENDING_VERIFY");
    assert.equal(lamp.image.manifest?.version, "1.1.0");
    await lamp.advance("10 s");
    assert.equal(lamp.otaState, "VALID");
    await lamp.waitForLog(/ota: ran 10 s on trial without a fault; confirmed$/, "1 s");
    await lamp.advance("2 min");
    assert.equal(lamp.image.manifest.version, "1.1.0", "a confirmed image stays");
    assert.deepEqual(
      lamp.resets.map((r) => r.reason),
      ["POWERON", "SW"],
      "the restart into the update, no rollback",
    );
  });

  it("an image that never confirms is reset by the trial watchdog and rolled back", async () => {
    const blink = await flash(join(ROOT, BLINK), { otaKey: keys.publicPem });
    await blink.update(await signUpdate(await firmware(BLINK), keys.privatePem, { version: "2.0.0" }));
    await blink.runUntil(() => blink.otaState === "PENDING_VERIFY", "5 s");
    const reset = await blink.waitForReset("61 s");
    assert.equal(reset.reason, "WDT");
    await blink.runUntil(() => blink.state === "running", "5 s");
    assert.equal(blink.image.manifest?.version, "1.0.0", "rolled back");
    await blink.waitForLog(/bootloader: .*rolled back to sail_0/, "1 s");
  });

  it(
    "a door sensor in deep sleep boots an update at its " + "next wake and confirms it before it sleeps again",
    async () => {
      const DOOR = join(ROOT, "examples/door-sensor");
      const door = await flash(DOOR, {
        otaKey: keys.publicPem,
        beforeBoot: (b) => {
          b.pin(4).drive(0);
        },
      });
      await door.advance("5 s");
      assert.equal(door.state, "sleeping");
      await door.update(await signUpdate(DOOR, keys.privatePem, { version: "1.1.0" }));
      await door.waitForLog(
        new RegExp(
          String.raw`ota: door-sensor 1\.1\.0 written to the inactive slot; the board is sleeping: it boots ` +
            String.raw`the update on ` +
            String.raw`trial at its next wake`,
        ),
        "1 s",
      );
      assert.equal(door.state, "sleeping", "still asleep");
      door.pin(4).drive(1); // the door opens: the reed wakes it
      await door.runUntil(() => door.image.manifest?.version === "1.1.0", "5 s", "the wake into the update");
      await door.advance("5 s");
      assert.equal(door.state, "sleeping");
      assert.equal(door.otaState, "VALID", "confirmed before it slept");
      door.pin(4).drive(0);
      await door.advance("5 s");
      assert.equal(door.image.manifest?.version, "1.1.0", "a wake is a reset, and a confirmed update survives it");
      assert.ok(door.logs.some((l) => /bootloader: sail_1 is a new image: booting it on trial/.test(l.text)));
      assert.ok(!door.logs.some((l) => /rolled back/.test(l.text)));
    },
  );

  it("refuses unsigned, downgrade and untrusted updates with the reason, and keeps running", async () => {
    const lamp = await flash(LAMP, { otaKey: keys.publicPem });
    assert.equal((await refusal(lamp.update(await firmware(SMART_LAMP)))).reason, "unsigned");
    assert.equal(
      (await refusal(lamp.update(await signUpdate(LAMP, keys.privatePem, { version: "0.9.0" })))).reason,
      "downgrade",
    );
    assert.equal(
      (await refusal(lamp.update(await signUpdate(LAMP, otaKeys().privatePem, { version: "1.1.0" })))).reason,
      "other-key",
    );
    const keyless = await flash(LAMP);
    const e = await refusal(keyless.update(await signUpdate(LAMP, keys.privatePem, { version: "1.1.0" })));
    assert.equal(e.reason, "no-trusted-key");
    assert.equal(lamp.state, "running");
    assert.deepEqual(
      lamp.resets.map((r) => r.reason),
      ["POWERON"],
      "a refused update does not restart the board",
    );
  });

  it("signUpdate refuses a version that is not semver and an image without a manifest, naming them", async () => {
    await assert.rejects(
      signUpdate(LAMP, keys.privatePem, { version: "next" }),
      /signUpdate\(\): version "next" is not a semantic version such as 1\.1\.0/,
    );
    await assert.rejects(
      signUpdate(join(ROOT, "nope"), keys.privatePem),
      /signUpdate\("\/.*nope"\): nothing at .*nope/,
    );
    const { removeCustomSections } = await import("../host/wasm/binary.js");
    const bare = removeCustomSections(await firmware(BLINK), ["sail.manifest"]);
    await assert.rejects(
      signUpdate(bare, keys.privatePem),
      /signUpdate\(\): firmware\.wasm has no sail\.manifest section; sign an image that `sail build` made/,
    );
  });
});

describe("test API: clocks and reflash", () => {
  it("a world brought without a clock gives the board its clock; a world on another clock is refused", async () => {
    const clock = new VirtualClock();
    const world = new World(clock, { seed: 3 });
    const b = await flash(join(ROOT, BLINK), { world });
    assert.equal(b.board.clock, clock);
    await b.advance("1 h");
    assert.equal(world.now, b.now, "the world moved with the board");
    await assert.rejects(
      flash(join(ROOT, BLINK), { world, clock: new VirtualClock() }),
      (e: unknown) => e instanceof SailError && /the world runs on another clock than the board's/.test(e.message),
    );
  });

  it("reflash takes a project folder, as flash does", async () => {
    const b = await flash(join(ROOT, BLINK));
    const image = await b.reflash(LAMP);
    assert.equal(image.manifest?.name, "smart-lamp");
    assert.equal(b.image.manifest?.name, "smart-lamp");
  });
});
