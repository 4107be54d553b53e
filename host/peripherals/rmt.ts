// The RMT transmitter as addressable LEDs use it (ESP32 TRM ch. "Remote Control
// Peripheral"; ESP-IDF driver/rmt_tx.h with the bytes encoder, as the
// led_strip component does). A pin takes a free TX channel on first use; each
// write turns the bytes into WS2812 pulses counted in ticks of the profile's
// resolution, then holds the line low for the reset time. Test face: attach a
// chain of LEDs to a pin; every frame the chain accepts is published as a
// "leds" change (trace, VCD).

import { STATUS } from "../abi/table.js";
import { SailError } from "../errors.js";
import type { PartHost } from "../parts/part.js";
import { WS2812_TIMING, type LedChain, type LedWaveform, type Rgb } from "../parts/ws2812.js";
import type { Changes } from "../trace/changes.js";
import type { BusPads } from "./i2c.js";

export interface RmtConfig {
  readonly txChannels: number;
  readonly resolutionHz: number;
}

export interface RmtHost {
  readonly pads: BusPads;
  readonly changes: Changes;
  readonly now: () => number;
  readonly partHost: (where: string) => PartHost;
}

export interface RmtResult {
  readonly status: number;
  /** Time the frame and its reset take on the line, µs. */
  readonly durationUs: number;
}

export class Rmt {
  /** The TX channel each pin took, in the order pins were first used. */
  readonly #channels = new Map<number, number>();
  readonly #chains = new Map<number, LedChain>();
  readonly #zero: LedWaveform["zero"];
  readonly #one: LedWaveform["one"];
  readonly #bitUs: number;

  constructor(
    readonly config: RmtConfig,
    readonly host: RmtHost,
  ) {
    // Each duration is a whole number of ticks (rmt_symbol_word_t), at least one.
    const tickNs = 1e9 / config.resolutionHz;
    const ticks = (ns: number): number => Math.max(1, Math.round(ns / tickNs)) * tickNs;
    const t = WS2812_TIMING;
    this.#zero = { highNs: ticks(t.t0hNs), lowNs: ticks(t.t0lNs) };
    this.#one = { highNs: ticks(t.t1hNs), lowNs: ticks(t.t1lNs) };
    this.#bitUs = Math.max(this.#zero.highNs + this.#zero.lowNs, this.#one.highNs + this.#one.lowNs) / 1000;
  }

  /** The channel `pin` transmits on, or null if it has not been used. */
  channelOf(pin: number): number | null {
    return this.#channels.get(pin) ?? null;
  }

  // --- firmware face ---------------------------------------------------------

  write(pin: number, bytes: Uint8Array, startUs = this.host.now()): RmtResult {
    if (bytes.length === 0 || bytes.length % 3 !== 0) return { status: STATUS.ERR_INVALID_ARG, durationUs: 0 };
    let channel = this.#channels.get(pin);
    if (channel === undefined) {
      if (this.#channels.size >= this.config.txChannels) return { status: STATUS.ERR_NOT_FOUND, durationUs: 0 };
      channel = this.#channels.size;
      this.host.pads.claim(pin, `RMT ${channel} TX`, "output", "led_strip_write");
      this.#channels.set(pin, channel);
    }
    const resetUs = WS2812_TIMING.resetUs;
    const durationUs = bytes.length * 8 * this.#bitUs + resetUs;
    const chain = this.#chains.get(pin);
    const colours = chain?.receive({ startUs, bytes, zero: this.#zero, one: this.#one, resetUs }) ?? null;
    if (colours !== null) this.#publish(pin, colours, Math.round(startUs + durationUs));
    return { status: STATUS.OK, durationUs };
  }

  // --- test face -------------------------------------------------------------

  /** Wires a chain of LEDs to `pin`'s data line. */
  attach<C extends LedChain>(pin: number, chain: C): C {
    const taken = this.#chains.get(pin);
    if (taken !== undefined) throw new SailError(`GPIO ${pin} already drives ${taken.name}; one chain per data pin`);
    this.#chains.set(pin, chain);
    chain.connect(this.host.partHost(`GPIO ${pin}`));
    return chain;
  }

  /** The chain on `pin`, if any. */
  chain(pin: number): LedChain | undefined {
    return this.#chains.get(pin);
  }

  /** The board's power was cut: every chain goes dark. */
  powerOff(): void {
    for (const chain of this.#chains.values()) chain.powerOff();
  }

  /** Chip reset: channels freed (the LEDs keep their colours: they are powered by the board). */
  reset(): void {
    for (const channel of this.#channels.values()) this.host.pads.release(`RMT ${channel} `);
    this.#channels.clear();
  }

  #publish(pin: number, colours: readonly Rgb[], timeUs: number): void {
    this.host.changes.publishLeds(timeUs, pin, [...colours]);
  }
}
