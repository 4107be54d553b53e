// The BH1750 model against the BH1750FVI technical note: opcodes, modes,
// measurement times scaled by MTreg, the lux formula, and its test face.

import assert from "node:assert/strict";
import { STATUS } from "../host/abi/table.js";
import { PartBench } from "../host/parts/bench.js";
import { Bh1750, bh1750Lux, bh1750MeasurementUs } from "../host/parts/bh1750.js";

const ADDR = 0x23;

function setup(lux = 1000): { b: PartBench; bh: Bh1750 } {
  const b = new PartBench({ i2cHz: 400_000 });
  return { b, bh: b.attachI2c(new Bh1750({ lux, noise: false })) };
}

function counts(b: PartBench): number {
  const r = b.read(ADDR, 2);
  assert.equal(r.status, STATUS.OK);
  return ((r.data[0] ?? 0) << 8) | (r.data[1] ?? 0);
}

describe("BH1750", () => {
  it("BDS example: 0x8390 counts is 28067 lx (H mode, MTreg 69)", () => {
    assert.equal(Math.round(bh1750Lux(0x8390)), 28067);
  });

  it("full scale at the defaults is 54612.5 lx in H and 27306.25 lx in H2", () => {
    assert.equal(bh1750Lux(0xffff), 54612.5);
    assert.equal(bh1750Lux(0xffff, 69, "H2"), 27306.25);
  });

  it("continuous H: the first result after the measurement time (180 ms max), then a new one each period", async () => {
    const { b, bh } = setup(1000);
    b.write(ADDR, [0x01]);
    b.write(ADDR, [0x10]);
    await b.advance("170ms");
    assert.equal(counts(b), 0, "the data register holds 0 until the first result");
    await b.advance("20ms");
    assert.equal(counts(b), 1200);
    bh.lux = 500;
    await b.advance("180ms");
    assert.equal(counts(b), 600);
  });

  it("one-time H2: one result at half a lux per count, then the part powers down by itself", async () => {
    const { b, bh } = setup(1000);
    b.write(ADDR, [0x21]);
    assert.equal(bh.powered, true);
    await b.advance("181ms");
    const c = counts(b);
    assert.equal(c, 2400);
    assert.equal(bh1750Lux(c, 69, "H2"), 1000);
    assert.equal(bh.powered, false);
    bh.lux = 10;
    await b.advance("1s");
    assert.equal(counts(b), 2400, "no new measurement after power-down");
  });

  it("L mode takes 24 ms", async () => {
    const { b } = setup(1000);
    b.write(ADDR, [0x13]);
    await b.advance("23ms");
    assert.equal(counts(b), 0);
    await b.advance("2ms");
    assert.equal(counts(b), 1200);
  });

  it("MTreg (high bits 0x40|MT[7:5], low bits 0x60|MT[4:0]) scales counts and measurement time", async () => {
    const { b, bh } = setup(1000);
    b.write(ADDR, [0x01]);
    b.write(ADDR, [0x40 | (138 >> 5)]);
    b.write(ADDR, [0x60 | (138 & 0x1f)]);
    assert.equal(bh.mtreg, 138);
    assert.equal(bh1750MeasurementUs("H", 138), 360_000);
    b.write(ADDR, [0x10]);
    await b.advance("350ms");
    assert.equal(counts(b), 0);
    await b.advance("20ms");
    const c = counts(b);
    assert.equal(c, 2400);
    assert.equal(bh1750Lux(c, 138), 1000);
  });

  it("reset clears the data register, but is ignored in Power Down", async () => {
    const { b } = setup(1000);
    b.write(ADDR, [0x20]);
    await b.advance("200ms");
    assert.equal(counts(b), 1200);
    b.write(ADDR, [0x07]);
    assert.equal(counts(b), 1200, "powered down after the one-time measurement: reset ignored");
    b.write(ADDR, [0x01]);
    b.write(ADDR, [0x07]);
    assert.equal(counts(b), 0);
  });

  it("bright light saturates the register at 65535 counts", async () => {
    const { b } = setup(100_000);
    b.write(ADDR, [0x20]);
    await b.advance("200ms");
    assert.equal(counts(b), 0xffff);
  });

  it("one opcode per write: a second byte in the same transfer is NACKed", () => {
    const { b } = setup();
    assert.equal(b.write(ADDR, [0x01, 0x10]).status, STATUS.ERR_INVALID_RESPONSE);
  });

  it("an unknown opcode is NACKed and logged as not implemented, naming it", () => {
    const { b } = setup();
    assert.equal(b.write(ADDR, [0x55]).status, STATUS.ERR_INVALID_RESPONSE);
    assert.deepEqual(b.warnings, ["BH1750 at I2C 0 address 0x23: opcode 0x55 not implemented"]);
  });

  it("a lux provider is read at each measurement", async () => {
    const { b, bh } = setup();
    let lux = 100;
    bh.lux = () => lux;
    b.write(ADDR, [0x10]);
    await b.advance("180ms");
    assert.equal(counts(b), 120);
    lux = 200;
    await b.advance("180ms");
    assert.equal(counts(b), 240);
  });

  it("faults: stuck reading, absent part", async () => {
    const { b, bh } = setup(1000);
    b.write(ADDR, [0x10]);
    await b.advance("180ms");
    assert.equal(counts(b), 1200);
    bh.faults.stuck = true;
    bh.lux = 5000;
    await b.advance("360ms");
    assert.equal(counts(b), 1200);
    bh.faults.nackAddress = true;
    assert.equal(b.read(ADDR, 2).status, STATUS.ERR_NOT_FOUND);
  });

  it("misuse: negative illuminance and an address the part lacks are refused", () => {
    assert.throws(() => {
      new Bh1750().lux = -1;
    }, /-1 lx must be 0 or more/);
    assert.throws(
      () => new Bh1750({ address: 0x24 as 0x23 }),
      /0x24: the part answers at 0x23 \(ADDR low\) or 0x5C \(ADDR high\)/,
    );
  });
});
