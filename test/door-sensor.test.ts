// The door sensor example: a reed switch wakes the board from deep sleep, it
// tells its subscriber (contact-state and the open event) and sleeps again.
// A simulated day of 20 openings gives the battery life on a 620 mAh coin cell.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { SeededRandom } from "../host/random.js";
import { VirtualLan } from "../host/miot/virtual-lan.js";
import { batteryLifeDays } from "../host/power/energy.js";
import { toMicros } from "../host/time/duration.js";
import { firmware } from "./support/firmware.js";

const DOOR_SENSOR = "examples/door-sensor";
const REED = 4;
const SENSOR = "10.0.0.20:54321";
const HUB = "10.0.0.1:50000";

interface Push {
  readonly timeUs: number;
  readonly method: string;
  readonly params: unknown;
}

async function doorOnLan(seed = 1): Promise<{ board: Board; pushes: Push[] }> {
  const board = Board.load("esp32-devkitc", { seed });
  board.pin(REED).drive(0); // door closed: the magnet holds the reed shut
  await board.flash(await firmware(DOOR_SENSOR));
  const lan = new VirtualLan(board.clock);
  const miot = board.miot;
  assert.ok(miot !== null);
  miot.attach(lan, SENSOR);
  miot.session.subscribe(HUB); // the hub subscribed when the sensor was paired
  const pushes: Push[] = [];
  const hub = lan.endpoint(HUB);
  const { decodePacket, decodeJson } = await import("../host/miot/codec.js");
  hub.onReceive((bytes) => {
    const m = decodeJson(decodePacket(bytes, board.identity.token).payload) as { method: string; params: unknown };
    pushes.push({ timeUs: board.clock.now, method: m.method, params: m.params });
  });
  return { board, pushes };
}

const events = (pushes: readonly Push[]): string[] =>
  pushes.map((p) => {
    const params = p.params as
      { siid: number; eiid?: number; piid?: number; value?: unknown }[] | { siid: number; eiid: number };
    if (p.method === "event_occured") return `event ${(params as { eiid: number }).eiid}`;
    return (params as { piid: number; value: unknown }[]).map((x) => `${x.piid}=${String(x.value)}`).join(",");
  });

describe("door sensor example", () => {
  it(
    "opening the door wakes it: subscribers get contact-state, " + "the count and the open event; then it sleeps",
    async () => {
      const { board, pushes } = await doorOnLan();
      await board.advance("5 s");
      assert.equal(board.state, "sleeping");
      assert.deepEqual(events(pushes), ["1=true"], "boot reports the door closed");

      board.pin(REED).drive(1);
      await board.advance("5 s");
      assert.deepEqual(events(pushes).slice(1), ["1=false", "2=1", "event 1"]);
      assert.equal(board.resetReason, "DEEPSLEEP");
      assert.equal(board.sleep.wakeCause, 3, "EXT1: the reed's pin");
      assert.equal(board.state, "sleeping", "asleep again once the radio sent it");

      board.pin(REED).drive(0);
      await board.advance("5 s");
      assert.deepEqual(events(pushes).slice(4), ["1=true", "event 2"]);
      assert.ok(board.logs.some((l) => l.source === "app" && l.text === "closed, 1 openings"));
    },
  );

  it("reports the estimated life on a 620 mAh coin cell at 20 openings a day", async () => {
    const { board, pushes } = await doorOnLan(7);
    const random = new SeededRandom(2026);
    const day = toMicros("24 h");
    // 20 openings at seeded times of the day, each open for 5 to 60 seconds.
    const opens = Array.from({ length: 20 }, () => random.int(0, day - 120_000_000)).sort((a, b) => a - b);
    for (const at of opens) {
      await board.advance(Math.max(0, at - board.clock.now));
      board.pin(REED).drive(1);
      await board.advance(random.int(5, 60) * 1_000_000);
      board.pin(REED).drive(0);
    }
    await board.advance(day - board.clock.now);

    const report = board.energy.report();
    const days = batteryLifeDays(report, 620);
    const opened = pushes.filter(
      (p) => p.method === "event_occured" && (p.params as { eiid: number }).eiid === 1,
    ).length;
    process.stdout.write(
      `      door sensor, 20 openings a day: ${report.mAh.toFixed(2)} ` +
        `mAh/day, average ${(report.averageMa * 1000).toFixed(0)} µA; a 620 mAh ` +
        `cell lasts ${days.toFixed(0)} days (${(days / 365).toFixed(1)} years)\n`,
    );
    assert.equal(opened, 20, "every opening reached the hub");
    assert.ok(report.timeUs.deepSleep > 0.99 * day, "asleep more than 99 % of the day");
    // Each of the 40 wakes costs a boot and a Wi-Fi reconnect: that, not the sleep current, sets the life.
    assert.ok(report.mAhBy.connecting > report.mAhBy.deepSleep);
    assert.ok(days > 100 && days < 1000, `${days} days`);
  });
});
