// The SPI master and the MAX31855 model: the bus (modes, clock, bit order,
// chip selects, bus time, statuses) and the part against its datasheet
// (frames, conversions, faults, conversion time), through the SDK's driver.

import assert from "node:assert/strict";
import { STATUS } from "../host/abi/table.js";
import { Board } from "../host/board/board.js";
import {
  Max31855,
  MAX31855_FAULT,
  max31855Frame,
  max31855InternalC,
  max31855ThermocoupleC,
} from "../host/parts/max31855.js";
import type { SpiPart } from "../host/parts/part.js";
import { SpiBus } from "../host/peripherals/spi.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

const READER = `${ENTRY}
import { Spi, log, Timer, Status } from "../../assembly/sail";
import { Max31855 } from "../../assembly/drivers";
const spi = new Spi(0, 18, -1, 19);
const tc = new Max31855(spi, 5);
export function sail_setup(): void { Timer.every(200, read); }
function read(): void {
  const s = tc.read();
  if (s != Status.OK) { log.warn("status " + s.toString()); return; }
  log.info("tc " + tc.sample.thermocoupleC.toString() + " cj " + tc.sample.internalC.toString() +
    " faults " + tc.sample.faults.toString());
}
`;

function appLogs(b: Board): string[] {
  return b.logs.filter((l) => l.source === "app").map((l) => l.text);
}

/** A bus on pads that accept anything, for the bus alone. */
function bareBus(): { bus: SpiBus; warnings: string[] } {
  const warnings: string[] = [];
  const bus = new SpiBus(
    { ports: 1, csPerPort: 2, maxHz: 80_000_000 },
    {
      pads: { claim: () => undefined, release: () => undefined },
      now: () => 0,
      warn: (m) => warnings.push(m),
      partHost: () => {
        throw new Error("no parts on the bare bus");
      },
      board: "bench",
    },
  );
  return { bus, warnings };
}

/** A part that answers 0xA5 to every byte and records what it heard. */
class Echo implements SpiPart {
  readonly name = "echo";
  readonly modes = [0];
  readonly maxHz = 1_000_000;
  heard: number[] = [];
  selects = 0;
  connect(): void {}
  select(): void {
    this.selects++;
  }
  exchange(mosi: number): number {
    this.heard.push(mosi);
    return 0xa5;
  }
  deselect(): void {}
}

describe("SPI master", () => {
  it("refuses with the ABI statuses: a port the board lacks, no setup, a bad handle, full chip selects", () => {
    const { bus } = bareBus();
    assert.equal(bus.setup(1, 18, 23, 19), STATUS.ERR_INVALID_ARG);
    assert.equal(bus.addDevice(0, 5, 0, 1_000_000, 0), STATUS.ERR_INVALID_STATE);
    assert.equal(bus.setup(0, 18, 23, 19), STATUS.OK);
    assert.equal(bus.addDevice(0, 5, 4, 1_000_000, 0), STATUS.ERR_INVALID_ARG, "mode 4");
    assert.equal(bus.addDevice(0, 5, 0, 90_000_000, 0), STATUS.ERR_INVALID_ARG, "above maxHz");
    assert.equal(bus.addDevice(0, 5, 0, 1_000_000, 2), STATUS.ERR_INVALID_ARG, "unknown flag");
    assert.equal(bus.addDevice(0, 5, 0, 1_000_000, 0), 0);
    assert.equal(bus.addDevice(0, 4, 0, 1_000_000, 0), 1);
    assert.equal(bus.addDevice(0, 15, 0, 1_000_000, 0), STATUS.ERR_NOT_FOUND, "two chip selects only");
    assert.equal(bus.exchange(7, new Uint8Array(1)).status, STATUS.ERR_INVALID_STATE);
    assert.equal(bus.exchange(0, new Uint8Array(0)).status, STATUS.ERR_INVALID_ARG);
    const r = bus.exchange(0, new Uint8Array([1, 2]));
    assert.equal(r.status, STATUS.OK);
    assert.deepEqual([...r.miso], [0xff, 0xff], "nothing on CS 5: MISO floats high");
    assert.equal(r.durationUs, 16, "16 bits at 1 MHz");
  });

  it("sends LSB-first bytes reversed on the wire and reads them back in the firmware's order", () => {
    const board = Board.load("esp32-devkitc");
    const echo = board.attachSpi(0, 5, new Echo());
    board.spi.setup(0, 18, 23, 19);
    const lsb = board.spi.addDevice(0, 5, 0, 1_000_000, 1);
    const r = board.spi.exchange(lsb, new Uint8Array([0x01, 0x80]));
    assert.deepEqual(echo.heard, [0x80, 0x01]);
    assert.deepEqual([...r.miso], [0xa5, 0xa5], "0xA5 is its own reverse");
  });

  it("warns, naming the part and the fix, when the mode or clock is not the part's, and reads one edge off", () => {
    const board = Board.load("esp32-devkitc");
    board.attachSpi(0, 5, new Echo());
    board.spi.setup(0, 18, 23, 19);
    const dev = board.spi.addDevice(0, 5, 1, 2_000_000, 0);
    const r = board.spi.exchange(dev, new Uint8Array([0, 0]));
    assert.deepEqual([...r.miso], [0x4b, 0x4b], "0xA5 shifted left by one bit, the next bit coming in");
    const warnings = board.logs.filter((l) => l.level === "W").map((l) => l.text);
    assert.ok(
      warnings.some((w) => /SPI 0 CS GPIO 5: the device was added in SPI mode 1 but echo speaks mode 0/.test(w)),
    );
    assert.ok(warnings.some((w) => /runs at 2000000 Hz but echo is rated for 1000000 Hz; lower clock_hz/.test(w)));
  });
});

describe("MAX31855", () => {
  it("encodes the datasheet's example temperatures (Tables 4 and 5)", () => {
    // +1600 °C: 0110 0100 0000 00; +25 °C: 0000 0001 1001 00; -250 °C: 1111 0000 0110 00.
    assert.equal(max31855Frame(1600, 0, 0) >>> 18, 0b01100100000000);
    assert.equal(max31855Frame(25, 0, 0) >>> 18, 0b00000001100100);
    assert.equal(max31855Frame(-250, 0, 0) >>> 18, 0b11110000011000);
    // Cold junction +127 °C: 0111 1111 0000; -55 °C: 1100 1001 0000.
    assert.equal((max31855Frame(0, 127, 0) >>> 4) & 0xfff, 0b011111110000);
    assert.equal((max31855Frame(0, -55, 0) >>> 4) & 0xfff, 0b110010010000);
    assert.equal(max31855ThermocoupleC(max31855Frame(-250, 0, 0)), -250);
    assert.equal(max31855InternalC(max31855Frame(0, -55, 0)), -55);
    const open = max31855Frame(100, 20, MAX31855_FAULT.OPEN_CIRCUIT);
    assert.equal(open & 0x10007, 0x10001, "D16 and D0 set");
  });

  it("is read by the SDK driver on an emulated board: temperature, faults, and CS low for 32 clocks", async () => {
    const board = Board.load("esp32-devkitc");
    const tc = board.attachSpi(0, 5, new Max31855({ environment: { hotC: 100.25, coldC: 23.5 } }));
    await board.flash(await compileSnippet("max31855-reader", READER));
    await board.advance("450ms");
    assert.ok(appLogs(board).includes("tc 100.25 cj 23.5 faults 0"), appLogs(board).join("\n"));
    const cs = board.pin(5).edges("any");
    const low = cs.find((e) => e.level === 0);
    assert.ok(low !== undefined);
    const high = cs.find((e) => e.level === 1 && e.timeUs > low.timeUs);
    assert.ok(high !== undefined);
    assert.equal(high.timeUs - low.timeUs, 8, "32 bits at 4 MHz: 8 µs");

    tc.fault("open");
    await board.advance("400ms");
    assert.match(appLogs(board).at(-1), /^tc NaN cj 23\.5 faults 1$/);
    tc.fault("open", false);
    tc.fault("shortVcc");
    await board.advance("400ms");
    assert.match(appLogs(board).at(-1), /faults 4$/);
  });

  it("gives the previous conversion to a read less than 100 ms after the last (the conversion time)", () => {
    const board = Board.load("esp32-devkitc");
    const tc = board.attachSpi(0, 5, new Max31855({ environment: { hotC: 50, coldC: 25 } }));
    board.spi.setup(0, 18, -1, 19);
    const dev = board.spi.addDevice(0, 5, 0, 4_000_000, 0);
    const read = (atUs: number): number => {
      const r = board.spi.exchange(dev, new Uint8Array(4), atUs);
      return max31855ThermocoupleC(new DataView(r.miso.buffer).getUint32(0));
    };
    assert.equal(read(0), 0, "nothing converted yet at power-up");
    assert.equal(read(200_000), 50);
    tc.set(60);
    assert.equal(read(250_000), 50, "50 ms later: the same value");
    assert.equal(read(400_000), 60);
  });

  it("reads as missing (ERR_INVALID_RESPONSE from the driver) when nothing is on the chip select", async () => {
    const board = Board.load("esp32-devkitc");
    await board.flash(await compileSnippet("max31855-reader", READER));
    await board.advance("250ms");
    assert.ok(appLogs(board).includes(`status ${STATUS.ERR_INVALID_RESPONSE}`), appLogs(board).join("\n"));
  });
});
