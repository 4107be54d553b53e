// The I2C bus: addressing, ACK/NACK, clock stretching and bus time, on a
// bench and through the firmware's imports.

import assert from "node:assert/strict";
import { STATUS } from "../host/abi/table.js";
import { Board } from "../host/board/board.js";
import { SailError } from "../host/errors.js";
import { PartBench } from "../host/parts/bench.js";
import { Bh1750 } from "../host/parts/bh1750.js";
import type { I2cAck, I2cByte, I2cPart } from "../host/parts/part.js";
import { Sht3x } from "../host/parts/sht3x.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

/** A part that ACKs its address, records what it hears and reads back 0xA0, 0xA1 ... */
class Probe implements I2cPart {
  readonly name = "probe";
  readonly heard: string[] = [];
  readonly written: number[] = [];
  /** NACK data bytes after this many. */
  nackAfter = Infinity;
  /** Hold SCL this long before each byte read, µs. */
  stretchUs = 0;
  #next = 0xa0;
  constructor(readonly address = 0x50) {}
  connect(): void {
    /* nothing of its own to schedule */
  }
  start(read: boolean): I2cAck {
    this.heard.push(read ? "S+R" : "S+W");
    return { ack: true };
  }
  write(byte: number): I2cAck {
    this.written.push(byte);
    return { ack: this.written.length <= this.nackAfter };
  }
  read(): I2cByte {
    return { byte: this.#next++, stretchUs: this.stretchUs };
  }
  stop(): void {
    this.heard.push("P");
  }
}

const BIT_100K = 10; // µs per bit at 100 kHz

describe("I2C bus", () => {
  it("an empty address NACKs: ERR_NOT_FOUND after START, the address byte and STOP", () => {
    const bench = new PartBench();
    const r = bench.write(0x51, [1, 2]);
    assert.equal(r.status, STATUS.ERR_NOT_FOUND);
    assert.equal(r.durationUs, (1 + 9 + 1) * BIT_100K);
  });

  it("a write takes 9 bits per byte (address included) plus START and STOP, at the port's frequency", () => {
    for (const [hz, bitUs] of [
      [100_000, 10],
      [400_000, 2.5],
      [1_000_000, 1],
    ] as const) {
      const bench = new PartBench({ i2cHz: hz });
      const probe = bench.attachI2c(new Probe());
      const r = bench.write(0x50, [0x12, 0x34]);
      assert.equal(r.status, STATUS.OK);
      assert.deepEqual(probe.written, [0x12, 0x34]);
      assert.equal(r.durationUs, (1 + 3 * 9 + 1) * bitUs, `at ${hz} Hz`);
    }
  });

  it("write-then-read turns round with a repeated START and no STOP between", () => {
    const bench = new PartBench();
    const probe = bench.attachI2c(new Probe());
    const r = bench.writeRead(0x50, [0x01, 0x02], 3);
    assert.equal(r.status, STATUS.OK);
    assert.deepEqual([...r.data], [0xa0, 0xa1, 0xa2]);
    assert.deepEqual(probe.heard, ["S+W", "S+R", "P"]);
    assert.equal(r.durationUs, (1 + 9 + 18 + 1 + 9 + 27 + 1) * BIT_100K);
  });

  it("a NACKed data byte is ERR_INVALID_RESPONSE and the master stops there", () => {
    const bench = new PartBench();
    const probe = bench.attachI2c(new Probe());
    probe.nackAfter = 1;
    const r = bench.write(0x50, [0xaa, 0xbb, 0xcc]);
    assert.equal(r.status, STATUS.ERR_INVALID_RESPONSE);
    assert.deepEqual(probe.written, [0xaa, 0xbb], "the third byte is never sent");
    assert.deepEqual(probe.heard, ["S+W", "P"]);
  });

  it("clock stretching within the timeout only lengthens the transfer", () => {
    const bench = new PartBench({ timeoutUs: 1_500 });
    const probe = bench.attachI2c(new Probe());
    probe.stretchUs = 500;
    const r = bench.read(0x50, 2);
    assert.equal(r.status, STATUS.OK);
    assert.equal(r.durationUs, (1 + 9 + 18 + 1) * BIT_100K + 2 * 500);
  });

  it("clock stretching past the timeout is ERR_TIMEOUT, returned when the timeout runs out", () => {
    const bench = new PartBench({ timeoutUs: 700 });
    const probe = bench.attachI2c(new Probe());
    probe.stretchUs = 500;
    const r = bench.read(0x50, 2);
    assert.equal(r.status, STATUS.ERR_TIMEOUT);
    // START, address, first byte (stretched 500), then 200 µs into the second stretch the master gives up
    assert.equal(r.durationUs, (1 + 9 + 9) * BIT_100K + 700);
    assert.equal(probe.heard.at(-1), "P", "the part sees the bus released");
  });

  it("a second part on a taken address is refused, naming both parts and the fix", () => {
    const bench = new PartBench();
    bench.attachI2c(new Probe(0x44));
    assert.throws(
      () => bench.attachI2c(new Sht3x()),
      (e: unknown) =>
        e instanceof SailError &&
        /I2C 0: address 0x44 is taken by probe; SHT3x cannot share it.*ADDR pin.*another port/.test(e.message),
    );
  });

  it("a port the board lacks is refused when a part is attached", () => {
    const board = Board.load("esp32-c3-devkitm");
    assert.throws(
      () => board.attachI2c(1, new Sht3x()),
      /I2C port 1 does not exist on esp32-c3-devkitm: it has ports 0\.\.0/,
    );
  });

  it("a transfer on a port the firmware has not set up is ERR_INVALID_STATE and takes no bus time", () => {
    const board = Board.load("esp32-devkitc");
    board.attachI2c(0, new Probe());
    const r = board.i2c.transfer(0, 0x50, Uint8Array.of(1), 0, 1000);
    assert.deepEqual([r.status, r.durationUs], [STATUS.ERR_INVALID_STATE, 0]);
  });

  it("the general-call address with no part that answers it is NACKed", () => {
    const bench = new PartBench();
    bench.attachI2c(new Probe());
    assert.equal(bench.write(0x00, [0x06]).status, STATUS.ERR_NOT_FOUND);
  });

  it("a part rated below the bus frequency is warned about, once", () => {
    const bench = new PartBench({ i2cHz: 1_000_000 });
    bench.attachI2c(new Bh1750());
    bench.write(0x23, [0x01]);
    bench.write(0x23, [0x01]);
    assert.deepEqual(bench.warnings, [
      "I2C 0: the bus runs at 1000000 Hz but BH1750 at 0x23 is rated for 400000 Hz; lower the frequency in i2c_setup",
    ]);
  });

  it("records transfers for tests when asked", () => {
    const bench = new PartBench();
    bench.attachI2c(new Probe());
    bench.i2c.record = true;
    bench.writeRead(0x50, [0x07], 1);
    bench.write(0x33, [0x01]);
    assert.deepEqual(
      bench.i2c.transfers.map((t) => [t.address, t.written, t.read, t.status]),
      [
        [0x50, [0x07], [0xa0], STATUS.OK],
        [0x33, [0x01], [], STATUS.ERR_NOT_FOUND],
      ],
    );
  });

  describe("through the firmware", () => {
    const STATUSES = `${ENTRY}import { I2c, log, time } from "../../assembly/sail";
import { i2c_setup, i2c_write, gpio_read } from "../../assembly/sail/bindings";
function say(what: string, n: i64): void { log.info(what + " " + n.toString()); }
const buf = memory.data(8);
export function sail_setup(): void {
  say("unset port", i2c_write(0, 0x50, <i32>buf, 1, 1000));
  say("port 2", i2c_setup(2, 21, 22, 100_000));
  say("1.5 MHz", i2c_setup(0, 21, 22, 1_500_000));
  const bus = new I2c(0, 21, 22, 100_000);
  say("setup", bus.status);
  say("sda level", gpio_read(21));
  const t0 = time.us();
  const written = bus.writeWord(0x50, 0x1234);
  const t1 = time.us();
  say("write", written);
  say("write time", t1 - t0);
  say("absent", bus.writeByte(0x51, 1));
  say("read", bus.read(0x50, 2));
  say("byte0", bus.byte(0));
  say("empty read", bus.read(0x50, 0));
  say("probe", bus.probe(0x50) ? 1 : 0);
}
`;
    let logs: Map<string, number>;
    before(async () => {
      const board = Board.load("esp32-devkitc");
      board.attachI2c(0, new Probe());
      await board.flash(await compileSnippet("i2c-statuses", STATUSES, ["--runtime", "minimal"]));
      logs = new Map(
        board.logs
          .filter((l) => l.source === "app")
          .map((l) => {
            const i = l.text.lastIndexOf(" ");
            return [l.text.slice(0, i), Number(l.text.slice(i + 1))];
          }),
      );
    });

    it("i2c_setup refuses a port the board lacks and a frequency over 1 MHz", () => {
      assert.equal(logs.get("port 2"), STATUS.ERR_INVALID_ARG);
      assert.equal(logs.get("1.5 MHz"), STATUS.ERR_INVALID_ARG);
      assert.equal(logs.get("setup"), STATUS.OK);
    });

    it("a transfer before i2c_setup is ERR_INVALID_STATE", () => {
      assert.equal(logs.get("unset port"), STATUS.ERR_INVALID_STATE);
    });

    it("the bus pins are open-drain lines the pull-ups hold high", () => {
      assert.equal(logs.get("sda level"), 1);
    });

    it("bus time is charged to the firmware as blocking time", () => {
      const t = logs.get("write time") ?? 0;
      assert.ok(t >= 290 && t < 300, `a 2-byte write at 100 kHz took ${t} µs of device time`);
    });

    it("statuses reach the firmware: NACKed address, read data, empty read refused, probe", () => {
      assert.equal(logs.get("write"), STATUS.OK);
      assert.equal(logs.get("absent"), STATUS.ERR_NOT_FOUND);
      assert.equal(logs.get("read"), STATUS.OK);
      assert.equal(logs.get("byte0"), 0xa0);
      assert.equal(logs.get("empty read"), STATUS.ERR_INVALID_ARG);
      assert.equal(logs.get("probe"), 1);
    });
  });

  describe("misuse in firmware resets the board with a panic naming it", () => {
    const cases: readonly (readonly [string, string, RegExp])[] = [
      [
        "input-only SDA",
        "i2c_setup(0, 34, 22, 100_000);",
        /i2c_setup: I2C 0 SDA: GPIO 34 is input-only and cannot drive the line; use one of/,
      ],
      [
        "SDA and SCL on one pin",
        "i2c_setup(0, 21, 21, 100_000);",
        /i2c_setup: I2C 0: SDA and SCL are both GPIO 21; give two different pins/,
      ],
      [
        "a pin another bus carries",
        "uart_setup(2, 21, 16, 9600); i2c_setup(0, 21, 22, 100_000);",
        /i2c_setup: I2C 0 SDA: GPIO 21 already carries UART 2 TX/,
      ],
      ["a reserved pin", "i2c_setup(1, 6, 22, 100_000);", /i2c_setup: I2C 1 SDA: GPIO 6 is reserved for SPI flash/],
      [
        "a buffer outside memory",
        "i2c_setup(0, 21, 22, 100_000); i2c_write(0, 0x50, 0x7ffffff0, 4, 1000);",
        /i2c_write: buffer at .* lies outside linear memory/,
      ],
    ];
    for (const [name, call, message] of cases) {
      it(name, async () => {
        const source =
          `${ENTRY}import { i2c_setup, i2c_write, uart_setup } from ` +
          `"../../assembly/sail/bindings";\nexport function sail_setup(): void { ${call} }\n`;
        const board = Board.load("esp32-devkitc");
        await board.flash(await compileSnippet(`i2c-misuse-${name.replace(/\W+/g, "-")}`, source));
        const reset = board.resets[0];
        assert.ok(reset !== undefined, "the board reset");
        assert.equal(reset.reason, "PANIC");
        assert.match(reset.message, message);
      });
    }
  });
});
