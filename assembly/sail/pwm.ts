// PWM on an LEDC channel: frequency, resolution and duty.

import { pwm_set_duty, pwm_set_freq, pwm_setup } from "./bindings";

export class Pwm {
  readonly channel: i32;
  readonly maxDuty: u32;

  /**
   * Attaches a channel to `gpio`. freq x 2^bits must suit the 80 MHz clock
   * (5 kHz allows up to 13 bits); a refusal is a panic naming the values.
   */
  constructor(readonly gpio: i32, freqHz: i32 = 5000, readonly bits: i32 = 13) {
    const ch = pwm_setup(gpio, freqHz, bits);
    if (ch < 0) throw new Error("pwm_setup refused this frequency and resolution, or no channel is free");
    this.channel = ch;
    this.maxDuty = <u32>1 << <u32>bits;
  }

  /** Duty in counts, 0 .. maxDuty. */
  duty(counts: u32): void { pwm_set_duty(this.channel, <i32>min(counts, this.maxDuty)); }

  /** Duty as a fraction, 0.0 .. 1.0. */
  fraction(f: f32): void {
    const clamped = f < 0 ? <f32>0 : f > 1 ? <f32>1 : f;
    this.duty(<u32>(clamped * <f32>this.maxDuty + 0.5));
  }

  frequency(hz: i32): bool { return pwm_set_freq(this.channel, hz) == 0; }
}
