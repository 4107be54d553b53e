// The PMS5003 model against the data manual and the fact sheet's reference
// frame: frame codec, active and passive modes, sleep and wake, faults.

import assert from "node:assert/strict";
import { PartBench } from "../host/parts/bench.js";
import { decodeFrame, encodeCommand, encodeFrame, encodeReply, pmsChecksum } from "../host/parts/pms5003-frame.js";
import { ACTIVE_INTERVAL_US, Pms5003, SETTLE_US } from "../host/parts/pms5003.js";

/** The fact sheet's reference frame (PyPMS hexdump). */
const VECTOR = Uint8Array.from(
  "42 4d 00 1c 00 00 00 08 00 08 00 00 00 08 00 08 00 d2 00 46 00 2d 00 1e 00 00 00 00 97 00 02 c5"
    .split(" ")
    .map((h) => parseInt(h, 16)),
);
const FRAME_US = 32 * (1e6 / 960); // 32 bytes at 9600 baud

const hexes = (b: ArrayLike<number>): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");

function setup(): { b: PartBench; pms: Pms5003 } {
  const b = new PartBench({ baud: 9600 });
  return { b, pms: b.attachUart(new Pms5003({ pm: { pm1: 5, pm25: 12, pm10: 20 }, noise: false })) };
}

/** Every data frame received so far, decoded (null for a bad one). */
function frames(b: PartBench): ReturnType<typeof decodeFrame>[] {
  const bytes = b.receive();
  const out: ReturnType<typeof decodeFrame>[] = [];
  for (let i = 0; i + 32 <= bytes.length; i += 32) out.push(decodeFrame(bytes.subarray(i, i + 32)));
  return out;
}

describe("PMS5003", () => {
  describe("frames and commands", () => {
    it("the reference frame's checksum is the sum of bytes 0–29: 0x02C5", () => {
      assert.equal(pmsChecksum(VECTOR, 0, 30), 0x02c5);
    });

    it("encodes the reference frame byte for byte, and decodes it", () => {
      const r = decodeFrame(VECTOR);
      assert.deepEqual(r, {
        pm1Standard: 0,
        pm25Standard: 8,
        pm10Standard: 8,
        pm1: 0,
        pm25: 8,
        pm10: 8,
        counts: [210, 70, 45, 30, 0, 0],
        version: 0x97,
        errorCode: 0,
      });
      assert.equal(hexes(encodeFrame(r)), hexes(VECTOR));
    });

    it("a frame with a wrong checksum or length does not decode", () => {
      const bad = Uint8Array.from(VECTOR);
      bad[31] = 0xc6;
      assert.equal(decodeFrame(bad), null);
      const long = Uint8Array.from(VECTOR);
      long[3] = 0x1d;
      assert.equal(decodeFrame(long), null);
    });

    it("commands and replies match the data manual and observed replies", () => {
      assert.equal(hexes(encodeCommand(0xe1, 0)), "42 4d e1 00 00 01 70");
      assert.equal(hexes(encodeCommand(0xe1, 1)), "42 4d e1 00 01 01 71");
      assert.equal(hexes(encodeCommand(0xe2, 0)), "42 4d e2 00 00 01 71");
      assert.equal(hexes(encodeCommand(0xe4, 0)), "42 4d e4 00 00 01 73");
      assert.equal(hexes(encodeCommand(0xe4, 1)), "42 4d e4 00 01 01 74");
      assert.equal(hexes(encodeReply(0xe1, 0)), "42 4d 00 04 e1 00 01 74");
      assert.equal(hexes(encodeReply(0xe1, 1)), "42 4d 00 04 e1 01 01 75");
      assert.equal(hexes(encodeReply(0xe4, 0)), "42 4d 00 04 e4 00 01 77");
    });
  });

  describe("the part", () => {
    it("active mode sends a frame every 2.3 s, 32 bytes at 9600 baud, with the PM set on the model", async () => {
      const { b } = setup();
      await b.advance(ACTIVE_INTERVAL_US * 10 + 100_000);
      const got = frames(b);
      assert.equal(got.length, 10);
      assert.deepEqual([got[0]?.pm1, got[0]?.pm25, got[0]?.pm10], [5, 12, 20]);
      assert.deepEqual([got[0]?.pm1Standard, got[0]?.pm25Standard, got[0]?.pm10Standard], [5, 12, 20]);
      // UART_RX once per frame, 10 symbols after its last byte
      assert.equal(b.rx.length, 10);
      assert.equal(b.rx[0]?.timeUs, Math.ceil(ACTIVE_INTERVAL_US + FRAME_US + 10 * (1e6 / 960)));
    });

    it("passive mode: the reply 42 4D 00 04 E1 00 01 74, no more frames, one frame per read command", async () => {
      const { b, pms } = setup();
      b.send(encodeCommand(0xe1, 0));
      await b.advance("5s");
      assert.equal(hexes(b.receive()), "42 4d 00 04 e1 00 01 74");
      assert.equal(pms.mode, "passive");
      b.send(encodeCommand(0xe2, 0));
      await b.advance("1s");
      assert.equal(frames(b).length, 1);
    });

    it("the read command is ignored in active mode", async () => {
      const { b } = setup();
      b.send(encodeCommand(0xe2, 0));
      await b.advance("1s");
      assert.equal(b.receive().length, 0);
    });

    it("sleep replies and stops frames; wake does not reply, frames resume and settle over 30 s", async () => {
      const { b, pms } = setup();
      b.send(encodeCommand(0xe4, 0));
      await b.advance("10s");
      assert.equal(hexes(b.receive()), "42 4d 00 04 e4 00 01 77");
      assert.equal(pms.asleep, true);
      b.send(encodeCommand(0xe1, 0));
      await b.advance("1s");
      assert.equal(b.receive().length, 0, "asleep, only wake is heard");
      b.send(encodeCommand(0xe4, 1));
      await b.advance("3s");
      const early = frames(b);
      assert.equal(early.length, 1);
      assert.equal(pms.settled, false);
      assert.ok((early[0]?.pm25 ?? 99) < 12, "readings are low while the fan spins up");
      await b.advance(SETTLE_US);
      assert.equal(pms.settled, true);
      assert.equal(frames(b).at(-1)?.pm25, 12);
    });

    it("a world model drives the PM through a provider, read for each frame", async () => {
      const { b, pms } = setup();
      let pm25 = 30;
      pms.pm = () => ({ pm1: pm25 / 2, pm25, pm10: pm25 * 2 });
      await b.advance(ACTIVE_INTERVAL_US + 100_000);
      pm25 = 60;
      await b.advance(ACTIVE_INTERVAL_US);
      assert.deepEqual(
        frames(b).map((f) => f?.pm25),
        [30, 60],
      );
    });

    it("faults: a bad checksum on the next frame only; stuck values; a silent part", async () => {
      const { b, pms } = setup();
      pms.faults.badChecksums = 1;
      await b.advance(2 * ACTIVE_INTERVAL_US + 100_000);
      const [bad, good] = frames(b);
      assert.equal(bad, null);
      assert.equal(good?.pm25, 12);
      pms.faults.stuck = true;
      pms.pm25 = 80;
      await b.advance(ACTIVE_INTERVAL_US);
      assert.equal(frames(b)[0]?.pm25, 12);
      pms.faults.silent = true;
      await b.advance(ACTIVE_INTERVAL_US * 3);
      assert.equal(b.receive().length, 0);
    });

    it("an unknown command is logged as not implemented, naming it", async () => {
      const { b } = setup();
      b.send(encodeCommand(0xe9, 0x0102));
      await b.advance("100ms");
      assert.deepEqual(b.warnings, ["PMS5003 at UART 0: command 0xE9 with data 0x0102 not implemented"]);
    });

    it("misuse: negative concentrations are refused", () => {
      assert.throws(() => {
        new Pms5003().pm = { pm1: 1, pm25: -2, pm10: 3 };
      }, /pm25 -2 µg\/m³ must be a number, 0 or more/);
    });
  });
});
