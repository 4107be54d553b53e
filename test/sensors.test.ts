// End to end: the test/fixtures/sensors firmware reads an SHT3x and a BH1750
// on I2C and a PMS5003 on UART through the SDK's drivers, on an emulated
// board; what it logs must match what the test set on the models, and the
// faults the test injects must come out as the drivers' statuses.

import assert from "node:assert/strict";
import { STATUS } from "../host/abi/table.js";
import { Board } from "../host/board/board.js";
import { Bh1750 } from "../host/parts/bh1750.js";
import { Pms5003 } from "../host/parts/pms5003.js";
import { Sht3x } from "../host/parts/sht3x.js";
import { firmware } from "./support/firmware.js";

const SENSORS = "test/fixtures/sensors";
const ERR_INVALID_CRC = -0x109; // the drivers' CRC status (ESP_ERR_INVALID_CRC)

interface Rig {
  readonly board: Board;
  readonly sht: Sht3x;
  readonly bh: Bh1750;
  readonly pms: Pms5003;
}

async function rig(): Promise<Rig> {
  const board = Board.load("esp32-devkitc", { seed: 3 });
  const sht = board.attachI2c(0, new Sht3x({ environment: { temperatureC: 21.5, humidityPct: 45 } }));
  const bh = board.attachI2c(0, new Bh1750({ lux: 500 }));
  const pms = board.attachUart(2, new Pms5003({ pm: { pm1: 5, pm25: 12, pm10: 20 } }));
  await board.flash(await firmware(SENSORS));
  return { board, sht, bh, pms };
}

/**
 * The numbers of the app's info lines starting with `prefix`, from `sinceUs` on: "sht3x t=2150 rh=4500" → { t: 2150,
 * rh: 4500 }.
 */
function readings(board: Board, prefix: string, sinceUs = 0): Record<string, number>[] {
  return board.logs
    .filter((l) => l.source === "app" && l.level === "I" && l.timeUs >= sinceUs && l.text.startsWith(`${prefix} `))
    .map((l) =>
      Object.fromEntries(
        l.text
          .slice(prefix.length + 1)
          .split(" ")
          .map((kv) => {
            const [k, v] = kv.split("=");
            return [k ?? "", Number(v)];
          }),
      ),
    );
}

function warnings(board: Board, sinceUs = 0): string[] {
  return board.logs.filter((l) => l.source === "app" && l.level === "W" && l.timeUs >= sinceUs).map((l) => l.text);
}

describe("sensors end to end (test/fixtures/sensors)", () => {
  it("sets up I2C 0 and UART 2 and logs no failure and nothing 'not implemented'", async () => {
    const { board } = await rig();
    await board.advance("5s");
    assert.ok(board.logs.some((l) => l.text === "sensors: i2c 0, uart 0"));
    assert.deepEqual(warnings(board), []);
    assert.deepEqual(
      board.logs.filter((l) => /not implemented/i.test(l.text)),
      [],
    );
    assert.equal(board.resets.length, 0);
  });

  it("logs the temperature and humidity set on the SHT3x, within its repeatability", async () => {
    const { board, sht } = await rig();
    await board.advance("3.5s");
    sht.temperatureC = 30.25;
    sht.humidityPct = 60;
    await board.advance("3s");
    const r = readings(board, "sht3x");
    assert.equal(r.length, 6);
    for (const x of r.slice(0, 3))
      assert.ok(Math.abs((x["t"] ?? 0) - 2150) <= 10 && Math.abs((x["rh"] ?? 0) - 4500) <= 20, JSON.stringify(x));
    for (const x of r.slice(3))
      assert.ok(Math.abs((x["t"] ?? 0) - 3025) <= 10 && Math.abs((x["rh"] ?? 0) - 6000) <= 20, JSON.stringify(x));
  });

  it("logs the illuminance set on the BH1750, and follows a provider", async () => {
    const { board, bh } = await rig();
    await board.advance("2.5s");
    let lux = 1234;
    bh.lux = () => lux;
    await board.advance("2s");
    lux = 20;
    await board.advance("2s");
    const r = readings(board, "bh1750").map((x) => (x["lux"] ?? 0) / 100);
    assert.equal(r.length, 6);
    const near = (v: number, want: number): boolean => Math.abs(v - want) <= want * 0.02 + 1;
    assert.ok(near(r[0] ?? 0, 500) && near(r[1] ?? 0, 500), r.join(", "));
    assert.ok(near(r[3] ?? 0, 1234), r.join(", "));
    assert.ok(near(r[5] ?? 0, 20), r.join(", "));
  });

  it("logs the PM set on the PMS5003 once per frame, every 2.3 s", async () => {
    const { board, pms } = await rig();
    await board.advance("7s");
    pms.pm = { pm1: 40, pm25: 75, pm10: 110 };
    await board.advance("7s");
    const frames = board.logs.filter((l) => l.text.startsWith("pms5003 pm1="));
    assert.equal(frames.length, 6);
    assert.equal((frames[1]?.timeUs ?? 0) - (frames[0]?.timeUs ?? 0), 2_300_000);
    const r = readings(board, "pms5003");
    for (const x of r.slice(0, 3))
      assert.ok(Math.abs((x["pm25"] ?? 0) - 12) <= 1 && Math.abs((x["pm10"] ?? 0) - 20) <= 2, JSON.stringify(x));
    for (const x of r.slice(3))
      assert.ok(Math.abs((x["pm25"] ?? 0) - 75) <= 5 && Math.abs((x["pm1"] ?? 0) - 40) <= 3, JSON.stringify(x));
  });

  it("reports an injected SHT3x CRC error as ERR_INVALID_CRC, then reads again", async () => {
    const { board, sht } = await rig();
    await board.advance("1.5s");
    sht.faults.badChecksums = 1;
    const t = board.clock.now;
    await board.advance("2s");
    assert.deepEqual(warnings(board, t), [`sht3x error ${ERR_INVALID_CRC}`]);
    assert.equal(readings(board, "sht3x", t).length, 1);
  });

  it(
    "reports a BH1750 that stops answering as ERR_NOT_FOUND, " +
      "and an SHT3x that NACKs its command as ERR_INVALID_RESPONSE",
    async () => {
      const { board, sht, bh } = await rig();
      await board.advance("1.5s");
      bh.faults.nackAddress = true;
      sht.faults.nackData = true;
      const t = board.clock.now;
      await board.advance("1s");
      assert.deepEqual(warnings(board, t), [
        `sht3x error ${STATUS.ERR_INVALID_RESPONSE}`,
        `bh1750 error ${STATUS.ERR_NOT_FOUND}`,
      ]);
    },
  );

  it("an SHT3x that holds SCL past the bus timeout is reported as ERR_TIMEOUT", async () => {
    const { board, sht } = await rig();
    await board.advance("1.5s");
    sht.faults.stretchUs = 80_000;
    const t = board.clock.now;
    await board.advance("1s");
    assert.deepEqual(warnings(board, t), [`sht3x error ${STATUS.ERR_TIMEOUT}`]);
  });

  it("counts a PMS5003 frame with a bad checksum and keeps parsing the frames after it", async () => {
    const { board, pms } = await rig();
    pms.faults.badChecksums = 1;
    await board.advance("7s");
    assert.deepEqual(warnings(board), ["pms5003 checksum error"]);
    assert.equal(readings(board, "pms5003").length, 2);
  });

  it("the PMS5003 driver resyncs on 42 4D after line noise and a broken frame", async () => {
    const { board, pms } = await rig();
    await board.advance("1s");
    pms.sendRaw([0x00, 0x42, 0x42, 0x4d, 0x00, 0x1c, 0x01, 0x02, 0x4d, 0x42, 0x4d, 0x00, 0x99]);
    await board.advance("1.5s");
    const r = readings(board, "pms5003");
    assert.equal(r.length, 1);
    assert.equal(r[0]?.["pm25"], 12);
    assert.deepEqual(warnings(board), [], "the broken frame was dropped as stale, not counted against the good one");
  });
});
