// Inputs stay live while a handler blocks: a click's release, a pulse's end,
// contact bounce, a scenario step, a world value and UART bytes take effect at
// their own virtual time also while the firmware is inside delay_us, a bus
// transfer or a busy-wait, so the handler reads the world as of now; the
// firmware events they cause (an edge interrupt) still wait for the handler to
// return. Each probe runs on both boards.

import assert from "node:assert/strict";
import { Board } from "../host/board/board.js";
import type { PartHost, UartLine, UartPart } from "../host/parts/part.js";
import { Sht3x } from "../host/parts/sht3x.js";
import { applyScenario } from "../host/scenario/scenario.js";
import { TestBoard } from "../host/testing/test-board.js";
import { World } from "../host/world/world.js";
import { compileSnippet, ENTRY } from "./support/snippets.js";

interface Wiring {
  readonly profile: string;
  readonly button: number;
  /** A free pin the tests drive from outside. */
  readonly pin: number;
  readonly adc: number;
  readonly i2c: { readonly sda: number; readonly scl: number };
  readonly uart: { readonly port: number; readonly tx: number; readonly rx: number };
}

const BOARDS: readonly Wiring[] = [
  {
    profile: "esp32-devkitc",
    button: 0,
    pin: 4,
    adc: 34,
    i2c: { sda: 21, scl: 22 },
    uart: { port: 2, tx: 17, rx: 16 },
  },
  {
    profile: "esp32-c3-devkitm",
    button: 9,
    pin: 6,
    adc: 3,
    i2c: { sda: 4, scl: 5 },
    uart: { port: 1, tx: 7, rx: 10 },
  },
];

const SDK = "Adc, delayMs, delayUs, Edge, I2c, log, Pin, Pull, time, Timer, Uart";
const HEAD = `${ENTRY}import { ${SDK} } from "../../assembly/sail";
`;

/**
 * The polling probe: every millisecond, if the button (active low) is down, poll it every 1 ms until it is
 * up again (at most 3 s) and log how long it was held.
 */
const pollingProbe = (w: Wiring): string => `${HEAD}
const button = new Pin(${w.button}).input();
export function sail_setup(): void { Timer.every(1, poll); }
function poll(): void {
  if (button.read()) return;
  const start = time.ms();
  while (!button.read() && time.ms() - start < 3000) delayMs(1);
  log.info("held " + (time.ms() - start).toString() + " ms");
}
`;

/** 10 ms after boot: busy-waits (no delay) until the pin goes low again, and logs when. */
const busyWaitProbe = (w: Wiring): string => `${HEAD}
const pin = new Pin(${w.pin}).input(Pull.DOWN);
export function sail_setup(): void { Timer.after(10, wait); }
function wait(): void {
  const start = time.us();
  let spins = 0;
  while (pin.read() && time.us() - start < 1_000_000) spins++;
  log.info("low at " + time.us().toString() + " us after " + spins.toString() + " spins");
}
`;

/** 1 ms after boot: polls the button every 5 µs for 20 ms and counts the level changes it sees. */
const bounceProbe = (w: Wiring): string => `${HEAD}
const button = new Pin(${w.button}).input();
export function sail_setup(): void { Timer.after(1, watch); }
function watch(): void {
  const start = time.us();
  let last = button.read();
  let changes = 0;
  while (time.us() - start < 20_000) {
    const now = button.read();
    if (now != last) changes++;
    last = now;
    delayUs(5);
  }
  log.info("changes " + changes.toString());
}
`;

/** 10 ms after boot: reads the ADC, waits 100 ms, reads it again. */
const adcProbe = (w: Wiring): string => `${HEAD}
const adc = new Adc(${w.adc});
export function sail_setup(): void { Timer.after(10, read); }
function read(): void {
  const before = adc.millivolts();
  delayMs(100);
  log.info("mv " + before.toString() + " then " + adc.millivolts().toString());
}
`;

/** Watches the pin's edges; 10 ms after boot a handler blocks 100 ms; timers fall due at 30 and 70 ms. */
const edgeProbe = (w: Wiring): string => `${HEAD}
const pin = new Pin(${w.pin}).input(Pull.DOWN);
export function sail_setup(): void {
  pin.onEdge(Edge.RISING, (level: bool, timeUs: i64): void => {
    log.info("edge at " + timeUs.toString() + " us");
  });
  Timer.after(10, block);
  Timer.after(30, (): void => log.info("timer 30"));
  Timer.after(70, (): void => log.info("timer 70"));
}
function block(): void {
  delayMs(100);
  log.info("handler done, pin " + (pin.read() ? "1" : "0"));
}
`;

/** 10 ms after boot: reads the SHT3x (single shot), waits 3 s, reads it again. */
const worldProbe = (w: Wiring): string => `${HEAD}import { Sht3x } from "../../assembly/drivers";
const sht = new Sht3x(new I2c(0, ${w.i2c.sda}, ${w.i2c.scl}, 400_000));
export function sail_setup(): void { Timer.after(10, read); }
function show(): void {
  const s = sht.sample();
  if (s === null) { log.error("sht3x status " + sht.status.toString()); return; }
  log.info("t " + s.rawTemperature.toString() + " at " + s.timeUs.toString());
}
function read(): void {
  show();
  delayMs(3000);
  show();
}
`;

/** 10 ms after boot: waits 50 ms, then reads what the UART received meanwhile. */
const uartProbe = (w: Wiring): string => `${HEAD}
const uart = new Uart(${w.uart.port}, ${w.uart.tx}, ${w.uart.rx}, 9600);
const buffer = new StaticArray<u8>(64);
export function sail_setup(): void { Timer.after(10, read); }
function read(): void {
  delayMs(50);
  const n = uart.read(changetype<usize>(buffer), 64);
  let text = "";
  for (let i = 0; i < n; i++) text += String.fromCharCode(buffer[i]);
  log.info("read " + n.toString() + " bytes: " + text);
}
`;

/** A UART part that sends what a test gives it. */
class Sender implements UartPart {
  readonly name = "sender";
  readonly baud = 9600;
  line: UartLine | null = null;
  connect(_host: PartHost, line: UartLine): void {
    this.line = line;
  }
  receive(): void {
    /* hears nothing */
  }
}

async function flashed(w: Wiring, name: string, source: string): Promise<Board> {
  const image = await compileSnippet(`inputs-live-${name}-${w.profile}`, source);
  const board = Board.load(w.profile);
  await board.flash(image);
  return board;
}

/** The app's log lines matching `pattern`, with their times. */
function appLogs(board: Board, pattern: RegExp): { timeUs: number; text: string }[] {
  return board.logs.filter((l) => l.source === "app" && pattern.test(l.text));
}

for (const w of BOARDS) {
  describe(`inputs while a handler blocks (${w.profile})`, () => {
    it("the polling probe reports 200 ms (± its 1 ms step) for a 200 ms click", async () => {
      const image = await compileSnippet(`inputs-live-poll-${w.profile}`, pollingProbe(w));
      const t = new TestBoard(Board.load(w.profile));
      await t.board.flash(image);
      await t.advance("10.5ms");
      await t.button("boot").click({ hold: "200ms" });
      const held = t.logsMatching(/^held /).map((l) => Number(/held (\d+) ms/.exec(l.text)?.[1]));
      assert.equal(held.length, 1, `one press, one report: ${JSON.stringify(held)}`);
      const ms = held[0] as number;
      assert.ok(ms >= 199 && ms <= 201, `held ${ms} ms for a 200 ms press`);
    });

    it("a pulse on a pin ends for a busy-wait read at its time", async () => {
      const image = await compileSnippet(`inputs-live-busy-${w.profile}`, busyWaitProbe(w));
      const t = new TestBoard(Board.load(w.profile));
      await t.board.flash(image);
      const start = t.board.clock.now;
      await t.pin(w.pin).pulse(1, "50ms");
      await t.advance("10ms");
      const line = appLogs(t.board, /^low at /)[0];
      assert.ok(line !== undefined, "the probe saw the pin go low");
      const lowAt = Number(/low at (\d+) us/.exec(line.text)?.[1]);
      const endUs = t.board.pin(w.pin).edges("falling")[0]?.timeUs ?? NaN;
      assert.equal(endUs, start + 50_000, "the pulse ended 50 ms after it began");
      assert.ok(lowAt >= endUs && lowAt < endUs + 50, `seen low at ${lowAt} µs, the pulse ended at ${endUs} µs`);
    });

    it("contact bounce is seen by a loop polling the button", async () => {
      const board = await flashed(w, "bounce", bounceProbe(w));
      const button = board.button("boot");
      board.clock.input(board.clock.now + 5_000, () => button.press({ bounceUs: 3_000 }));
      await board.advance("30ms");
      const seen = Number(/changes (\d+)/.exec(appLogs(board, /^changes /)[0]?.text ?? "")?.[1]);
      const traced = board.pin(w.button).edges().length;
      assert.ok(traced >= 5, `the contact chattered: ${traced} edges`);
      assert.ok(seen >= 3 && seen <= traced, `the loop saw ${seen} of ${traced} changes`);
    });

    it("an ADC voltage changed by a scenario step is read mid-delay", async () => {
      const board = await flashed(w, "adc", adcProbe(w));
      board.pin(w.adc).setVoltage(500);
      applyScenario(board, [{ atUs: 50_000, voltage: { gpio: w.adc, mv: 2000 } }]);
      await board.advance("200ms");
      const line = appLogs(board, /^mv /)[0]?.text ?? "";
      const [before, after] = (/mv (\d+) then (\d+)/.exec(line) ?? []).slice(1).map(Number);
      assert.ok(Math.abs((before ?? 0) - 500) <= 2, `before the step: ${line}`);
      assert.ok(Math.abs((after ?? 0) - 2000) <= 2, `after the step, inside the same handler: ${line}`);
    });

    it("a scenario drive lands at its time while a handler blocks; the edge interrupt waits for it", async () => {
      const board = await flashed(w, "edge", edgeProbe(w));
      const start = board.clock.now;
      applyScenario(board, [{ atUs: 50_000, drive: { gpio: w.pin, level: 1 } }]);
      await board.advance("200ms");
      const rising = board.pin(w.pin).edges("rising");
      assert.deepEqual(
        rising.map((e) => e.timeUs),
        [start + 50_000],
        "the pad rose at the step's time, inside the handler",
      );
      const lines = appLogs(board, /^(edge at|handler done|timer)/);
      assert.deepEqual(
        lines.map((l) => l.text),
        ["handler done, pin 1", "timer 30", `edge at ${start + 50_000} us`, "timer 70"],
        "the handler saw the pad high; then the events due meanwhile ran in the order of their times",
      );
      const edge = lines[2];
      assert.ok(edge !== undefined && edge.timeUs >= 110_000, "the edge handler ran after the blocking handler");
    });

    it("a world value read through an SHT3x mid-handler is the world's as of now", async () => {
      const board = Board.load(w.profile);
      // A small heat capacity, so the heated room warms about 1.5 °C a second: a reading's time shows.
      const world = new World(board.clock, { noise: false, thermal: { heatCapacityJPerK: 1_000 } });
      world.addHeater({ powerW: 1500 }).set(1);
      board.attachI2c(0, new Sht3x({ noise: false, environment: world.environmentProvider() }));
      board.clock.input(1_000_000, () => world.setTemperature(30));
      const image = await compileSnippet(`inputs-live-world-${w.profile}`, worldProbe(w));
      await board.flash(image);
      await board.advance("4s");
      const reads = appLogs(board, /^t /).map((l) => (/t (\d+) at (\d+)/.exec(l.text) ?? []).slice(1).map(Number));
      assert.equal(reads.length, 2, JSON.stringify(board.logs.map((l) => l.text)));
      const raw = (c: number): number => Math.round(((c + 45) / 175) * 65535);
      const [first, second] = reads as [[number, number], [number, number]];
      // Within 0.05 °C (20 counts): the heater warms the room about 1.5 °C a second while the part measures.
      assert.ok(Math.abs(first[0] - raw(20)) <= 20, `read ${first[0]} at ${first[1]} µs, before the step: 20 °C`);
      const expected = raw(world.thermal.temperatureAt(second[1]));
      assert.ok(
        Math.abs(second[0] - expected) <= 20,
        `read ${second[0]} at ${second[1]} µs, the world then ${expected}`,
      );
      assert.ok(second[0] - raw(30) > 200, `the room warmed after the step to 30 °C at 1 s: ${second[0]}`);
    });

    it("UART bytes a part sends during a delay are read by uart_read in the same handler", async () => {
      const board = Board.load(w.profile);
      const part = board.attachUart(w.uart.port, new Sender());
      board.clock.input(20_000, () => part.line?.send(new TextEncoder().encode("hello"), board.clock.now));
      const image = await compileSnippet(`inputs-live-uart-${w.profile}`, uartProbe(w));
      await board.flash(image);
      await board.advance("100ms");
      assert.deepEqual(
        appLogs(board, /^read /).map((l) => l.text),
        ["read 5 bytes: hello"],
      );
    });
  });
}
