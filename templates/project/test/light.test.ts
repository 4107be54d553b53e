// {{name}} on an emulated ESP32, in virtual time: what a user would notice.
// Run with `npx sail test` (CI: `npx sail test --junit build/junit.xml`).

import assert from "node:assert/strict";
import { flash } from "sail-sdk/test";

describe("{{name}}", () => {
  it("switches on over MIoT and off with the BOOT button", async () => {
    const board = await flash(); // this project's firmware, as `sail test` built it
    await board.waitForLog("ready");
    board.expectPin(2).toBe(0);

    const phone = board.miot(); // a MIoT client on the board's virtual LAN
    await phone.subscribe();
    await phone.set("2.1", true);
    board.expectPin(2).toBe(1);
    assert.equal((await phone.waitForChange("2.1")).value, true);

    await board.button("boot").click({ bounceUs: 2000 });
    board.expectPin(2).toBe(0);
    assert.equal((await phone.waitForChange("2.1")).value, false);
    assert.equal(await phone.get("2.1"), false);
  });
});
