// LEDC PWM (ESP32 TRM ch. 14; ESP-IDF ledc.c). A channel runs at freq with a
// bits-bit duty; the driver's divider clk·256 / (freq·2^bits) must lie in
// 256..0x3FFFF, i.e. clk/1024 <= freq·2^bits <= clk. Duty 0..2^bits.

import { STATUS } from "../abi/table.js";
import type { BoardProfile } from "../boards/profile.js";
import { FirmwareFault } from "../firmware/faults.js";
import type { Changes } from "../trace/changes.js";
import type { PinMux } from "./pin-mux.js";

const DIV_MIN = 256;
const DIV_MAX = 0x3ffff;

export interface PwmChannel {
  readonly channel: number;
  readonly gpio: number;
  readonly freqHz: number;
  readonly bits: number;
  readonly duty: number;
  /** duty / 2^bits, 0..1. */
  readonly dutyFraction: number;
}

interface ChannelState {
  gpio: number;
  freqHz: number;
  bits: number;
  duty: number;
}

export interface PwmHost {
  /** Decides which pads may carry PWM; a pad taken for another use detaches its channel. */
  readonly mux: PinMux;
  /** Duty and frequency changes are published here. */
  readonly changes: Changes;
  /** Board time, including the running handler's. */
  readonly now: () => number;
}

export class Pwm {
  readonly #channels: (ChannelState | null)[];

  constructor(
    readonly ledc: BoardProfile["ledc"],
    readonly host: PwmHost,
  ) {
    this.#channels = Array.from({ length: ledc.channels }, () => null);
    host.mux.onPwmRelease((gpio) => this.detach(gpio));
  }

  // --- firmware face -------------------------------------------------------

  setup(gpio: number, freqHz: number, bits: number): number {
    this.host.mux.forPwm(gpio, "pwm_setup");
    if (bits < 1 || bits > this.ledc.maxBits || !this.#clockCanMake(freqHz, bits)) return STATUS.ERR_INVALID_ARG;
    let channel = this.#channels.findIndex((c) => c?.gpio === gpio);
    if (channel < 0) channel = this.#channels.indexOf(null);
    if (channel < 0) return STATUS.ERR_NOT_FOUND;
    this.#channels[channel] = { gpio, freqHz, bits, duty: 0 };
    this.#record(channel);
    return channel;
  }

  setDuty(channel: number, duty: number): number {
    const c = this.#channel(channel, "pwm_set_duty");
    if (duty < 0 || duty > 2 ** c.bits) return STATUS.ERR_INVALID_ARG;
    if (duty !== c.duty) {
      c.duty = duty;
      this.#record(channel);
    }
    return STATUS.OK;
  }

  setFreq(channel: number, freqHz: number): number {
    const c = this.#channel(channel, "pwm_set_freq");
    if (!this.#clockCanMake(freqHz, c.bits)) return STATUS.ERR_INVALID_ARG;
    if (freqHz !== c.freqHz) {
      c.freqHz = freqHz;
      this.#record(channel);
    }
    return STATUS.OK;
  }

  // --- test face -----------------------------------------------------------

  /** The channel driving `gpio`, or null. */
  onPin(gpio: number): PwmChannel | null {
    const channel = this.#channels.findIndex((c) => c?.gpio === gpio);
    return channel < 0 ? null : this.#view(channel);
  }

  /** Detaches whatever channel drives `gpio` (the pin went back to GPIO). */
  detach(gpio: number): void {
    const channel = this.#channels.findIndex((c) => c?.gpio === gpio);
    if (channel >= 0) this.#stop(channel);
  }

  reset(): void {
    this.#channels.forEach((c, channel) => {
      if (c !== null) this.#stop(channel);
    });
  }

  /** Frees a channel; the trace shows its output stopping (duty 0, no frequency). */
  #stop(channel: number): void {
    const gpio = (this.#channels[channel] as ChannelState).gpio;
    this.#channels[channel] = null;
    this.host.changes.publishPwm(this.host.now(), gpio, 0, 0);
  }

  // -------------------------------------------------------------------------

  #clockCanMake(freqHz: number, bits: number): boolean {
    if (freqHz <= 0) return false;
    const div = (this.ledc.clockHz * 256) / (freqHz * 2 ** bits);
    return div >= DIV_MIN && div <= DIV_MAX;
  }

  #channel(channel: number, call: string): ChannelState {
    const c = this.#channels[channel];
    if (c === undefined || c === null) {
      throw new FirmwareFault(call, `PWM channel ${channel} was not set up (pwm_setup returns the channel to use)`);
    }
    return c;
  }

  #view(channel: number): PwmChannel {
    const c = this.#channels[channel] as ChannelState;
    return { channel, gpio: c.gpio, freqHz: c.freqHz, bits: c.bits, duty: c.duty, dutyFraction: c.duty / 2 ** c.bits };
  }

  #record(channel: number): void {
    const v = this.#view(channel);
    this.host.changes.publishPwm(this.host.now(), v.gpio, v.dutyFraction, v.freqHz);
  }
}
