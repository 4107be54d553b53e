// The SHT3x model against the SHT3x-DIS datasheet: command set, timing, CRC,
// status register, conversions, and its test face (values, providers, faults).

import assert from "node:assert/strict";
import { STATUS } from "../host/abi/table.js";
import { crc8, crc8Word } from "../host/parts/crc8.js";
import { PartBench } from "../host/parts/bench.js";
import {
  Sht3x,
  SHT3X_STATUS,
  sht3xHumidityPct,
  sht3xLimitWord,
  sht3xRawHumidity,
  sht3xRawTemperature,
  sht3xTemperatureC,
} from "../host/parts/sht3x.js";

const ADDR = 0x44;

function bench(options: { noise?: boolean } = {}): { bench: PartBench; sht: Sht3x } {
  const b = new PartBench({ i2cHz: 400_000 });
  return { bench: b, sht: b.attachI2c(new Sht3x({ noise: options.noise ?? false })) };
}

/** Splits a 6-byte readout into its words, checking both CRCs. */
function words(data: Uint8Array): [number, number] {
  const t = ((data[0] ?? 0) << 8) | (data[1] ?? 0);
  const rh = ((data[3] ?? 0) << 8) | (data[4] ?? 0);
  assert.equal(data[2], crc8Word(t), "temperature CRC");
  assert.equal(data[5], crc8Word(rh), "humidity CRC");
  return [t, rh];
}

function status(b: PartBench): number {
  const r = b.writeRead(ADDR, [0xf3, 0x2d], 3);
  assert.equal(r.status, STATUS.OK);
  const word = ((r.data[0] ?? 0) << 8) | (r.data[1] ?? 0);
  assert.equal(r.data[2], crc8Word(word));
  return word;
}

describe("SHT3x", () => {
  describe("datasheet vectors", () => {
    it("CRC-8 (poly 0x31, init 0xFF): 0xBEEF → 0x92, 0x0000 → 0x81, 0x6666 → 0x93", () => {
      assert.equal(crc8([0xbe, 0xef]), 0x92);
      assert.equal(crc8Word(0x0000), 0x81);
      assert.equal(crc8Word(0x6666), 0x93);
    });

    it("raw 0x6666 is 25.0 °C and 40.0 %RH, and back", () => {
      assert.ok(Math.abs(sht3xTemperatureC(0x6666) - 25) < 1e-9);
      assert.ok(Math.abs(sht3xHumidityPct(0x6666) - 40) < 1e-9);
      assert.equal(sht3xRawTemperature(25), 0x6666);
      assert.equal(sht3xRawHumidity(40), 0x6666);
    });
  });

  describe("single shot", () => {
    it(
      "stretch off: the read header is NACKed until the result exists (high: " + "15 ms), then T, RH and their CRCs",
      async () => {
        const { bench: b, sht } = bench();
        sht.temperatureC = 21.5;
        sht.humidityPct = 45;
        assert.equal(b.write(ADDR, [0x24, 0x00]).status, STATUS.OK);
        await b.advance("14ms");
        assert.equal(b.read(ADDR, 6).status, STATUS.ERR_NOT_FOUND, "still measuring");
        await b.advance("1ms");
        const r = b.read(ADDR, 6);
        assert.equal(r.status, STATUS.OK);
        const [t, rh] = words(r.data);
        assert.deepEqual([t, rh], [sht3xRawTemperature(21.5), sht3xRawHumidity(45)]);
        assert.equal(b.read(ADDR, 6).status, STATUS.ERR_NOT_FOUND, "a result is read once");
      },
    );

    it("measurement times follow the repeatability: medium 6 ms, low 4 ms", async () => {
      for (const [cmd, us] of [
        [[0x24, 0x0b], 6000],
        [[0x24, 0x16], 4000],
      ] as const) {
        const { bench: b } = bench();
        const t0 = b.now;
        b.write(ADDR, cmd);
        await b.advance(t0 + us - b.now - 200);
        assert.equal(b.read(ADDR, 6).status, STATUS.ERR_NOT_FOUND);
        await b.advance(300);
        assert.equal(b.read(ADDR, 6).status, STATUS.OK);
      }
    });

    it("stretch on: the header is ACKed and SCL held low until the result exists", () => {
      const { bench: b } = bench();
      b.write(ADDR, [0x2c, 0x06]);
      const r = b.read(ADDR, 6);
      assert.equal(r.status, STATUS.OK);
      words(r.data);
      assert.ok(r.durationUs > 14_000 && r.durationUs < 15_500, `the read took ${r.durationUs} µs`);
    });

    it("stretch on with a master timeout shorter than the measurement is ERR_TIMEOUT", () => {
      const b = new PartBench({ i2cHz: 400_000, timeoutUs: 5_000 });
      b.attachI2c(new Sht3x());
      b.write(ADDR, [0x2c, 0x06]);
      assert.equal(b.read(ADDR, 6).status, STATUS.ERR_TIMEOUT);
    });
  });

  describe("periodic mode", () => {
    it("fetch with no new data NACKs the read header; fetch clears the data memory", async () => {
      const { bench: b } = bench();
      assert.equal(b.write(ADDR, [0x21, 0x30]).status, STATUS.OK); // 1 mps, high
      assert.equal(b.writeRead(ADDR, [0xe0, 0x00], 6).status, STATUS.ERR_NOT_FOUND, "before the first measurement");
      await b.advance("20ms");
      assert.equal(b.writeRead(ADDR, [0xe0, 0x00], 6).status, STATUS.OK);
      assert.equal(b.writeRead(ADDR, [0xe0, 0x00], 6).status, STATUS.ERR_NOT_FOUND, "already fetched");
      await b.advance("1s");
      assert.equal(b.writeRead(ADDR, [0xe0, 0x00], 6).status, STATUS.OK);
    });

    it("ART measures at 4 Hz", async () => {
      const { bench: b } = bench();
      b.write(ADDR, [0x2b, 0x32]);
      let fetched = 0;
      for (let i = 0; i < 40; i++) {
        await b.advance("25ms");
        if (b.writeRead(ADDR, [0xe0, 0x00], 6).status === STATUS.OK) fetched++;
      }
      assert.equal(fetched, 4);
    });

    it("commands other than fetch and break are not processed: NACK and the status's command bit", async () => {
      const { bench: b, sht } = bench();
      b.write(ADDR, [0x27, 0x37]);
      assert.equal(b.write(ADDR, [0x24, 0x00]).status, STATUS.ERR_INVALID_RESPONSE);
      assert.ok(sht.statusRegister & SHT3X_STATUS.COMMAND_FAILED);
      assert.equal(b.write(ADDR, [0x30, 0x93]).status, STATUS.OK, "break");
      assert.equal(sht.mode, "idle");
      assert.equal(b.write(ADDR, [0x24, 0x00]).status, STATUS.ERR_NOT_FOUND, "busy for 1 ms after break");
      await b.advance("1ms");
      assert.equal(b.write(ADDR, [0x24, 0x00]).status, STATUS.OK);
    });
  });

  describe("status, heater, resets", () => {
    it("status reads 0x8010 after reset; clear-status zeroes bits 15, 11, 10 and 4", () => {
      const { bench: b } = bench();
      assert.equal(status(b), 0x8010);
      b.write(ADDR, [0x30, 0x41]);
      assert.equal(status(b), 0x0000);
    });

    it("the heater shows in status bit 13 and is off after a soft reset, which the part takes 1.5 ms for", async () => {
      const { bench: b, sht } = bench();
      b.write(ADDR, [0x30, 0x41]);
      b.write(ADDR, [0x30, 0x6d]);
      assert.equal(sht.heaterOn, true);
      assert.equal(status(b), SHT3X_STATUS.HEATER);
      b.write(ADDR, [0x30, 0xa2]);
      assert.equal(b.read(ADDR, 3).status, STATUS.ERR_NOT_FOUND, "resetting");
      await b.advance("1.5ms");
      assert.equal(sht.heaterOn, false);
      assert.equal(status(b), 0x8010);
    });

    it("the general-call reset (address 0x00, byte 0x06) resets the part", async () => {
      const { bench: b, sht } = bench();
      b.write(ADDR, [0x30, 0x6d]);
      assert.equal(b.write(0x00, [0x06]).status, STATUS.OK);
      await b.advance("2ms");
      assert.equal(sht.heaterOn, false);
      assert.equal(sht.statusRegister, 0x8010);
    });

    it(
      "written data must carry its CRC: a good one sets the alert limit, a bad one is NACKed with status bits " +
        "1 and 0",
      () => {
        const { bench: b } = bench();
        const limit = sht3xLimitWord(70, 40);
        assert.equal(b.write(ADDR, [0x61, 0x1d, limit >> 8, limit & 0xff, crc8Word(limit)]).status, STATUS.OK);
        const r = b.writeRead(ADDR, [0xe1, 0x1f], 3);
        assert.deepEqual([...r.data], [limit >> 8, limit & 0xff, crc8Word(limit)]);
        assert.equal(b.write(ADDR, [0x61, 0x1d, 0x12, 0x34, 0x00]).status, STATUS.ERR_INVALID_RESPONSE);
        assert.equal(status(b) & 0x0003, 0x0003);
      },
    );

    it("an unknown command is NACKed and logged as not implemented, naming it", () => {
      const { bench: b, sht } = bench();
      assert.equal(b.write(ADDR, [0x12, 0x34]).status, STATUS.ERR_INVALID_RESPONSE);
      assert.deepEqual(b.warnings, ["SHT3x at I2C 0 address 0x44: command 0x1234 not implemented"]);
      assert.ok(sht.statusRegister & SHT3X_STATUS.COMMAND_FAILED);
    });
  });

  describe("test face", () => {
    it("a provider is read at each measurement, so a world model drives the readings", () => {
      const { bench: b, sht } = bench();
      let t = 10;
      sht.environment = () => ({ temperatureC: t, humidityPct: 30 });
      b.write(ADDR, [0x2c, 0x06]);
      assert.equal(words(b.read(ADDR, 6).data)[0], sht3xRawTemperature(10));
      t = 30;
      b.write(ADDR, [0x2c, 0x06]);
      assert.equal(words(b.read(ADDR, 6).data)[0], sht3xRawTemperature(30));
      sht.temperatureC = 5;
      t = 99;
      assert.deepEqual(
        sht.environment,
        { temperatureC: 5, humidityPct: 30 },
        "a direct value stops following the provider",
      );
    });

    it("noise is seeded and small: the same seed gives the same readings, all within the repeatability", () => {
      const readings = (): number[] => {
        const b = new PartBench({ i2cHz: 400_000, seed: 7 });
        b.attachI2c(new Sht3x({ environment: { temperatureC: 21.5, humidityPct: 45 } }));
        return Array.from({ length: 20 }, () => {
          b.write(ADDR, [0x2c, 0x06]);
          return sht3xTemperatureC(words(b.read(ADDR, 6).data)[0]);
        });
      };
      const a = readings();
      assert.deepEqual(a, readings());
      assert.ok(
        a.some((t) => t !== a[0]),
        "readings vary",
      );
      for (const t of a) assert.ok(Math.abs(t - 21.5) < 0.1, `${t} °C`);
    });

    it("fault: a bad CRC on the next word only", () => {
      const { bench: b, sht } = bench();
      sht.faults.badChecksums = 1;
      b.write(ADDR, [0x2c, 0x06]);
      const r = b.read(ADDR, 6).data;
      assert.notEqual(r[2], crc8Word(((r[0] ?? 0) << 8) | (r[1] ?? 0)));
      assert.equal(r[5], crc8Word(((r[3] ?? 0) << 8) | (r[4] ?? 0)));
    });

    it("fault: a NACKed address makes the part look absent", () => {
      const { bench: b, sht } = bench();
      sht.faults.nackAddress = true;
      assert.equal(b.write(ADDR, [0x2c, 0x06]).status, STATUS.ERR_NOT_FOUND);
    });

    it("fault: NACKed data bytes", () => {
      const { bench: b, sht } = bench();
      sht.faults.nackData = true;
      assert.equal(b.write(ADDR, [0x2c, 0x06]).status, STATUS.ERR_INVALID_RESPONSE);
    });

    it("fault: a stuck value ignores changes of the physical value", () => {
      const { bench: b, sht } = bench();
      b.write(ADDR, [0x2c, 0x06]);
      const first = words(b.read(ADDR, 6).data);
      sht.faults.stuck = true;
      sht.temperatureC = 35;
      b.write(ADDR, [0x2c, 0x06]);
      assert.deepEqual(words(b.read(ADDR, 6).data), first);
    });

    it("misuse: an address other than 0x44 or 0x45 and humidity outside 0–100 % are refused", () => {
      assert.throws(
        () => new Sht3x({ address: 0x46 as 0x45 }),
        /0x46: the part answers at 0x44 \(ADDR low\) or 0x45 \(ADDR high\)/,
      );
      assert.throws(() => {
        new Sht3x().humidityPct = 101;
      }, /101 %RH is outside 0–100 %RH/);
    });
  });
});
