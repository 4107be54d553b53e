// Interoperability: the independent npm `miio` client drives the emulated
// smart lamp over real UDP on loopback (an ephemeral port): handshake,
// miIO.info, get_properties, set_properties, and the PWM duty follows.

import assert from "node:assert/strict";
import miio from "miio";
import { Board } from "../host/board/board.js";
import { firmware, SMART_LAMP } from "./support/firmware.js";

describe("interop with npm miio 0.15.6 over UDP", () => {
  it("connects, reads and writes properties, and the lamp's PWM follows", async () => {
    const board = Board.load("esp32-devkitc", { seed: 11 });
    await board.flash(await firmware(SMART_LAMP));
    await board.runUntil(() => board.online, "5 s", "the radio to connect");
    const miot = board.miot;
    assert.ok(miot !== null);
    // npm miio keeps one device per IP address for the whole process; the discovery test's lamp took
    // 127.0.0.1 in that cache, so this lamp is served on an address of its own.
    const endpoint = await miot.serveUdp("127.0.0.3", 0);
    const device = await miio.device({
      address: "127.0.0.3",
      port: endpoint.port,
      token: Buffer.from(board.identity.token).toString("hex"),
    });
    try {
      assert.equal(device.miioModel, "sail.light.lamp1", "handshake and miIO.info");
      const did = String(board.identity.did);
      const before = await device.call("get_properties", [
        { did, siid: 2, piid: 1 },
        { did, siid: 2, piid: 2 },
      ]);
      assert.deepEqual(before, [
        { did, siid: 2, piid: 1, code: 0, value: false },
        { did, siid: 2, piid: 2, code: 0, value: 80 },
      ]);

      const set = await device.call("set_properties", [
        { did, siid: 2, piid: 1, value: true },
        { did, siid: 2, piid: 2, value: 50 },
        { did, siid: 2, piid: 3, value: 6500 },
      ]);
      assert.deepEqual(
        (set as { code: number }[]).map((r) => r.code),
        [0, 0, 0],
      );
      assert.ok(Math.abs((board.pin(26).pwm?.dutyFraction ?? 0) - 0.5) < 0.001, "cold white at 50 %");
      assert.equal(board.pin(25).pwm?.dutyFraction, 0, "no warm white at 6500 K");

      const refused = await device.call("set_properties", [{ did, siid: 2, piid: 2, value: 150 }]);
      assert.equal((refused as { code: number }[])[0]?.code, -4005);
    } finally {
      device.destroy();
      await endpoint.close();
    }
  });
});
