// The smart lamp on an emulated ESP32, controlled over the virtual LAN by the
// harness's miIO client: what a MIoT client sees, and what the LEDs do.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { MiioClient, MiioRpcError } from "../host/miot/client.js";
import { VirtualLan, virtualTimers } from "../host/miot/virtual-lan.js";
import { firmware, SMART_LAMP } from "./support/firmware.js";

const LAMP = "10.0.0.2:54321";
const PHONE = "10.0.0.9:50000";

async function lampOnLan(): Promise<{ board: Board; client: MiioClient; settle: <T>(p: Promise<T>) => Promise<T> }> {
  const board = Board.load("esp32-devkitc", { seed: 3 });
  await board.flash(await firmware(SMART_LAMP));
  await board.runUntil(() => board.online, "5 s", "the radio to connect");
  const lan = new VirtualLan(board.clock);
  const miot = board.miot;
  assert.ok(miot !== null, "the lamp's image carries its spec");
  miot.attach(lan, LAMP);
  const client = new MiioClient(lan.endpoint(PHONE), virtualTimers(board.clock), {
    address: LAMP,
    token: board.identity.token,
  });
  const settle = async <T>(p: Promise<T>): Promise<T> => {
    await board.advance("50ms");
    return p;
  };
  return { board, client, settle };
}

const duty = (board: Board, gpio: number): number => board.pin(gpio).pwm?.dutyFraction ?? -1;

describe("smart lamp over MIoT", () => {
  it("answers miIO.info with its model and identity, never the token", async () => {
    const { board, client, settle } = await lampOnLan();
    const info = (await settle(client.info())) as Record<string, unknown>;
    assert.equal(info["model"], "sail.light.lamp1");
    assert.equal(info["fw_ver"], "1.0.0");
    assert.equal(info["mac"], board.identity.mac);
    assert.ok(!JSON.stringify(info).includes(Buffer.from(board.identity.token).toString("hex")));
    assert.equal(client.did, board.identity.did);
  });

  it("get_properties reads the firmware's state", async () => {
    const { client, settle } = await lampOnLan();
    const got = await settle(
      client.getProperties([
        { siid: 2, piid: 1 },
        { siid: 2, piid: 2 },
        { siid: 2, piid: 3 },
        { siid: 1, piid: 2 },
      ]),
    );
    assert.deepEqual(
      got.map((r) => r.value),
      [false, 80, 4000, "sail.light.lamp1"],
    );
  });

  it("set_properties drives the warm and cold PWM channels", async () => {
    const { board, client, settle } = await lampOnLan();
    assert.equal(duty(board, 25), 0);
    const set = await settle(
      client.setProperties([
        { siid: 2, piid: 1, value: true },
        { siid: 2, piid: 2, value: 50 },
        { siid: 2, piid: 3, value: 6500 },
      ]),
    );
    assert.deepEqual(
      set.map((r) => r.code),
      [0, 0, 0],
    );
    assert.equal(duty(board, 25), 0, "no warm light at 6500 K");
    assert.ok(Math.abs(duty(board, 26) - 0.5) < 0.001, `cold at ${duty(board, 26)}`);
    await settle(client.setProperties([{ siid: 2, piid: 3, value: 2700 }]));
    assert.ok(Math.abs(duty(board, 25) - 0.5) < 0.001);
    assert.equal(duty(board, 26), 0);
  });

  it("refuses values outside the spec with -4005 before the firmware sees them", async () => {
    const { board, client, settle } = await lampOnLan();
    await settle(client.setProperties([{ siid: 2, piid: 1, value: true }]));
    const before = board.eventsDelivered;
    const r = await settle(
      client.setProperties([
        { siid: 2, piid: 2, value: 0 },
        { siid: 2, piid: 3, value: 9000 },
        { siid: 1, piid: 1, value: "x" },
      ]),
    );
    assert.deepEqual(
      r.map((x) => x.code),
      [-4005, -4005, -4002],
    );
    assert.equal(board.eventsDelivered, before);
  });

  it("the wall button toggles the lamp and pushes properties_changed to a subscriber", async () => {
    const { board, client, settle } = await lampOnLan();
    const pushes: unknown[] = [];
    client.onPush((method, params) => pushes.push({ method, params }));
    await settle(client.call("miIO.sub", { version: "2.0", did: "phone", update_ts: 0, sub_method: "." }));
    board.pin(4).drive(0);
    await board.advance("100ms");
    board.pin(4).release();
    await board.advance("100ms");
    assert.ok(duty(board, 25) > 0, "the lamp is lit");
    assert.deepEqual(pushes, [
      { method: "properties_changed", params: [{ did: String(board.identity.did), siid: 2, piid: 1, value: true }] },
    ]);
  });

  it("the toggle action flips the lamp", async () => {
    const { client, settle } = await lampOnLan();
    assert.deepEqual(await settle(client.action(2, 1, [])), { code: 0, out: [] });
    assert.deepEqual((await settle(client.getProperties([{ siid: 2, piid: 1 }])))[0]?.value, true);
  });

  it("an unknown method gets -32601", async () => {
    const { client, settle } = await lampOnLan();
    await assert.rejects(
      settle(client.call("get_prop", ["power"])),
      (e: unknown) => e instanceof MiioRpcError && e.code === -32601,
    );
  });

  it(
    "across a reset and a reflash: stamps never go back, " + "replays stay answered from cache, subscribers stay",
    async () => {
      const { board, client, settle } = await lampOnLan();
      const { encodeJson, encodePacket } = await import("../host/miot/codec.js");
      const session = board.miot?.session;
      assert.ok(session);
      await board.advance("50s");
      const stamp = session.stamp;
      const setOn = encodePacket(
        { did: board.identity.did, stamp },
        encodeJson({ id: 77, method: "set_properties", params: [{ did: "x", siid: 2, piid: 1, value: true }] }),
        board.identity.token,
      );
      const first = session.receive(setOn, "10.0.0.66:1");
      const executed = session.executed;
      board.powerOn();
      await board.runUntil(() => board.online, "5 s", "the radio to connect");
      assert.ok(session.stamp >= stamp, `stamp went from ${stamp} to ${session.stamp}`);
      assert.deepEqual(session.receive(setOn, "10.0.0.66:1"), first);
      assert.equal(session.executed, executed, "the replay was not executed again");

      const pushes: unknown[] = [];
      client.onPush((method) => pushes.push(method));
      await settle(client.call("miIO.sub", { version: "2.0" }));
      await board.flash(await firmware(SMART_LAMP));
      await board.runUntil(() => board.online, "5 s", "the radio to connect");
      assert.equal(board.miot.session, session, "one session for the board's life");
      await settle(client.action(2, 1, []));
      assert.deepEqual(pushes, ["properties_changed"]);
    },
  );

  it("refuses a device id miIO cannot carry", () => {
    assert.throws(
      () => Board.load("esp32-devkitc", { identity: { did: 0 } }),
      /device id 0 must be an integer from 1 to 4294967295/,
    );
    assert.throws(
      () => Board.load("esp32-devkitc", { identity: { did: 2 ** 32 } }),
      /must be an integer from 1 to 4294967295/,
    );
  });

  it("fits the goals: image under 8 KB, one page of linear memory", async () => {
    const { board } = await lampOnLan();
    const image = board.image;
    assert.ok(image !== null && image.bytes.length <= 8192, `${image?.bytes.length} bytes`);
    assert.equal(image.info.memory?.min, 1);
  });
});
