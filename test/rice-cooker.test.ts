// The rice cooker in a virtual kitchen: a pot (a first-order thermal model
// that boils) on the heater relay, its thermocouple read over SPI by a
// MAX31855, the program driven over MIoT, a scheduled start by the wall
// clock, power cuts and a sensor fault.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import { MiioClient } from "../host/miot/client.js";
import { VirtualLan, virtualTimers } from "../host/miot/virtual-lan.js";
import { Max31855 } from "../host/parts/max31855.js";
import { RicePot } from "../host/world/rice-pot.js";
import { firmware, RICE_COOKER } from "./support/firmware.js";

const COOKER = "10.0.0.2:54321";
const PHONE = "10.0.0.9:50000";
const STATUS = { idle: 1, soak: 2, heat: 3, boil: 4, simmer: 5, keepWarm: 6, scheduled: 7, fault: 8 } as const;

interface Kitchen {
  readonly board: Board;
  readonly pot: RicePot;
  readonly probe: Max31855;
  readonly client: MiioClient;
  readonly pushes: { method: string; params: unknown }[];
  readonly settle: <T>(p: Promise<T>) => Promise<T>;
}

async function kitchen(date = "2026-03-01T12:00:00Z"): Promise<Kitchen> {
  const board = Board.load("esp32-devkitc", { seed: 9 });
  board.network.setDate(date);
  const pot = new RicePot();
  const probe = board.attachSpi(0, 5, new Max31855({ environment: () => ({ hotC: pot.at(board.now), coldC: 25 }) }));
  await board.flash(await firmware(RICE_COOKER));
  pot.attach(board, 23);
  await board.runUntil(() => board.wallclock !== null, "10 s", "the first time sync");
  const lan = new VirtualLan(board.clock);
  const miot = board.miot;
  assert.ok(miot !== null);
  miot.attach(lan, COOKER);
  const client = new MiioClient(lan.endpoint(PHONE), virtualTimers(board.clock), {
    address: COOKER,
    token: board.identity.token,
  });
  const settle = async <T>(p: Promise<T>): Promise<T> => {
    await board.advance("50ms");
    return p;
  };
  const pushes: { method: string; params: unknown }[] = [];
  client.onPush((method, params) => pushes.push({ method, params }));
  await settle(client.call("miIO.sub", { version: "2.0", did: "phone", update_ts: 0, sub_method: "." }));
  return { board, pot, probe, client, pushes, settle };
}

const statuses = (k: Kitchen): unknown[] =>
  k.pushes
    .filter((p) => p.method === "properties_changed")
    .flatMap((p) => (p.params as { piid: number; value: unknown }[]).filter((x) => x.piid === 1).map((x) => x.value));
const status = async (k: Kitchen): Promise<unknown> =>
  (await k.settle(k.client.getProperties([{ siid: 2, piid: 1 }])))[0]?.value;

describe("rice cooker", () => {
  it("cooks a pot of rice: soak, heat, boil dry, simmer, keep warm, and says it is done", async () => {
    const k = await kitchen();
    assert.deepEqual(await k.settle(k.client.action(2, 1, [])), { code: 0, out: [] });
    await k.board.advance("70min");
    assert.deepEqual(statuses(k), [STATUS.soak, STATUS.heat, STATUS.boil, STATUS.simmer, STATUS.keepWarm]);
    const finished = k.pushes.find((p) => p.method === "event_occured");
    assert.ok(finished !== undefined, "the cooking-finished event");
    assert.equal(k.pot.waterG, 0, "the water boiled off");
    assert.ok(k.pot.maxC < 110, `never scorched: at most ${k.pot.maxC.toFixed(1)} °C`);
    const t = k.pot.at(k.board.now);
    assert.ok(t > 60 && t < 75, `kept warm at ${t.toFixed(1)} °C`);
    assert.equal(k.board.resets.length, 0);
  });

  it("cancels: the heater goes off and the cooker is idle", async () => {
    const k = await kitchen();
    await k.settle(k.client.action(2, 1, []));
    await k.board.advance("12min");
    assert.equal(k.board.pin(23).level, 1, "heating");
    await k.settle(k.client.action(2, 2, []));
    assert.equal(k.board.pin(23).level, 0);
    assert.equal(await status(k), STATUS.idle);
  });

  it("starts at the scheduled time of day (local time from the stored timezone)", async () => {
    const k = await kitchen("2026-03-01T06:58:00Z");
    const set = await k.settle(k.client.setProperties([{ siid: 2, piid: 3, value: 7 * 60 }]));
    assert.equal(set[0]?.code, 0);
    assert.equal(await status(k), STATUS.scheduled);
    await k.board.advance("1min");
    assert.equal(await status(k), STATUS.scheduled, "06:59: still waiting");
    await k.board.advance("90s");
    assert.equal(await status(k), STATUS.soak, "07:00: soaking");
  });

  it("resumes after a short power cut while the pot is hot, and stops safely after a long one", async () => {
    const k = await kitchen();
    await k.settle(k.client.action(2, 1, []));
    await k.board.advance("25min"); // boiling by now
    k.board.powerCut();
    await k.board.advance("5s");
    k.board.powerOn();
    await k.board.advance("5s");
    assert.ok(k.board.logs.some((l) => /power was cut while cooking: the pot is at .* resuming phase 4/.test(l.text)));
    assert.equal(k.board.pin(23).level, 1, "boiling again");

    k.board.powerCut();
    await k.board.advance("3h");
    k.board.powerOn();
    await k.board.advance("5s");
    assert.ok(k.board.logs.some((l) => /the pot cooled to .* stopped$/.test(l.text)));
    assert.equal(k.board.pin(23).level, 0, "the heater stays off");
  });

  it("turns the heater off and reports a fault when the thermocouple opens", async () => {
    const k = await kitchen();
    await k.settle(k.client.action(2, 1, []));
    await k.board.advance("15min");
    k.probe.fault("open");
    await k.board.advance("2s");
    assert.equal(k.board.pin(23).level, 0);
    assert.equal(await status(k), STATUS.fault);
    assert.ok(k.board.logs.some((l) => l.text === "thermocouple fault 1: heater off"));
  });
});
