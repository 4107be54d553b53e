// WS2812B addressable RGB LEDs (Worldsemi WS2812B datasheet, "Data transfer
// time" and "Composition of 24bit data"; docs/reference/hal-parts.md §2). Bus face:
// a waveform of high/low pulses from the board's RMT; each LED takes the first
// 24 bits (G, R, B, MSB first) and passes the rest on, and all latch after the
// line has been low for the reset time. A pulse the datasheet's windows do not
// accept makes the whole frame refused: the LEDs keep their colours. Test face:
// each LED's colour.

import type { PartHost } from "./part.js";

/** The datasheet's code timings, ns, each ±150 ns, and the reset (low for at least 50 µs). */
export const WS2812_TIMING = { t0hNs: 400, t0lNs: 850, t1hNs: 800, t1lNs: 450, toleranceNs: 150, resetUs: 50 } as const;

/** What the RMT sends: every bit as one high and one low pulse, then the line held low for `resetUs`. */
export interface LedWaveform {
  readonly startUs: number;
  readonly bytes: Uint8Array;
  /** The pulse widths of a 0 bit and a 1 bit as the RMT made them at its resolution, ns. */
  readonly zero: { readonly highNs: number; readonly lowNs: number };
  readonly one: { readonly highNs: number; readonly lowNs: number };
  readonly resetUs: number;
}

/** An LED's colour as 0xRRGGBB. */
export type Rgb = number;

/** The bus face of a chain of addressable LEDs on one data pin. */
export interface LedChain {
  readonly name: string;
  /** Each LED's colour, 0xRRGGBB, nearest the board first. */
  readonly colours: readonly Rgb[];
  connect(host: PartHost): void;
  /** A waveform on the data line; returns the colours after it, or null when the chain refused it. */
  receive(w: LedWaveform): readonly Rgb[] | null;
  /** The board's power was cut: the LEDs, powered from it, go dark. */
  powerOff(): void;
}

const within = (ns: number, nominal: number): boolean => Math.abs(ns - nominal) <= WS2812_TIMING.toleranceNs;

/** Why a waveform's timing is refused, or null when a WS2812B accepts it. */
export function ws2812TimingProblem(w: LedWaveform): string | null {
  const t = WS2812_TIMING;
  const win = (n: number): string => `${n} ± ${t.toleranceNs} ns`;
  if (!within(w.zero.highNs, t.t0hNs)) return `a 0 bit's high time is ${w.zero.highNs} ns, outside T0H ${win(t.t0hNs)}`;
  if (!within(w.zero.lowNs, t.t0lNs)) return `a 0 bit's low time is ${w.zero.lowNs} ns, outside T0L ${win(t.t0lNs)}`;
  if (!within(w.one.highNs, t.t1hNs)) return `a 1 bit's high time is ${w.one.highNs} ns, outside T1H ${win(t.t1hNs)}`;
  if (!within(w.one.lowNs, t.t1lNs)) return `a 1 bit's low time is ${w.one.lowNs} ns, outside T1L ${win(t.t1lNs)}`;
  if (w.resetUs < t.resetUs)
    return `the line is low for ${w.resetUs} µs after the data, under the ${t.resetUs} µs reset`;
  return null;
}

export class Ws2812Strip implements LedChain {
  readonly name: string;
  readonly #colours: Rgb[];
  #host: PartHost | null = null;
  #warned = false;

  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count < 1 || count > 4096)
      throw new RangeError(`a WS2812 strip of ${count} LEDs: give a whole number from 1 to 4096`);
    this.name = count === 1 ? "WS2812" : `WS2812 strip (${count} LEDs)`;
    this.#colours = new Array<Rgb>(count).fill(0);
  }

  /** Each LED's colour, 0xRRGGBB, nearest the board first. */
  get colours(): readonly Rgb[] {
    return this.#colours;
  }

  /** LED `i`'s colour as [r, g, b]. */
  rgb(i: number): readonly [number, number, number] {
    const c = this.#colours[i] ?? 0;
    return [(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff];
  }

  /** Whether any LED shows a colour other than black. */
  get lit(): boolean {
    return this.#colours.some((c) => c !== 0);
  }

  connect(host: PartHost): void {
    this.#host = host;
  }

  /** Power cut: the LEDs go dark. */
  powerOff(): void {
    this.#colours.fill(0);
  }

  receive(w: LedWaveform): readonly Rgb[] | null {
    const problem = ws2812TimingProblem(w);
    if (problem !== null) {
      if (!this.#warned && this.#host !== null) {
        this.#warned = true;
        this.#host.warn(
          `${this.name} at ${this.#host.where}: ${problem} (WS2812B datasheet); the LEDs keep their colours. ` +
            "Fix the profile's .rmt.resolutionHz so the RMT can make the timing",
        );
      }
      return null;
    }
    // Each LED takes 24 bits, G then R then B; bytes past the last LED leave the chain at its DOUT.
    const n = Math.min(this.count, Math.floor(w.bytes.length / 3));
    for (let i = 0; i < n; i++) {
      const g = w.bytes[3 * i] ?? 0;
      const r = w.bytes[3 * i + 1] ?? 0;
      const b = w.bytes[3 * i + 2] ?? 0;
      this.#colours[i] = (r << 16) | (g << 8) | b;
    }
    return this.#colours;
  }
}
