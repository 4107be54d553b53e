// HAL figures (ABI 1.3): the wall time of one spi_transfer (a MAX31855 frame,
// 4 bytes at 4 MHz) and one led_strip_write (8 WS2812 LEDs) from firmware
// through the board's models, and the rice cooker's whole virtual cook (start
// to keep-warm in its kitchen, about an hour) in wall time, median of three.
// Prints the figures; never fails on a goal.

import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Board } from "../host/board/board.js";
import { buildProject } from "../host/build/build.js";
import { Max31855 } from "../host/parts/max31855.js";
import { Ws2812Strip } from "../host/parts/ws2812.js";
import { RicePot } from "../host/world/rice-pot.js";
import type { Figure } from "./foundation.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TICKS = 50;

async function image(project: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile((await buildProject(join(ROOT, project))).file));
}

/** Wall ns per call over TICKS ticks of `calls` calls, after a warm-up tick. */
async function perCall(bytes: Uint8Array, spi: boolean, calls: number): Promise<number> {
  const board = Board.load("esp32-devkitc");
  board.pin(4).drive(spi ? 1 : 0);
  if (spi) board.attachSpi(0, 5, new Max31855());
  else board.attachLeds(13, new Ws2812Strip(8));
  await board.flash(bytes);
  await board.advance("150ms");
  const t0 = performance.now();
  await board.advance(`${TICKS * 100}ms`);
  return ((performance.now() - t0) * 1e6) / (TICKS * calls);
}

/** Wall ns of one gpio_write in the same run, so the figures above read as a ratio on a loaded machine. */
async function gpioWriteNs(): Promise<number> {
  const board = Board.load("esp32-devkitc");
  await board.flash(await image("bench/firmware/abi-calls"));
  await board.advance("100ms");
  const t0 = performance.now();
  await board.advance("1000ms");
  return ((performance.now() - t0) * 1e6) / (100 * 10_000);
}

/** One cook from the start action to keep warm, in wall ms. */
async function cook(bytes: Uint8Array, seed: number): Promise<{ wallMs: number; virtualS: number }> {
  const board = Board.load("esp32-devkitc", { seed });
  const pot = new RicePot();
  board.attachSpi(0, 5, new Max31855({ environment: () => ({ hotC: pot.at(board.now), coldC: 25 }) }));
  await board.flash(bytes);
  pot.attach(board, 23);
  await board.advance("5s");
  const miot = board.miot;
  if (miot === null) throw new Error("the rice cooker's image carries no spec");
  const t0 = performance.now();
  const start = board.now;
  miot.action(2, 1, []);
  await board.runUntil(() => board.logs.some((l) => l.text.startsWith("phase 6 ")), "3h", "keep warm");
  return { wallMs: performance.now() - t0, virtualS: (board.now - start) / 1e6 };
}

export async function halFigures(report: (f: Figure) => void): Promise<void> {
  const calls = await image("bench/firmware/hal-calls");
  const spiNs = await perCall(calls, true, 1_000);
  const ledNs = await perCall(calls, false, 100);
  const gpioNs = await gpioWriteNs();
  const ratio = (ns: number): string => `${Math.round(ns / gpioNs).toLocaleString("en")}× a gpio_write`;
  report({
    name: "one spi_transfer (4 bytes at 4 MHz to a MAX31855 model, CS shown on its pin)",
    value: `${(spiNs / 1000).toFixed(2)} µs (${ratio(spiNs)}, ${gpioNs.toFixed(0)} ns, in the same run)`,
    goal: "(report)",
    met: null,
  });
  report({
    name: "one led_strip_write (8 WS2812 LEDs: timing checked, colours traced)",
    value: `${(ledNs / 1000).toFixed(2)} µs (${ratio(ledNs)})`,
    goal: "(report)",
    met: null,
  });
  const cooker = await image("examples/rice-cooker");
  await cook(cooker, 0); // warm up the compiler
  const runs = [await cook(cooker, 1), await cook(cooker, 2), await cook(cooker, 3)].sort(
    (a, b) => a.wallMs - b.wallMs,
  );
  const median = runs[1] ?? runs[0];
  if (median === undefined) return;
  report({
    name: "rice cooker: one virtual cook, start to keep warm (MAX31855 read every second, pot model)",
    value:
      `${(median.wallMs / 1000).toFixed(2)} s wall for ${(median.virtualS / 60).toFixed(1)} min virtual` +
      " (median of 3)",
    goal: "seconds",
    met: median.wallMs < 10_000,
  });
}
