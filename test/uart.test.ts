// UARTs: bytes on the wire at the baud rate, the RX buffer and its UART_RX
// rule, overflow, and the firmware's side through a real image.

import assert from "node:assert/strict";
import { STATUS } from "../host/abi/table.js";
import { Board } from "../host/board/board.js";
import { SailError } from "../host/errors.js";
import { PartBench } from "../host/parts/bench.js";
import type { PartHost, UartLine, UartPart } from "../host/parts/part.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

/** A part that records what it receives, with times, and sends what a test gives it. */
class Recorder implements UartPart {
  readonly name = "recorder";
  readonly heard: { byte: number; atUs: number }[] = [];
  line: UartLine | null = null;
  host: PartHost | null = null;
  constructor(readonly baud = 9600) {}
  connect(host: PartHost, line: UartLine): void {
    this.host = host;
    this.line = line;
  }
  receive(byte: number, atUs: number): void {
    this.heard.push({ byte, atUs });
  }
  send(bytes: ArrayLike<number>, atUs = this.host?.now() ?? 0): void {
    this.line?.send(Uint8Array.from(bytes), atUs);
  }
}

const SYMBOL_9600 = 1e6 / 960; // µs per 10-bit frame at 9600 baud

describe("UART", () => {
  it("bytes written leave one per 10 bit-times and reach the part at their stop bits", async () => {
    const bench = new PartBench({ baud: 9600 });
    const part = bench.attachUart(new Recorder());
    await bench.advance(1000);
    assert.equal(bench.send([0x41, 0x42, 0x43]), 3);
    await bench.advance("10ms");
    assert.deepEqual(
      part.heard.map((h) => h.byte),
      [0x41, 0x42, 0x43],
    );
    part.heard.forEach((h, i) =>
      assert.ok(Math.abs(h.atUs - (1000 + (i + 1) * SYMBOL_9600)) < 1e-6, `byte ${i} at ${h.atUs}`),
    );
  });

  it("a second write waits for the first to leave", async () => {
    const bench = new PartBench({ baud: 115200 });
    const part = bench.attachUart(new Recorder(115200));
    bench.send([1]);
    bench.send([2]);
    await bench.advance("1ms");
    assert.ok(Math.abs((part.heard[1]?.atUs ?? 0) - 2 * (1e7 / 115200)) < 1e-6);
  });

  it("the TX buffer holds 1024 bytes: a write returns how many it queued", async () => {
    const bench = new PartBench({ baud: 9600 });
    bench.attachUart(new Recorder());
    assert.equal(bench.send(new Uint8Array(2000)), 1024);
    assert.equal(bench.send([1]), 0);
    await bench.advance(Math.ceil(SYMBOL_9600));
    assert.equal(bench.send([1, 2, 3]), 1, "one byte has left, so one fits");
  });

  it("UART_RX comes when bytes wait and the line has been idle 10 symbols", async () => {
    const bench = new PartBench({ baud: 9600 });
    const part = bench.attachUart(new Recorder());
    part.send([1, 2, 3, 4, 5]);
    await bench.advance("100ms");
    assert.deepEqual(bench.rx, [{ timeUs: Math.ceil(15 * SYMBOL_9600), waiting: 5, dropped: 0 }]);
    assert.deepEqual([...bench.receive()], [1, 2, 3, 4, 5]);
  });

  it("a long burst raises UART_RX every 120 bytes, then once more when the line goes idle", async () => {
    const bench = new PartBench({ baud: 115200 });
    const part = bench.attachUart(new Recorder(115200));
    part.send(new Uint8Array(300));
    await bench.advance("100ms");
    assert.deepEqual(
      bench.rx.map((e) => e.waiting),
      [120, 240, 300],
    );
  });

  it("a read takes only the bytes that have arrived by then", async () => {
    const bench = new PartBench({ baud: 9600 });
    const part = bench.attachUart(new Recorder());
    part.send([1, 2, 3, 4]);
    await bench.advance(Math.ceil(2 * SYMBOL_9600));
    assert.deepEqual([...bench.receive()], [1, 2]);
  });

  it("bytes beyond the 1024-byte RX buffer are dropped, counted, and reported in UART_RX's b", async () => {
    const bench = new PartBench({ baud: 115200 });
    const part = bench.attachUart(new Recorder(115200));
    part.send(new Uint8Array(1100));
    await bench.advance("200ms");
    assert.equal(bench.uart.stats(0).dropped, 76);
    assert.equal(
      bench.rx.reduce((sum, e) => sum + e.dropped, 0),
      76,
    );
    assert.equal(bench.rx[bench.rx.length - 1]?.waiting, 1024);
    assert.equal(bench.receive().length, 1024);
  });

  it("the console port is refused to firmware and to parts", () => {
    const board = Board.load("esp32-devkitc");
    assert.equal(board.uart.setup(0, 1, 3, 115200), STATUS.ERR_INVALID_ARG);
    assert.throws(
      () => board.attachUart(0, new Recorder()),
      (e: unknown) => e instanceof SailError && /UART 0 is the console of esp32-devkitc/.test(e.message),
    );
  });

  it("a port the board lacks and rates outside 300..5,000,000 baud are ERR_INVALID_ARG", () => {
    const board = Board.load("esp32-devkitc");
    assert.equal(board.uart.setup(3, 17, 16, 9600), STATUS.ERR_INVALID_ARG);
    assert.equal(board.uart.setup(2, 17, 16, 299), STATUS.ERR_INVALID_ARG);
    assert.equal(board.uart.setup(2, 17, 16, 5_000_001), STATUS.ERR_INVALID_ARG);
    assert.equal(board.uart.setup(2, 17, 16, 5_000_000), STATUS.OK);
  });

  it("two parts on one port are refused", () => {
    const board = Board.load("esp32-devkitc");
    board.attachUart(2, new Recorder());
    assert.throws(() => board.attachUart(2, new Recorder()), /UART 2 already has recorder attached/);
  });

  it("a port not set up refuses writes, reads and watches with ERR_INVALID_STATE", () => {
    const board = Board.load("esp32-devkitc");
    assert.equal(board.uart.write(1, Uint8Array.of(1)), STATUS.ERR_INVALID_STATE);
    assert.equal(board.uart.read(1, 8), STATUS.ERR_INVALID_STATE);
    assert.equal(board.uart.watch(1, 1), STATUS.ERR_INVALID_STATE);
  });

  it("a baud-rate mismatch garbles the bytes and is warned about once", async () => {
    const bench = new PartBench({ baud: 115200 });
    const part = bench.attachUart(new Recorder(9600));
    part.send([0x42, 0x4d, 0x00, 0x1c]);
    bench.send([0x42]);
    await bench.advance("50ms");
    assert.notDeepEqual([...bench.receive()], [0x42, 0x4d, 0x00, 0x1c]);
    assert.equal(part.heard.length, 0, "the part sees framing errors, not bytes");
    assert.deepEqual(bench.warnings, [
      "UART 0: the board runs at 115200 baud but recorder at 9600; bytes are garbled both ways. Set 9600 in uart_setup",
    ]);
  });

  describe("through the firmware", () => {
    const ECHO = `${ENTRY}import { Uart, log } from "../../assembly/sail";
const buf = memory.data(256);
const port = new Uart(1, 4, 5, 115200);
export function sail_setup(): void {
  log.info("setup " + port.status.toString() + " watch " + port.onReceive(echo).toString());
}
function echo(available: i32, dropped: i32): void {
  const n = port.read(buf, 256);
  log.info("rx " + available.toString() + " " + dropped.toString() + " read " + n.toString());
  port.write(buf, n);
}
`;
    it("UART_RX reaches the onReceive callback with bytes waiting and dropped; the echo reaches the part", async () => {
      const board = Board.load("esp32-devkitc");
      const part = board.attachUart(1, new Recorder(115200));
      await board.flash(await compileSnippet("uart-echo", ECHO, ["--runtime", "minimal"]));
      await board.advance("10ms");
      part.send(new TextEncoder().encode("hello"));
      await board.advance("10ms");
      const app = board.logs.filter((l) => l.source === "app").map((l) => l.text);
      assert.deepEqual(app, ["setup 0 watch 0", "rx 5 0 read 5"]);
      assert.equal(new TextDecoder().decode(Uint8Array.from(part.heard.map((h) => h.byte))), "hello");
    });

    it("a chip reset empties the RX buffer: bytes received before it never reach the new boot", async () => {
      const board = Board.load("esp32-devkitc");
      const part = board.attachUart(1, new Recorder(115200));
      await board.flash(await compileSnippet("uart-echo", ECHO, ["--runtime", "minimal"]));
      part.send(new Uint8Array(5));
      await board.advance(600); // arrived, but the line has not been idle long enough for UART_RX
      board.powerOn();
      await board.advance("20ms");
      assert.equal(board.logs.filter((l) => l.text.startsWith("rx ")).length, 0);
      assert.equal(board.uart.stats(1).waiting, 0);
    });

    it("bytes a part sends while the port is not set up are lost, and counted", async () => {
      const board = Board.load("esp32-devkitc");
      const part = board.attachUart(2, new Recorder(9600));
      part.send([1, 2, 3]);
      await board.advance("10ms");
      assert.equal(board.uart.stats(2).lost, 3);
    });
  });
});
