// The colour lamp on an emulated board: MIoT colour and white on a WS2812
// strip, night mode by the wall clock (and the timezone in the key-value
// store), Wi-Fi events, and its state across a Wi-Fi drop and a power cut.

import assert from "node:assert/strict";
import { WIFI_REASON } from "../host/abi/table.js";
import { Board } from "../host/board/board.js";
import { MiioClient } from "../host/miot/client.js";
import { VirtualLan, virtualTimers } from "../host/miot/virtual-lan.js";
import { Ws2812Strip } from "../host/parts/ws2812.js";
import { applyScenario, loadScenario } from "../host/scenario/scenario.js";
import { COLOR_LAMP, firmware, ROOT } from "./support/firmware.js";
import { join } from "node:path";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";

const LAMP = "10.0.0.2:54321";
const PHONE = "10.0.0.9:50000";

interface Lamp {
  readonly board: Board;
  readonly strip: Ws2812Strip;
  readonly client: MiioClient;
  readonly pushes: { method: string; params: unknown }[];
  readonly settle: <T>(p: Promise<T>) => Promise<T>;
}

async function lamp(date: string, boardId = "esp32-devkitc"): Promise<Lamp> {
  const board = Board.load(boardId, { seed: 5 });
  board.network.setDate(date);
  const strip = board.attachLeds(4, new Ws2812Strip(8));
  await board.flash(await firmware(COLOR_LAMP));
  await board.runUntil(() => board.wallclock !== null, "10 s", "the first time sync");
  const lan = new VirtualLan(board.clock);
  const miot = board.miot;
  assert.ok(miot !== null);
  miot.attach(lan, LAMP);
  const client = new MiioClient(lan.endpoint(PHONE), virtualTimers(board.clock), {
    address: LAMP,
    token: board.identity.token,
  });
  const settle = async <T>(p: Promise<T>): Promise<T> => {
    await board.advance("50ms");
    return p;
  };
  const pushes: { method: string; params: unknown }[] = [];
  client.onPush((method, params) => pushes.push({ method, params }));
  await settle(client.call("miIO.sub", { version: "2.0", did: "phone", update_ts: 0, sub_method: "." }));
  return { board, strip, client, pushes, settle };
}

/** Read through a function, so the compiler does not narrow it across the advance in between. */
const wallclockOf = (b: Board): Date | null => b.wallclock;
const appLogs = (b: Board): string[] => b.logs.filter((l) => l.source === "app").map((l) => l.text);
const modeOf = (p: { params: unknown }): unknown =>
  (p.params as { piid: number; value: unknown }[]).find((x) => x.piid === 5)?.value;

describe("colour lamp", () => {
  it("shows a MIoT colour (the spec's uint32 RGB) at the brightness asked, on every LED", async () => {
    const { strip, client, settle } = await lamp("2026-03-01T12:00:00Z");
    const set = await settle(
      client.setProperties([
        { siid: 2, piid: 1, value: true },
        { siid: 2, piid: 2, value: 50 },
        { siid: 2, piid: 4, value: 0xff0000 },
      ]),
    );
    assert.deepEqual(
      set.map((r) => r.code),
      [0, 0, 0],
    );
    assert.deepEqual(strip.colours, new Array<number>(8).fill(0x800000));
    await settle(client.setProperties([{ siid: 2, piid: 3, value: 2700 }]));
    assert.deepEqual(strip.rgb(0), [0x80, 0x53, 0x2c], "warm white at 50 %");
  });

  it("learns the time seconds after connecting and goes into night mode at 22:00, telling subscribers", async () => {
    const { board, strip, client, pushes, settle } = await lamp("2026-03-01T21:58:00Z");
    assert.ok(board.wallclock !== null, "synced by now");
    await settle(client.setProperties([{ siid: 2, piid: 1, value: true }]));
    assert.equal(strip.rgb(0)[0], 0xcc, "80 % of a 4000 K white's red");
    await board.advance("3min");
    assert.deepEqual(
      pushes.map(modeOf).filter((m) => m !== undefined),
      [1],
    );
    assert.deepEqual(strip.rgb(0), [0x1a, 0x11, 0x09], "10 % warm white");
    assert.ok(appLogs(board).includes("night mode: dimmed to 10 %, warm white"));
  });

  it("reads its timezone from the key-value store: 22:00 in UTC+8 is 14:00 UTC", async () => {
    const { board, pushes } = await lamp("2026-03-01T13:58:00Z");
    const kv = board.storage.kv;
    assert.ok(kv !== null);
    kv.set(kv.openNamespace("sail"), "tz", "CST-8");
    await board.advance("3min");
    assert.deepEqual(
      pushes.map(modeOf).filter((m) => m !== undefined),
      [1],
    );
  });

  it("says the time is unknown before its first sync after boot", async () => {
    const board = Board.load("esp32-devkitc");
    await board.flash(await firmware(COLOR_LAMP));
    await board.advance("3s"); // 1.5 s to connect, 2 s to the first SNTP answer
    assert.equal(wallclockOf(board), null);
    await board.advance("1s");
    assert.equal(wallclockOf(board)?.toISOString(), board.network.date.toISOString());
  });

  it("hears Wi-Fi events, stays quiet while offline, and pushes what changed once back", async () => {
    const { board, strip, client, pushes, settle } = await lamp("2026-03-01T21:59:00Z");
    await settle(client.setProperties([{ siid: 2, piid: 1, value: true }]));
    board.network.dropAp();
    await board.advance("100ms");
    assert.ok(appLogs(board).includes(`wifi: disconnected, reason ${WIFI_REASON.BEACON_TIMEOUT}`));
    assert.equal(board.online, false);
    await board.advance("2min"); // 22:01: night mode while offline
    assert.deepEqual(strip.rgb(0), [0x1a, 0x11, 0x09], "the strip follows the schedule offline");
    assert.deepEqual(
      pushes.map(modeOf).filter((m) => m !== undefined),
      [],
      "nothing pushed while offline",
    );
    board.network.restoreAp();
    await board.advance("2s");
    assert.ok(board.online);
    assert.ok(appLogs(board).some((t) => /^wifi: connected, -45 dBm$/.test(t)));
    assert.deepEqual(
      pushes.map(modeOf).filter((m) => m !== undefined),
      [1],
      "the change pushed once back",
    );
    const got = await settle(
      client.getProperties([
        { siid: 2, piid: 1 },
        { siid: 2, piid: 5 },
      ]),
    );
    assert.deepEqual(
      got.map((r) => r.value),
      [true, 1],
    );
    board.network.setRssi(-72);
    await board.advance("10ms");
    assert.ok(appLogs(board).includes("wifi: signal -72 dBm"));
  });

  it("comes back after a power cut as it was: on, colour and brightness from the key-value store", async () => {
    const { board, strip, client, settle } = await lamp("2026-03-01T12:00:00Z", "esp32-c3-devkitm");
    await settle(
      client.setProperties([
        { siid: 2, piid: 1, value: true },
        { siid: 2, piid: 2, value: 100 },
        { siid: 2, piid: 4, value: 0x00ff00 },
      ]),
    );
    board.powerCut();
    assert.deepEqual(strip.colours, new Array<number>(8).fill(0), "dark without power");
    board.powerOn();
    await board.advance("1s");
    assert.deepEqual(strip.colours, new Array<number>(8).fill(0x00ff00));
  });

  it("follows a scenario's network steps: the date, a weaker signal, the access point dropped and back", async () => {
    const file = join(ROOT, "examples", "color-lamp", "scenario.json");
    const board = Board.load("esp32-devkitc", { seed: 5 });
    await board.flash(await firmware(COLOR_LAMP));
    applyScenario(board, await loadScenario(file), file);
    await board.advance("6s");
    const logs = appLogs(board);
    assert.ok(logs.includes("wifi: signal -80 dBm"), logs.join("\n"));
    assert.ok(logs.includes(`wifi: disconnected, reason ${WIFI_REASON.BEACON_TIMEOUT}`));
    assert.equal(board.network.date.toISOString().slice(0, 16), "2026-03-01T21:59");
    await board.advance("2s");
    assert.ok(board.online, "reconnected 1.5 s after the access point came back");
  });

  it("refuses a scenario's bad wifi or date step, naming the file, the step and what is allowed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sail-net-"));
    const refused = async (step: string): Promise<string> => {
      const f = join(dir, "s.json");
      writeFileSync(f, `{"steps": [${step}]}`);
      try {
        await loadScenario(f);
      } catch (e) {
        return (e as Error).message;
      }
      return "loaded";
    };
    assert.match(
      await refused(`{"at": "1s", "wifi": "off"}`),
      /s\.json: steps\[0\]\.wifi: "off" is not "drop", "restore"/,
    );
    assert.match(await refused(`{"at": "1s", "wifi": {"rssi": 10}}`), /-100\.\.0/);
    assert.match(await refused(`{"at": "1s", "date": "tomorrow"}`), /steps\[0\]\.date: "tomorrow" is not an ISO 8601/);
  });
});
